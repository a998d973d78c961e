/**
 * The house's rules, checked on the code itself: every PSA kind is complete, every request has a
 * declared audience, no PSA kind is named outside its homes, and the imports run one way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPsa } from '../../utils/psa';
import { KINDS, PSA_KINDS, psaKind, type Connection } from '../../utils/psa/kinds';
import { EXTENSION_REQUESTS, PAGE_REQUESTS, REQUEST_TYPES } from '../../utils/protocol/requests';
import { ALL_URLS } from './pages-urls';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['utils', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const FILES = SOURCE_DIRS.flatMap(sourceFiles);

/** The project files a file imports (relative imports only), as paths from the root without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => {
    const target = normalize(join(dirname(file), m[1]!));
    return resolveModule(target);
  });
}

function resolveModule(path: string): string {
  for (const candidate of [`${path}.ts`, `${path}.tsx`, join(path, 'index.ts'), path]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return path;
}

/** A minimal saved connection of a kind, from its own schema. */
function sampleConnection(kind: (typeof PSA_KINDS)[number]): Connection {
  const base = { id: 'c1', kind };
  const samples: Record<string, Record<string, unknown>> = {
    connectwise: { siteUrl: 'https://na.myconnectwise.net', companyId: 'acme', publicKey: 'pub', privateKey: 'priv', clientId: 'cid', boardId: null },
    autotask: { userName: 'api@msp.example', secret: 's', integrationCode: 'i', zoneUrl: null, webUrl: null, queueId: null, meResourceId: null },
    halo: { url: 'https://acme.halopsa.com', authUrl: null, tenant: null, clientId: 'cid', clientSecret: 's', teamId: null, meAgentId: null },
  };
  return psaKind(kind).schema.parse({ ...base, ...samples[kind] }) as Connection;
}

