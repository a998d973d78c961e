/** What the journeys do in Pullboard's pages, in a person's terms, over either browser's driver. */
import type { DriverTab, Query } from '../../browser/driver';
import type { DriverEnv } from '../../browser/driver-env';
import { AUTOTASK_WEB_URL, CW_SITE_URL, HALO_URL } from '../../browser/psa-env';

export type PsaName = 'connectwise' | 'autotask' | 'halo';

export const button = (text: string | RegExp, root: Query['root'] = 'page'): Query => ({ css: 'button', text, root });
const testResult: Query = { css: '[role="status"][aria-label="Test result"]' };

export async function openOptions(env: DriverEnv): Promise<DriverTab> {
  const tab = await env.driver.openExtensionPage('options.html');
  await tab.waitFor({ css: 'form[aria-label="ConnectWise PSA connection"]' });
  return tab;
}

/** Presses Test connection and waits for its answer (the result, or the alert saying what failed). */
async function testConnection(tab: DriverTab): Promise<string> {
  await tab.click(button('Test connection'));
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const result = (await tab.find(testResult)) ?? (await tab.find({ css: '[role="alert"]' }));
    if (result?.text) return result.text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Test connection gave no answer within 20 s.');
}

/** After Test connection: the board, queue or team to work from (a failed test shows no such list). */
async function chooseBoard(tab: DriverTab, tested: string, label: string, board: string): Promise<string> {
  await tab.waitFor({ css: 'select', label }, 5_000).catch(() => {
    throw new Error(`Test connection failed: ${tested}`);
  });
  await tab.select({ css: 'select', label }, board);
  return (await tab.waitFor({ ...testResult, text: new RegExp(`open tickets on ${board}`) })).text;
}

async function save(tab: DriverTab): Promise<void> {
  await tab.click(button('Save connection'));
  await tab.waitFor({ css: '*', text: /^Saved\. Pullboard is loading/ });
}

async function choosePsa(tab: DriverTab, name: 'Autotask' | 'Halo'): Promise<void> {
  await tab.click({ css: 'input[type="radio"]', label: name });
  await tab.waitFor({ css: `form[aria-label="${name === 'Autotask' ? 'Autotask PSA connection' : 'HaloPSA connection'}"]` });
}

/** Connects each PSA to its Service Desk board as the demo tech, and returns what Test connection said. */
export const CONNECT: Record<PsaName, (tab: DriverTab, env: DriverEnv) => Promise<string>> = {
  async connectwise(tab, env) {
    await tab.fill({ label: 'Site URL' }, CW_SITE_URL);
    await tab.fill({ label: 'Company ID' }, env.companyId);
    await tab.fill({ label: 'Public key' }, env.demoTech.publicKey);
    await tab.fill({ label: 'Private key' }, env.demoTech.privateKey);
    await tab.fill({ label: 'Client ID' }, env.clientId);
    const tested = await testConnection(tab);
    const result = await chooseBoard(tab, tested, 'Service board', 'Service Desk');
    await save(tab);
    return result;
  },
  // As the MSP's shared API user: the tech picks themselves.
  async autotask(tab, env) {
    await choosePsa(tab, 'Autotask');
    await tab.fill({ label: 'API username' }, env.autotask.apiUser.userName);
    await tab.fill({ label: 'Secret' }, env.autotask.apiUser.secret);
    await tab.fill({ label: 'Integration code' }, env.autotask.integrationCode);
    const tested = await testConnection(tab);
    const result = await chooseBoard(tab, tested, 'Queue', 'Service Desk');
    const tech = env.autotask.techs[0]!;
    await tab.select({ css: 'select', label: 'Who are you?' }, `${tech.name} (${tech.email})`);
    await save(tab);
    return result;
  },
  // As the tech's own application.
  async halo(tab, env) {
    await choosePsa(tab, 'Halo');
    const tech = env.halo.techs[0]!;
    await tab.fill({ label: 'Halo URL' }, HALO_URL);
    await tab.fill({ label: 'Client ID' }, tech.clientId);
    await tab.fill({ label: 'Client secret' }, tech.clientSecret);
    await tab.fill({ label: 'Tenant (optional)' }, env.halo.tenant);
    const tested = await testConnection(tab);
    const result = await chooseBoard(tab, tested, 'Team', 'Service Desk');
    await save(tab);
    return result;
  },
};

/** Connects and waits until the first sync knows who "me" is. */
export async function connect(env: DriverEnv, psa: PsaName = 'connectwise'): Promise<{ tab: DriverTab; testResult: string }> {
  const tab = await openOptions(env);
  const result = await CONNECT[psa](tab, env);
  await tab.waitFor({ css: 'p.banner.ok', text: /^Connected to .* as Alex Dunn/ }, 30_000);
  return { tab, testResult: result };
}

export const TICKET_LISTS: Record<PsaName, (env: DriverEnv) => string> = {
  connectwise: (env) => `${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`,
  autotask: () => `${AUTOTASK_WEB_URL}Mvc/ServiceDesk/TicketGrid.mvc`,
  halo: () => `${HALO_URL}/tickets`,
};
export const TICKET_ID: Record<PsaName, RegExp> = { connectwise: /[?&]recid=(\d+)/i, autotask: /[?&]ticketId=(\d+)/i, halo: /[?&]id=(\d+)/i };

export const dock: Query = { css: 'aside.dock[aria-label="Pullboard"]', root: 'dock' };

/** A PSA page with the dock shown. */
export async function openPsaPage(env: DriverEnv, url: string): Promise<DriverTab> {
  const tab = await env.driver.openPage(url);
  await tab.waitFor(dock, 20_000);
  return tab;
}

export async function waitForWip(tab: DriverTab, text: string | RegExp): Promise<void> {
  await tab.waitFor({ css: '.dock-wip', text, root: 'dock' }, 30_000);
}

/** The board, wherever it is drawn: an extension page, or the full-page board over a PSA page. */
export const board = {
  synced: (root: Query['root'] = 'page'): Query => ({ css: '.board-sync', text: /^\d+ tickets · synced/, root }),
  column: (name: string, root: Query['root'] = 'page'): Query => ({ css: `section.column[data-column="${name}"]`, root }),
  count: (name: string, root: Query['root'] = 'page'): Query => ({ css: `section.column[data-column="${name}"] .column-count`, root }),
  card: (id: string, column?: string, root: Query['root'] = 'page'): Query => ({
    css: `${column ? `section.column[data-column="${column}"] ` : ''}article.card[data-ticket-id="${id}"]`,
    root,
  }),
  live: (root: Query['root'] = 'page'): Query => ({ css: '[data-testid="board-live"]', root }),
};
