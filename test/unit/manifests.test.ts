/**
 * The built manifests of every store package (Chrome, Edge, Firefox) ask for what the features use and no
 * more, and each browser gets only the keys it understands. Reads .output/ as `npm test` leaves it
 * (the Chromium and Firefox builds; the Edge build when `npm run zip` or `npm run build:edge` made one).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../wxt.config';

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
  content_scripts?: { matches: string[]; js: string[] }[];
};

const TARGETS = ['chrome-mv3', 'edge-mv3', 'firefox-mv3'].filter((t) => existsSync(join('.output', t, 'manifest.json')));
const read = (target: string): Manifest => JSON.parse(readFileSync(join('.output', target, 'manifest.json'), 'utf8'));

const CLOUD_HOSTS = [
  'https://*.myconnectwise.net/*',
  'https://*.connectwisedev.com/*',
  'https://*.autotask.net/*',
  'https://*.halopsa.com/*',
  'https://*.haloitsm.com/*',
  'https://*.haloservicedesk.com/*',
];

/** Every permission and the code that needs it: an API in the bundle for each one asked for. */
const USES: Record<string, RegExp> = {
  storage: /\.storage\.(local|managed|session)/,
  alarms: /\.alarms\./,
  scripting: /\.scripting\./,
  idle: /\.idle\./,
  sidePanel: /\.sidePanel/,
};

function bundleText(target: string): string {
  const dir = join('.output', target);
  const files = [join(dir, 'background.js'), ...readdirSync(join(dir, 'chunks')).map((f) => join(dir, 'chunks', f))];
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

describe('the built manifests', () => {
  it('exist for Chromium and Firefox (npm test builds both)', () => {
    expect(TARGETS).toContain('chrome-mv3');
    expect(TARGETS).toContain('firefox-mv3');
  });

  for (const target of TARGETS) {
    describe(target, () => {
      const manifest = read(target);
      const firefox = target.startsWith('firefox');

      it('is Manifest V3 with the cloud PSA hosts alone, and any other host only on request', () => {
        expect(manifest.manifest_version).toBe(3);
        expect([...manifest.host_permissions!].sort()).toEqual([...CLOUD_HOSTS].sort());
        // Self-hosted servers one origin at a time, https only: keys never travel in clear.
        expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
        expect([...manifest.content_scripts![0]!.matches].sort()).toEqual([...CLOUD_HOSTS].sort());
      });

      it('asks for no permission its code does not use', () => {
        const expected = firefox ? ['alarms', 'idle', 'scripting', 'storage'] : ['alarms', 'idle', 'scripting', 'sidePanel', 'storage'];
        expect([...manifest.permissions!].sort()).toEqual(expected);
        const code = bundleText(target);
        for (const permission of manifest.permissions!) expect(code, `${permission} is asked for but never used`).toMatch(USES[permission]!);
      });

      it('exposes nothing to web pages (the dock inlines its styles), and gives extension pages a CSP of their own', () => {
        expect(manifest.web_accessible_resources ?? []).toEqual([]);
        const csp = (manifest.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? '';
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("object-src 'none'");
      });

      if (firefox) {
        it('has a fixed gecko id, the sidebar as its side panel, and no Chromium-only key', () => {
          const gecko = (manifest.browser_specific_settings as { gecko: { id: string; data_collection_permissions: unknown } }).gecko;
          expect(gecko.id).toBe(GECKO_ID);
          expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
          expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
          expect(manifest.background).toEqual({ scripts: ['background.js'] });
          for (const key of ['side_panel', 'storage', 'minimum_chrome_version', 'key']) expect(manifest).not.toHaveProperty(key);
          expect(existsSync(join('.output', target, 'managed-schema.json'))).toBe(false);
          expect(manifest.commands).toHaveProperty('_execute_sidebar_action');
        });
      } else {
        it('has the side panel, a service worker, the policy schema, and no Firefox-only key', () => {
          expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
          expect(manifest.background).toEqual({ service_worker: 'background.js' });
          expect(manifest.storage).toEqual({ managed_schema: 'managed-schema.json' });
          const schema = JSON.parse(readFileSync(join('.output', target, 'managed-schema.json'), 'utf8')) as { type: string };
          expect(schema.type).toBe('object');
          for (const key of ['sidebar_action', 'browser_specific_settings', 'commands']) expect(manifest).not.toHaveProperty(key);
        });
      }
    });
  }
});