describe('every PSA kind is complete', () => {
  it.each(PSA_KINDS)('%s has its folder: adapter, query language, schemas and connection module', (kind) => {
    for (const file of ['adapter.ts', 'query.ts', 'schemas.ts', 'connection.ts']) expect(existsSync(join(ROOT, 'utils/psa', kind, file)), `utils/psa/${kind}/${file}`).toBe(true);
  });

  it.each(PSA_KINDS)('%s has a page detector tested on real URL rows, negatives included, and a simulator dialect', (kind) => {
    expect(existsSync(join(ROOT, 'utils/pages', `${kind}.ts`)), `utils/pages/${kind}.ts`).toBe(true);
    const rows = ALL_URLS.filter((row) => row.kind === kind);
    expect(rows.filter((row) => row.expect !== 'none').length, `${kind} app pages`).toBeGreaterThanOrEqual(10);
    expect(rows.filter((row) => row.expect === 'none').length, `${kind} negatives`).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(ROOT, 'test/psa-sim', `${kind}.ts`)), `test/psa-sim/${kind}.ts`).toBe(true);
  });

  it.each(PSA_KINDS)('%s builds an adapter of its own kind', (kind) => {
    expect(createPsa(sampleConnection(kind)).kind).toBe(kind);
  });

  it.each(PSA_KINDS)('%s names itself in every word a sentence needs', (kind) => {
    const words = KINDS[kind].words;
    for (const [key, value] of Object.entries(words)) expect(value.trim(), `${kind}.words.${key}`).not.toBe('');
    expect(KINDS[kind].fields.length).toBeGreaterThan(0);
    expect(KINDS[kind].kind).toBe(kind);
  });

  it('the kinds do not share an element id prefix', () => {
    const prefixes = PSA_KINDS.map((kind) => KINDS[kind].idPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});

describe('every request has a declared audience', () => {
  it('each request is either allowed from PSA pages or on the extension-only list, never both', () => {
    for (const type of REQUEST_TYPES) {
      expect(PAGE_REQUESTS.has(type) !== EXTENSION_REQUESTS.has(type), `${type} is in exactly one list`).toBe(true);
    }
    for (const type of [...PAGE_REQUESTS, ...EXTENSION_REQUESTS]) expect(REQUEST_TYPES, `${type} is a request`).toContain(type);
  });

  it('test hooks are extension-only', () => {
    for (const type of REQUEST_TYPES.filter((t) => t.startsWith('test.'))) expect(EXTENSION_REQUESTS.has(type)).toBe(true);
  });

  it('the shipped build carries no test request', () => {
    const background = join(ROOT, '.output/chrome-mv3/background.js');
    // `npm test` builds the extension before the unit tests run.
    if (!existsSync(background)) return;
    const shipped = readFileSync(background, 'utf8');
    expect(['test.enqueue', 'test.idle'].filter((type) => shipped.includes(type)), 'test requests in the shipped background').toEqual([]);
    const testBuild = readFileSync(join(ROOT, '.output-test/chrome-mv3/background.js'), 'utf8');
    expect(testBuild.includes('test.enqueue'), 'the test build keeps its hooks').toBe(true);
  });
});

describe('PSA kinds are named only in their homes', () => {
  const KIND_LITERAL = new RegExp(`['"\`](${PSA_KINDS.join('|')})['"\`]`);
  it('no string literal names a PSA kind outside utils/psa and utils/pages', () => {
    const offenders = FILES.filter((file) => !file.startsWith('utils/psa/') && !file.startsWith('utils/pages/')).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (KIND_LITERAL.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});

describe('imports run one way', () => {
  const graph = new Map(FILES.map((file) => [file.replace(/\.tsx?$/, ''), importsOf(file).map((t) => t.replace(/\.tsx?$/, ''))]));

  it('no import circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        circles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(circles).toEqual([]);
  });

  /** Which folders a folder may import, lowest first: a folder imports only from those below it. */
  const LAYERS: [folder: string, mayImport: string[]][] = [
    ['utils/psa', []],
    ['utils/pages', ['utils/psa']],
    ['utils/flow', ['utils/psa']],
    ['utils/timer', ['utils/psa']],
    ['utils/board-config', ['utils/psa', 'utils/flow']],
    ['utils/pull', ['utils/psa', 'utils/flow']],
    ['utils/whatif', ['utils/psa', 'utils/flow', 'utils/pull']],
    ['utils/managed', ['utils/psa']],
    ['utils/store', ['utils/psa', 'utils/flow', 'utils/timer', 'utils/board-config', 'utils/managed']],
    ['utils/sync', ['utils/psa', 'utils/flow', 'utils/store']],
    ['utils/outbox', ['utils/psa', 'utils/store']],
    ['utils/protocol', ['utils/psa', 'utils/flow', 'utils/store', 'utils/board-config', 'utils/managed']],
    // The views and the background share only the protocol (and what lies below it).
    ['utils/ui', ['utils/psa', 'utils/flow', 'utils/store', 'utils/board-config', 'utils/protocol', 'utils/pages', 'utils/timer', 'utils/whatif', 'utils/managed']],
    ['utils/background', ['utils/psa', 'utils/flow', 'utils/store', 'utils/board-config', 'utils/protocol', 'utils/pages', 'utils/timer', 'utils/pull', 'utils/sync', 'utils/outbox', 'utils/managed']],
  ];

  it('no import runs from a lower layer to a higher one, and the views never import the background', () => {
    const folderOf = (file: string) => LAYERS.find(([folder]) => file.startsWith(`${folder}/`))?.[0] ?? null;
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (!from) continue;
      const allowed = new Set([from, ...LAYERS.find(([f]) => f === from)![1]]);
      for (const target of targets) {
        const to = folderOf(target);
        if (to && !allowed.has(to)) wrong.push(`${file} → ${relative(ROOT, join(ROOT, target))}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('components never import the background, an adapter or the store of tickets directly', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      file.startsWith('components/') ? targets.filter((t) => t.startsWith('utils/background/') || /^utils\/psa\/[^/]+\/adapter$/.test(t)).map((t) => `${file} → ${t}`) : [],
    );
    expect(wrong).toEqual([]);
  });
});
