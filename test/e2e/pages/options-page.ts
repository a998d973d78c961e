/** The options page as a user drives it: fill the form by its labels, test, choose a board, save. */
import type { Page } from 'playwright-core';
import { extensionUrl } from '../../browser/chromium';
import type { PsaEnv } from '../../browser/psa-env';
import { CW_SITE_URL, HALO_URL } from '../../browser/psa-env';

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

  async removeConnection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Remove', exact: true }).click();
    await this.page.getByText('Connection removed').waitFor({ timeout: 20_000 });
  }

  /** The PSA chooser at the top of the page: 'ConnectWise', 'Autotask' or 'Halo'. */
  async choosePsa(name: 'ConnectWise' | 'Autotask' | 'Halo'): Promise<void> {
    await this.page.getByRole('radio', { name }).check();
    const form = { ConnectWise: 'ConnectWise PSA connection', Autotask: 'Autotask PSA connection', Halo: 'HaloPSA connection' }[name];
    await this.page.getByRole('form', { name: form }).waitFor();
  }

  /** Waits for Test connection's result and says whether it found "me" (else the user must choose). */
  async testFor(boardLabel: 'Queue' | 'Team', board: string): Promise<string> {
    const text = await this.testConnection();
    if (!(await this.page.getByLabel(boardLabel).isVisible())) throw new Error(`Test connection failed: ${text}`);
    await this.page.getByLabel(boardLabel).selectOption({ label: board });
    await this.page.getByText(`open tickets on ${board}`).waitFor({ timeout: 20_000 });
    return (await this.page.getByRole('status', { name: 'Test result' }).textContent()) ?? '';
  }

  /**
   * Connects Autotask to the Service Desk queue. With `asTech` the credentials are the demo tech's own API user;
   * without, the MSP's shared API user, and the demo tech picks themselves from the resource list.
   */
  async connectAutotask(env: PsaEnv, options: { asTech?: boolean } = {}): Promise<string> {
    await this.choosePsa('Autotask');
    const who = options.asTech ? env.autotask.techs[0]! : env.autotask.apiUser;
    await this.page.getByLabel('API username').fill(who.userName);
    await this.page.getByLabel('Secret', { exact: true }).fill(who.secret);
    await this.page.getByLabel('Integration code').fill(env.autotask.integrationCode);
    const result = await this.testFor('Queue', 'Service Desk');
    if (!options.asTech) {
      const tech = env.autotask.techs[0]!;
      await this.page.getByLabel('Who are you?').selectOption({ label: `${tech.name} (${tech.email})` });
    }
    await this.save();
    return result;
  }

  /** Connects Halo (the demo tech's own application) to the Service Desk team. */
  async connectHalo(env: PsaEnv): Promise<string> {
    await this.choosePsa('Halo');
    const tech = env.halo.techs[0]!;
    await this.page.getByLabel('Halo URL').fill(HALO_URL);
    await this.page.getByLabel('Client ID').fill(tech.clientId);
    await this.page.getByLabel('Client secret').fill(tech.clientSecret);
    await this.page.getByLabel('Tenant (optional)').fill(env.halo.tenant);
    const result = await this.testFor('Team', 'Service Desk');
    await this.save();
    return result;
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
