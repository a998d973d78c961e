/**
 * Skip with a reason, on each PSA, in a real Chromium against the simulator: the popup offers the next
 * ticket; the tech skips it saying why; the skip survives the popup closing (it is kept in the
 * extension's IndexedDB); Pull next then takes the next one, and the skipped ticket stays unassigned in
 * the PSA. The dock in the PSA's own page skips too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPsaEnv, type PsaEnv } from '../browser/psa-env';
import { extensionUrl } from '../browser/chromium';
import { OptionsPage } from './pages/options-page';
import { PsaPage, type PsaName } from './pages/psa-page';
import { memberIdentifier, statusOf } from '../sim-queries';

const DIALECTS: { psa: PsaName; title: string; seed: number; connect: (options: OptionsPage, env: PsaEnv) => Promise<unknown> }[] = [
  { psa: 'connectwise', title: 'ConnectWise PSA', seed: 21, connect: (options, env) => options.connectDemo(env) },
  { psa: 'autotask', title: 'Autotask PSA', seed: 22, connect: (options, env) => options.connectAutotask(env) },
  { psa: 'halo', title: 'HaloPSA', seed: 23, connect: (options, env) => options.connectHalo(env) },
];

for (const dialect of DIALECTS) {
  describe(`skip with a reason on ${dialect.title}`, () => {
    let env: PsaEnv;
    let popup: Page;
    let skipped: string;
    let offered: string;
    const mineInProgress = () =>
      env.sim.data.tickets.filter((t) => memberIdentifier(env.sim.data, t.ownerId) === env.demoTech.identifier && statusOf(env.sim.data, t).name === 'In Progress');
    const nextNumber = async () => (await popup.locator('.next strong').textContent())!.trim();

    beforeAll(async () => {
      env = await startPsaEnv({ sim: { tickets: 300, seed: dialect.seed } });
      for (const t of mineInProgress()) env.sim.updateTicketAsSomeoneElse(t.id, { statusName: 'Completed' });
      const options = await OptionsPage.open(env);
      await dialect.connect(options, env);
      await options.page.locator('p.banner.ok', { hasText: /^Connected to .* as Alex Dunn/ }).waitFor({ timeout: 30_000 });
      await options.page.close();
    });

    afterAll(async () => env?.close());

    const openPopup = async () => {
      popup = await env.browser.context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(extensionUrl(env.browser.extensionId, 'popup.html'));
      await popup.getByRole('heading', { name: 'Work in progress 0 of 2' }).waitFor({ timeout: 30_000 });
      await popup.locator('.next strong').waitFor();
    };

    it('offers the next ticket with a Skip control, and asks why', async () => {
      await openPopup();
      skipped = await nextNumber();
      await popup.getByRole('button', { name: 'Skip' }).click();
      const reasons = popup.getByRole('group', { name: `Why skip ${skipped}?` });
      await reasons.waitFor();
      for (const label of ['Needs a skill I lack', 'Waiting on the client', 'Too big for now', 'Other']) {
        await reasons.getByRole('button', { name: label }).waitFor();
      }
      // "Other" wants a few words before it skips anything.
      await reasons.getByRole('button', { name: 'Other' }).click();
      expect(await reasons.getByRole('button', { name: 'Skip it' }).isDisabled()).toBe(true);
      await reasons.getByRole('textbox', { name: 'Why' }).fill('needs the vendor portal, no login yet');
      await popup.screenshot({ path: `test-output/skip-reasons-${dialect.seed}.png` });
      await reasons.getByRole('button', { name: 'Skip it' }).click();
      const note = popup.getByRole('status').filter({ hasText: `You skipped ${skipped} (Other: needs the vendor portal, no login yet).` });
      await note.waitFor();
      offered = /Pull next now offers (\S+)\.$/.exec((await note.textContent())!)![1]!;
      expect(offered).not.toBe(skipped);
      // The popup's own next follows once it has read the work state again.
      await expect.poll(nextNumber).toBe(offered);
      await popup.screenshot({ path: `test-output/skip-done-${dialect.seed}.png` });
    });

    it('keeps the skip: a fresh popup offers the next one too', async () => {
      await popup.close();
      await openPopup();
      expect(await nextNumber()).toBe(offered);
    });

    it('pulls the next one: mine and In Progress in the PSA, the skipped one left for others', async () => {
      const unassignedBefore = new Set(env.sim.data.tickets.filter((t) => t.ownerId === null).map((t) => t.id));
      const opened = env.browser.context.waitForEvent('page');
      await popup.getByRole('button', { name: 'Pull next' }).click();
      await opened;
      await popup.getByRole('status').filter({ hasText: `Pulled ${offered}` }).waitFor({ timeout: 30_000 });
      await popup.getByRole('heading', { name: 'Work in progress 1 of 2' }).waitFor();
      expect(mineInProgress()).toHaveLength(1);
      // Only the pulled ticket changed hands: skipping wrote nothing to the PSA.
      const unassignedAfter = env.sim.data.tickets.filter((t) => t.ownerId === null).map((t) => t.id);
      expect(unassignedAfter.length).toBe(unassignedBefore.size - 1);
      expect(unassignedBefore.has(mineInProgress()[0]!.id)).toBe(true);
      // ConnectWise and Halo number tickets by their id: the skipped one is still there, nobody's.
      if (/^#\d+$/.test(skipped)) expect(env.sim.data.ticketsById.get(Number(skipped.slice(1)))?.ownerId).toBeNull();
    });

    it("skips from the dock in the PSA's ticket list, and the dock offers the next one", async () => {
      const psaPage = await PsaPage.openTicketList(env, dialect.psa);
      await psaPage.waitForWip('WIP 1/2');
      // The dock names the ticket Pull next offers on its Skip button: "Skip #10055".
      const skipButton = psaPage.dock.button(/^Skip \S+$/);
      const before = (await skipButton.text({ timeout: 20_000 })).replace('Skip ', '').trim();
      await skipButton.click();
      await psaPage.dock.role('group', { name: `Why skip ${before}?` }).waitFor();
      await psaPage.dock.button('Waiting on the client').click();
      const said = await psaPage.dock.waitForText(new RegExp(`You skipped ${before.replace('.', '\\.')} \\(Waiting on the client\\)\\. Pull next now offers (\\S+)\\.`));
      const offered = /Pull next now offers (\S+)\./.exec(said)![1]!;
      expect(offered).not.toBe(before);
      await psaPage.dock.until(async () => ((await skipButton.text()).includes(offered) ? true : null), {}, `the dock to offer ${offered}`);
      await psaPage.page.screenshot({ path: `test-output/skip-dock-${dialect.psa}.png` });
    });
  });
}
