import { defineConfig } from 'wxt';

// A test build compiles in test-only hooks (__TEST__) and writes to its own folder,
// so the shipped build never carries them.
const testBuild = process.env.PULLBOARD_TEST === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: testBuild ? '.output-test' : '.output',
  imports: false,
  manifest: {
    name: 'Pullboard',
    description:
      'Pull next, WIP limits and a flow board inside ConnectWise PSA, Autotask PSA and HaloPSA.',
    permissions: ['storage', 'alarms', 'sidePanel', 'scripting', 'idle'],
    host_permissions: [
      'https://*.myconnectwise.net/*',
      'https://*.connectwisedev.com/*',
      'https://*.autotask.net/*',
      'https://*.halopsa.com/*',
      'https://*.haloitsm.com/*',
      'https://*.haloservicedesk.com/*',
      ...(testBuild ? ['https://psa.selfhosted.test/*'] : []),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The dock's shadow-root CSS, fetched by its content script: also on self-hosted servers, whose script is
    // registered at run time (utils/background/content-scripts.ts). A dynamic URL keeps it from fingerprinting.
    web_accessible_resources: [{ resources: ['content-scripts/psa.css'], matches: ['https://*/*', 'http://*/*'], use_dynamic_url: true }],
    action: { default_title: 'Pullboard' },
    side_panel: { default_path: 'sidepanel.html' },
  },
  vite: () => ({
    define: { __TEST__: JSON.stringify(testBuild) },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
