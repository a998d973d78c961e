/**
 * `npm run demo`: builds Pullboard, starts the PSA simulator with seeded data, and opens Chromium with
 * the extension loaded and connected to it. With no display (or `--headless`) it walks a tech through
 * Pullboard headlessly, writes screenshots to demo-output/ and prints what happened.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startPsaEnv, CW_SITE_URL } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from '../e2e/pages/options-page';

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    tickets: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    psa: { type: 'string', default: 'connectwise' },
  },
});

const OUT = 'demo-output';
const headless = args.headless || !process.env.DISPLAY;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  if (args.psa !== 'connectwise') throw new Error(`--psa ${args.psa}: only connectwise is simulated so far.`);
  if (!args['no-build']) {
    say('Building the extension…');
    const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('The build failed (see above).');
  }
  mkdirSync(OUT, { recursive: true });
  const env = await startPsaEnv({
    sim: { tickets: Number(args.tickets), seed: Number(args.seed) },
    launch: { headless },
  });
  say(`PSA simulator: ${env.sim.url} (serving ${CW_SITE_URL} to the browser), ${args.tickets} tickets, seed ${args.seed}.`);
  say(`Demo tech: ${env.demoTech.name} (${env.demoTech.identifier}) — company ${env.companyId}, public key ${env.demoTech.publicKey}, private key ${env.demoTech.privateKey}, client id ${env.clientId}`);
  say(`Chromium ${headless ? 'headless' : 'with a window'}, extension ${env.browser.extensionId}.`);

  const options = await OptionsPage.open(env);
  await options.fillDemo(env);
  const tested = await options.testConnection();
  say(`Options → Test connection: ${tested.replace(/\s+/g, ' ').trim()}`);
  await options.chooseBoard('Service Desk');
  await options.page.getByText('open tickets on Service Desk').waitFor();
  await options.save();
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

  const psaPage = await env.browser.context.newPage();
  await psaPage.goto(`${CW_SITE_URL}/${env.sim.codebase}ConnectWise.aspx`);
  const dock = psaPage.getByRole('complementary', { name: 'Pullboard' });
  await dock.waitFor({ timeout: 20_000 });
  await psaPage.waitForFunction(() => /WIP \d+\/\d+/.test(document.querySelector('pullboard-dock')?.shadowRoot?.textContent ?? ''), null, { timeout: 20_000 });
  await psaPage.screenshot({ path: `${OUT}/03-dock.png` });
  say(`ConnectWise page ${psaPage.url()}: dock shows "${((await dock.textContent()) ?? '').trim()}"; screenshot ${OUT}/03-dock.png`);

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
