/** The options page as a user drives it: fill the form by its labels, test, choose a board, save. */
import type { Page } from 'playwright-core';
import { extensionUrl } from '../../browser/chromium';
import type { PsaEnv } from '../../browser/psa-env';
import { CW_SITE_URL } from '../../browser/psa-env';

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(env: PsaEnv): Promise<OptionsPage> {
    const page = await env.browser.context.newPage();
    await page.goto(extensionUrl(env.browser.extensionId, 'options.html'));
    await page.getByRole('form', { name: 'ConnectWise PSA connection' }).waitFor();
    return new OptionsPage(page);
  }

  async fill(values: { siteUrl: string; companyId: string; publicKey: string; privateKey: string; clientId: string }): Promise<void> {
    await this.page.getByLabel('Site URL').fill(values.siteUrl);
    await this.page.getByLabel('Company ID').fill(values.companyId);
    await this.page.getByLabel('Public key').fill(values.publicKey);
    await this.page.getByLabel('Private key').fill(values.privateKey);
    await this.page.getByLabel('Client ID').fill(values.clientId);
  }

  async fillDemo(env: PsaEnv): Promise<void> {
    await this.fill({
      siteUrl: CW_SITE_URL,
      companyId: env.companyId,
      publicKey: env.demoTech.publicKey,
      privateKey: env.demoTech.privateKey,
      clientId: env.clientId,
    });
  }

  async testConnection(): Promise<string> {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
    const result = this.page.getByRole('status', { name: 'Test result' }).or(this.page.getByRole('alert'));
    await result.first().waitFor({ timeout: 20_000 });
    return (await result.first().textContent()) ?? '';
  }

  async chooseBoard(name: string): Promise<void> {
    await this.page.getByLabel('Service board').selectOption({ label: name });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save connection' }).click();
    await this.page.getByText('Saved. Pullboard is loading').waitFor({ timeout: 20_000 });
  }

  /** Connects the demo tech to the Service Desk board. */
  async connectDemo(env: PsaEnv): Promise<void> {
    await this.fillDemo(env);
    await this.testConnection();
    await this.chooseBoard('Service Desk');
    await this.page.getByText('open tickets on Service Desk').waitFor();
    await this.save();
  }
}
