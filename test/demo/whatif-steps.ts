/**
 * The demo's what-if step: the seeded desk's history replayed under push and pull, printed as a table,
 * and the WhatIf component rendered in a plain page in the demo's Chromium for a screenshot.
 */
import { readFileSync } from 'node:fs';
import { build } from 'vite';
import type { BrowserContext } from 'playwright-core';
import { runWhatIf, type WhatIfResult } from '../../utils/whatif';
import { seededDeskHistory } from '../psa-sim/whatif-desk';
import type { SimData } from '../psa-sim/seed';

const ROWS: [string, (r: WhatIfResult['results'][number]) => string][] = [
  ['lead time p50 / p85', (r) => `${r.leadP50Hours} h / ${r.leadP85Hours} h`],
  ['response / resolution SLA met', (r) => `${r.respondMetPct} % / ${r.resolveMetPct} %`],
  ['waited unowned > 1 business h', (r) => `${r.waitedUnowned} (longest ${r.longestUnownedHours} h)`],
  ['oldest open at the end', (r) => (r.oldestOpen ? `${r.oldestOpen.number} ${r.oldestOpen.ageHours} h` : 'none')],
  ['oldest any ticket got', (r) => `${r.maxAgeHours} h`],
  ['switches per tech-day', (r) => String(r.switchesPerTechDay)],
  ['finished · open at the end', (r) => `${r.finished} · ${r.openAtEnd}`],
  ['throughput', (r) => `${r.throughputPerWeek} a week`],
];

/** The result as a Markdown table (the demo prints it; the README shows one). */
export function whatIfTable(result: WhatIfResult): string {
  const header = `| | ${result.results.map((r) => r.label).join(' | ')} |`;
  const rule = `|---|${result.results.map(() => '---').join('|')}|`;
  const rows = ROWS.map(([label, value]) => `| ${label} | ${result.results.map(value).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

async function bundlePage(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: false, lib: { entry: 'test/demo/whatif-page.tsx', formats: ['iife'], name: 'PullboardWhatIf', fileName: () => 'whatif.js' } },
  });
  const outputs = Array.isArray(output) ? output : [output];
  for (const result of outputs) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((o) => o.type === 'chunk');
    if (chunk && 'code' in chunk) return chunk.code;
  }
  throw new Error('The what-if page did not bundle.');
}

export async function demoWhatIf(context: BrowserContext, data: SimData, days: number, out: string, say: (line: string) => void): Promise<void> {
  const history = seededDeskHistory(data, days);
  const result = runWhatIf(history);
  say(`What if we had pulled? ${days} days of the seeded desk replayed (${result.window.tickets} tickets, ${result.window.techs} techs):`);
  for (const line of whatIfTable(result).split('\n')) say(`  ${line}`);
  for (const line of result.verdict) say(`  ${line}`);
  say('  Assumptions:');
  for (const line of result.assumptions) say(`   - ${line}`);

  const css = ['components/theme.css', 'components/whatif/whatif.css'].map((file) => readFileSync(file, 'utf8')).join('\n');
  const script = await bundlePage();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  // The history goes in as JSON data, the page's own script renders it: nothing is parsed as HTML.
  await page.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>What if we had pulled?</title><style>${css}</style></head>
<body style="background: var(--pb-bg); padding: 16px"><div id="app"></div></body></html>`);
  await page.evaluate((desk) => { (window as unknown as { __PULLBOARD_DESK__: unknown }).__PULLBOARD_DESK__ = desk; }, history);
  await page.addScriptTag({ content: script });
  await page.getByRole('table').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${out}/whatif-seeded-desk.png`, fullPage: true });
  say(`  the WhatIf component on the same history: screenshot ${out}/whatif-seeded-desk.png`);
  await page.close();
}
