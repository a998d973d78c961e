/**
 * A self-hosted PSA (here ConnectWise on-premise at psa.selfhosted.test, outside the manifest's patterns): the
 * options page asks for the host in the click, the background registers the dock's content script for it,
 * the dock shows on its pages; removing the connection unregisters it, and a reload shows no dock.
 * Runs the test build, whose manifest lists the host so the permission request resolves at once headless.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_HOSTED_URL, startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { TEST_EXTENSION_DIR } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage } from './pages/psa-page';

let env: PsaEnv;
let options: OptionsPage;

interface Registered { id: string; matches?: string[]; js?: string[] }
type Scripting = { scripting: { getRegisteredContentScripts(): Promise<Registered[]> } };

/** What the background registered, read in the service worker itself. */
const registered = () =>
  env.browser.worker.evaluate(async () => {
    const { scripting } = (globalThis as unknown as { chrome: Scripting }).chrome;
    return (await scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches, js: s.js }));
  });

beforeAll(async () => {
  env = await startPsaEnv({ sim: { tickets: 200, seed: 5 }, launch: { extensionDir: TEST_EXTENSION_DIR } });
  options = await OptionsPage.open(env);
});

afterAll(async () => env?.close());

describe('a self-hosted ConnectWise server', () => {
  it('connects, registers the dock for its host, and shows the dock on its pages', async () => {
    await options.fill({ siteUrl: SELF_HOSTED_URL, companyId: env.companyId, publicKey: env.demoTech.publicKey, privateKey: env.demoTech.privateKey, clientId: env.clientId });
    await options.testConnection();
    await options.chooseBoard('Service Desk');
    await options.save();
    const scripts = await registered();
    expect(scripts).toEqual([expect.objectContaining({ matches: [`${SELF_HOSTED_URL}/*`], js: ['content-scripts/psa.js'] })]);
    const page = new PsaPage(await env.browser.context.newPage());
    await page.page.goto(`${SELF_HOSTED_URL}/${env.sim.codebase}ConnectWise.aspx`);
    await page.waitForDock();
    await page.waitForWip(/^WIP \d\/2$/);
    // Styled (its CSS reached the page's shadow root), not dropped unstyled at the end of the page.
    expect(await page.dock.role('complementary', { name: 'Pullboard' }).computedStyle('position')).toBe('fixed');
    await page.page.screenshot({ path: 'test-output/dock-self-hosted.png' });
    await page.page.close();
  });

  it('unregisters it when the connection is removed: no dock after a reload', async () => {
    await options.removeConnection();
    expect(await registered()).toEqual([]);
    const page = new PsaPage(await env.browser.context.newPage());
    await page.page.goto(`${SELF_HOSTED_URL}/${env.sim.codebase}ConnectWise.aspx`);
    await page.page.reload();
    await page.page.waitForLoadState('load');
    await page.page.waitForTimeout(1_500);
    expect(await page.page.locator('pullboard-dock').count()).toBe(0);
    expect(await page.dock.exists()).toBe(false);
  });
});
