/**
 * The journeys' environment: the PSA simulator over HTTPS under the PSAs' real host names (as in psa-env.ts)
 * and one browser, Chromium or Firefox, with the built extension, resolving those names to the simulator.
 */
import { startSimulator, type Simulator, type SimOptions } from '../psa-sim/server';
import { selfSignedCert } from '../psa-sim/cert';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials, type MemberCredentials } from '../psa-sim/seed';
import { autotaskCredentials, type AutotaskCredentials } from '../psa-sim/autotask-credentials';
import { haloCredentials, type HaloCredentials } from '../psa-sim/halo-credentials';
import { AUTOTASK_API_BASE_URL, AUTOTASK_WEB_URL, HALO_URL, PSA_HOSTS } from './psa-env';
import { FIREFOX_TEST_EXTENSION_DIR } from './firefox';
import { TEST_EXTENSION_DIR } from './chromium';
import { launchDriver, type BrowserName, type ExtensionDriver, type LaunchDriverOptions } from './driver';

export interface DriverEnv {
  sim: Simulator;
  driver: ExtensionDriver;
  demoTech: MemberCredentials;
  companyId: string;
  clientId: string;
  autotask: AutotaskCredentials;
  halo: HaloCredentials;
  close(): Promise<void>;
}

export async function startDriverEnv(browser: BrowserName, options: { sim?: SimOptions; launch?: LaunchDriverOptions } = {}): Promise<DriverEnv> {
  const sim = await startSimulator({
    port: 0,
    tickets: 600,
    seed: 1,
    ...options.sim,
    autotask: { apiBaseUrl: AUTOTASK_API_BASE_URL, webBaseUrl: AUTOTASK_WEB_URL, ...options.sim?.autotask },
    halo: { url: HALO_URL, ...options.sim?.halo },
    tls: selfSignedCert(PSA_HOSTS),
  });
  let driver: ExtensionDriver;
  try {
    // The test build: a journey's pages ask it for open shadow roots (components/trusted-input.ts), the one way both drivers query the dock.
    const extensionDir = browser === 'firefox' ? FIREFOX_TEST_EXTENSION_DIR : TEST_EXTENSION_DIR;
    driver = await launchDriver(browser, { extensionDir, ...options.launch, hostMap: { hosts: PSA_HOSTS, port: sim.port } });
  } catch (error) {
    await sim.close();
    throw error;
  }
  return {
    sim,
    driver,
    demoTech: memberCredentials(sim.data)[0]!,
    companyId: DEMO_COMPANY_ID,
    clientId: DEMO_CLIENT_ID,
    autotask: autotaskCredentials(sim.data),
    halo: haloCredentials(sim.data, sim.halo.tenant),
    async close() {
      await driver.close().catch(() => undefined);
      await sim.close();
    },
  };
}
