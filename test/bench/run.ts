/**
 * `npm run bench`: Pullboard's performance figures, measured (not asserted). Writes
 * bench-output/bench.json and prints a table. Each measurement runs the real code: the sync engine
 * and adapter against the simulator (IndexedDB from fake-indexeddb in Node), the built bundles.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { measureSync } from './sync';
import { measureBundles } from './bundles';
import { measurePull } from './pull';
import { measureOutbox } from './outbox';
import { measurePsas } from './psas';
import { measureBoard } from './board';
import { measureWhatIf } from './whatif';
import { measureInsights } from './insights';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  note?: string;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const started = Date.now();

  if (!process.argv.includes('--no-build')) {
    const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('The build failed.');
  }
  figures.push(...measureBundles());
  figures.push(...(await measureSync()));
  figures.push(...(await measurePsas()));
  figures.push(...(await measurePull()));
  figures.push(...(await measureOutbox()));
  figures.push(...(await measureBoard()));
  figures.push(...measureWhatIf());
  figures.push(...(await measureInsights()));

  mkdirSync('bench-output', { recursive: true });
  const report = { measuredAt: new Date().toISOString(), node: process.version, seconds: (Date.now() - started) / 1000, figures };
  writeFileSync('bench-output/bench.json', `${JSON.stringify(report, null, 2)}\n`);

  const width = Math.max(...figures.map((f) => f.name.length));
  process.stdout.write(`\n${'figure'.padEnd(width)}  ${'value'.padStart(12)}  unit        goal\n`);
  for (const f of figures) {
    const value = Number.isInteger(f.value) ? f.value.toLocaleString('en-US') : f.value.toFixed(3);
    process.stdout.write(`${f.name.padEnd(width)}  ${value.padStart(12)}  ${f.unit.padEnd(10)}  ${f.goal ?? ''}${f.note ? `  (${f.note})` : ''}\n`);
  }
  process.stdout.write(`\nWrote bench-output/bench.json in ${report.seconds.toFixed(1)} s.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
