/**
 * `npm run demo`: builds Pullboard, starts the PSA simulator with seeded data, and opens Chromium with
 * the extension loaded and connected to it. With no display (or `--headless`) it walks a tech through
 * Pullboard headlessly, writes screenshots to demo-output/ and prints what happened.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ClosedRoot } from '../e2e/pages/closed-root';
import { LIMITED_DEMO_CREDENTIALS } from '../psa-sim/access';
import { startPsaEnv, AUTOTASK_WEB_URL, CW_SITE_URL, HALO_URL, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from '../e2e/pages/options-page';
import { PsaPage, type PsaName } from '../e2e/pages/psa-page';
import { demoBoard } from './board-steps';
import { demoWhatIf } from './whatif-steps';
import { DEFAULT_HISTORY_DAYS as DEMO_HISTORY_DAYS } from '../psa-sim/seed-history';
import { firefoxDemo } from './firefox';
import { demoInsights } from './insights-steps';

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    // Without --tickets, the default desk: a few weeks of a believable MSP's history.
    tickets: { type: 'string' },
    seed: { type: 'string', default: '1' },
    psa: { type: 'string', default: 'connectwise' },
    'limited-user': { type: 'boolean', default: false },
    browser: { type: 'string', default: 'chromium' },
  },
});

const OUT = 'demo-output';
const headless = args.headless || !process.env.DISPLAY;

function dockText(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** What the dock shows, part by part, as a tech would read it out. */
async function readDock(dock: ClosedRoot): Promise<string> {
  const shown = async (css: string) => ((await dock.locator(css).count()) > 0 ? dock.locator(css).text() : null);
  const timer = (await dock.locator('.timer .timer-clock, .timer .timer-ticket').texts()).join(' on ');
  const parts = [await shown('.dock-wip'), timer || null, await shown('.note')];
  return parts.filter(Boolean).map(dockText).join(' | ');
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const PSAS: Record<PsaName, { name: string; site: string; credentials: (env: PsaEnv) => string; connect: (options: OptionsPage, env: PsaEnv) => Promise<string> }> = {
  connectwise: {
    name: 'ConnectWise',
    site: CW_SITE_URL,
    credentials: (env) => `company ${env.companyId}, public key ${env.demoTech.publicKey}, private key ${env.demoTech.privateKey}, client id ${env.clientId}`,
    async connect(options, env) {
      await options.fillDemo(env);
      const tested = await options.testConnection();
      await options.chooseBoard('Service Desk');
      await options.page.getByText('open tickets on Service Desk').waitFor();
      await options.save();
      return tested.split('Service board')[0] ?? tested;
    },
  },
  autotask: {
    name: 'Autotask',
    site: AUTOTASK_WEB_URL,
    credentials: (env) =>
      `shared API user ${env.autotask.apiUser.userName}, secret ${env.autotask.apiUser.secret}, integration code ${env.autotask.integrationCode} (the tech picks themselves in options; their own API user is ${env.autotask.techs[0]!.userName} / ${env.autotask.techs[0]!.secret})`,
    // The MSP's shared API user: Test connection finds the zone, and the tech picks themselves.
    connect: async (options, env) => `${(await options.connectAutotask(env)).split('Who are you?')[0]!} → chose ${env.autotask.techs[0]!.name} as me.`,
  },
  halo: {
    name: 'Halo',
    site: HALO_URL,
    credentials: (env) => `tenant ${env.halo.tenant}, the tech's application: client id ${env.halo.techs[0]!.clientId}, client secret ${env.halo.techs[0]!.clientSecret}`,
    connect: async (options, env) => (await options.connectHalo(env)).split('Team')[0]!,
  },
};

async function main(): Promise<void> {
  if (!(args.psa in PSAS)) throw new Error(`--psa ${args.psa}: choose connectwise, autotask or halo.`);
  const psaName = args.psa as PsaName;
  const psa = PSAS[psaName];
  if (args.browser !== 'chromium' && args.browser !== 'firefox') throw new Error(`--browser ${args.browser}: choose chromium or firefox.`);
  const firefox = args.browser === 'firefox';
  if (!args['no-build']) {
    say('Building the extension…');
    // Firefox is driven through the journeys' driver, which needs the test build (its shadow roots can be opened for a test: Firefox has no DevTools protocol to reach closed ones).
    const build = firefox
      ? spawnSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PULLBOARD_TEST: '1' } })
      : spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('The build failed (see above).');
  }
  mkdirSync(OUT, { recursive: true });
  if (firefox) {
    if (!headless) say('Firefox runs headless in this demo: the driver is for screenshots, not a window to keep.');
    await firefoxDemo({ psa: psaName, ...(args.tickets === undefined ? {} : { tickets: Number(args.tickets) }), seed: Number(args.seed), headless: true, out: OUT, say });
    say('Demo finished.');
    return;
  }
  const env = await startPsaEnv({
    sim: { tickets: args.tickets === undefined ? undefined : Number(args.tickets), seed: Number(args.seed), access: args['limited-user'] ? LIMITED_DEMO_CREDENTIALS : undefined },
    launch: { headless },
  });
  const open = env.sim.data.tickets.filter((t) => !env.sim.data.statuses.find((s) => s.id === t.statusId)?.closed).length;
  const desk = args.tickets === undefined ? `the default desk (${DEMO_HISTORY_DAYS} days of history: ${env.sim.data.tickets.length} tickets, ${open} open)` : `${args.tickets} tickets`;
  say(`PSA simulator: ${env.sim.url} (serving ${psa.site} to the browser as ${psa.name}), ${desk}, seed ${args.seed}.`);
  say(`Demo tech: ${env.demoTech.name} (${env.demoTech.identifier}) — ${psa.credentials(env)}`);
  say(`Chromium ${headless ? 'headless' : 'with a window'}, extension ${env.browser.extensionId}.`);

  const options = await OptionsPage.open(env);
  const tested = await psa.connect(options, env);
  say(`Options → ${psa.name} → Test connection: ${dockText(tested)}`);
  await options.page.screenshot({ path: `${OUT}/01-options.png`, fullPage: true });
  say(`Saved the connection; screenshot ${OUT}/01-options.png`);

  const board = await env.browser.context.newPage();
  await board.setViewportSize({ width: 1400, height: 900 });
  await board.goto(extensionUrl(env.browser.extensionId, 'sidepanel.html'));
  await board.getByRole('region', { name: /^In Progress: \d+ tickets$/ }).waitFor({ timeout: 60_000 });
  await board.waitForFunction(() => /^\d+ tickets · synced/.test(document.querySelector('.board-sync')?.textContent ?? ''), null, { timeout: 60_000 });
  const columns = await board.locator('section.column').evaluateAll((els) =>
    els.map((el) => `${el.getAttribute('data-column')} ${el.querySelector('.column-count')?.textContent}`),
  );
  await board.screenshot({ path: `${OUT}/02-board.png` });
  say(`Board filled from the simulator: ${(await board.locator('.board-sync').textContent()) ?? ''}`);
  say(`  columns: ${columns.join(' · ')}; screenshot ${OUT}/02-board.png`);

  const ticketList = await PsaPage.openTicketList(env, psaName);
  const psaPage = ticketList.page;
  const dock = ticketList.dock;
  await ticketList.waitForWip(/WIP \d+\/\d+/);
  await psaPage.screenshot({ path: `${OUT}/03-dock.png` });
  say(`${psa.name} page ${psaPage.url()}: dock shows "${await readDock(dock)}"; screenshot ${OUT}/03-dock.png`);

  // The pull loop: Pull next in the dock claims the top Ready ticket and opens it with the timer running.
  await ticketList.pullNext();
  const pulledId = await ticketList.waitForTicketOf(psaName);
  await dock.role('timer').waitFor({ timeout: 20_000 });
  await dock.role('status').filter({ hasText: 'Pulled' }).waitFor({ timeout: 20_000 }).catch(() => undefined);
  await psaPage.screenshot({ path: `${OUT}/04-pulled.png` });
  const simTicket = env.sim.data.ticketsById.get(Number(pulledId))!;
  const owner = env.sim.data.members.find((m) => m.id === simTicket.ownerId);
  const status = env.sim.data.statuses.find((s) => s.id === simTicket.statusId);
  say(`Pull next → ticket #${pulledId} "${simTicket.summary}": in the PSA now owned by ${owner?.firstName} ${owner?.lastName}, status ${status?.name}.`);
  say(`  dock: "${await readDock(dock)}"; screenshot ${OUT}/04-pulled.png`);

  const popup = await env.browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 560 });
  await popup.goto(extensionUrl(env.browser.extensionId, 'popup.html'));
  await popup.getByRole('timer').waitFor({ timeout: 20_000 });
  await popup.waitForTimeout(1_500);
  await popup.screenshot({ path: `${OUT}/05-popup.png` });
  say(`Popup: ${dockText(await popup.getByRole('heading').first().textContent())}, timer ${dockText(await popup.locator('.timer-clock').textContent())} on #${pulledId}; screenshot ${OUT}/05-popup.png`);

  // The board steps end on the full-page board over a ConnectWise page.
  if (psaName === 'connectwise') await demoBoard(env, OUT, say);
  await demoInsights(env, OUT, say);

  // What the desk's own history says pull would have done.
  if (args.tickets === undefined) await demoWhatIf(env.browser.context, env.sim.data, DEMO_HISTORY_DAYS, OUT, say);

  if (headless) {
    await env.close();
    say('Demo finished.');
    return;
  }
  say('Chromium stays open with Pullboard connected to the simulator. Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    env.browser.context.once('close', () => resolve());
  });
  await env.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`Demo failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
