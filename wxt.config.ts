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
    // Self-hosted PSAs (ConnectWise on-premise, Halo on the MSP's own domain): asked for one origin at a time, https only.
    optional_host_permissions: ['https://*/*'],
    // Extension pages run Pullboard's own scripts only; nothing is framed, nothing loads a plugin.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    action: { default_title: 'Pullboard' },
    side_panel: { default_path: 'sidepanel.html' },
  },
  vite: () => ({
    define: { __TEST__: JSON.stringify(testBuild) },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
