/** Sizes of what Pullboard ships, gzip-compressed as a browser would fetch them. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './run';
import { EXTENSION_DIR } from '../browser/chromium';

function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

export function measureBundles(): Figure[] {
  const files = allFiles(EXTENSION_DIR);
  const contentScripts = files.filter((f) => f.includes('content-scripts') && (f.endsWith('.js') || f.endsWith('.css')));
  const total = files.reduce((sum, f) => sum + gzipBytes(f), 0);
  return [
    { name: 'extension_gzip_bytes', value: total, unit: 'bytes', note: `${files.length} files` },
    {
      name: 'content_script_gzip_bytes',
      value: contentScripts.reduce((sum, f) => sum + gzipBytes(f), 0),
      unit: 'bytes',
      goal: '≤ 20,000',
    },
  ];
}
