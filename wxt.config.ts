import { defineConfig } from 'wxt';

// A test build compiles in test-only hooks (__TEST__) and writes to its own folder,
// so the shipped build never carries them.
const testBuild = process.env.PULLBOARD_TEST === '1';

/** Firefox needs a fixed add-on id for MV3 (AMO, managed storage by policy, a stable moz-extension:// address). */
export const GECKO_ID = 'pullboard@pullboard.app';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: testBuild ? '.output-test' : '.output',
  imports: false,
  // The sources zip AMO asks for: what `npm ci && npm run zip` needs, not the tests' output or the caches.
  zip: {
    excludeSources: ['bench-output/**', 'demo-output/**', 'test-output/**', '.output-test/**', 'docs/**'],
  },
  // Firefox's sidebar is its side panel: WXT writes `sidebar_action` for Firefox and `side_panel` plus the
  // `sidePanel` permission for Chromium from entrypoints/sidepanel, so neither is declared here.
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'Pullboard',
      description:
        'Pull next, WIP limits and a flow board inside ConnectWise PSA, Autotask PSA and HaloPSA.',
      permissions: ['storage', 'alarms', 'scripting', 'idle'],
      host_permissions: [
        'https://*.myconnectwise.net/*',
        'https://*.connectwisedev.com/*',
        'https://*.autotask.net/*',
        'https://*.halopsa.com/*',
        'https://*.haloitsm.com/*',
        'https://*.haloservicedesk.com/*',
        ...(testBuild ? ['https://psa.selfhosted.test/*'] : []),
      ],
      // Self-hosted PSAs (ConnectWise on-premise, Halo on the MSP's own domain): asked for one origin at a time, https only.
      optional_host_permissions: ['https://*/*'],
      // Extension pages run Pullboard's own scripts only; nothing is framed, nothing loads a plugin.
      content_security_policy: {
        extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      },
      action: { default_title: 'Pullboard' },
      // What an MSP may push by policy (utils/managed/): Chromium reads the schema from the package; Firefox
      // reads policies.json's 3rdparty.Extensions for the gecko id and needs no schema.
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                // 140: the ESR that reads `data_collection_permissions` (AMO asks for it; Pullboard collects nothing).
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['none'] },
              },
              gecko_android: { strict_min_version: '142.0' },
            },
            // Firefox opens the sidebar from a shortcut too (utils/sidebar.ts): the dock's Board button cannot.
            commands: { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+B' }, description: 'Open the Pullboard board' } },
          }
        : { storage: { managed_schema: 'managed-schema.json' } }),
    };
  },
  hooks: {
    // The policy schema is Chromium's (manifest `storage.managed_schema`); Firefox reads policies.json instead.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser !== 'firefox') return;
      const schema = files.findIndex((file) => file.relativeDest === 'managed-schema.json');
      if (schema >= 0) files.splice(schema, 1);
    },
  },
  vite: () => ({
    define: { __TEST__: JSON.stringify(testBuild) },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
