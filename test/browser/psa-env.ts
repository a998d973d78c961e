/**
 * A whole Pullboard environment: the PSA simulator over HTTPS under the real ConnectWise host names,
 * and Chromium with the built extension, resolving those names to the simulator.
 */
import { startSimulator, type Simulator, type SimOptions } from '../psa-sim/server';
import { selfSignedCert } from '../psa-sim/cert';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials, type MemberCredentials } from '../psa-sim/seed';
import { launchWithExtension, type ExtensionBrowser, type LaunchOptions } from './chromium';

export const CW_SITE_HOST = 'na.myconnectwise.net';
export const CW_API_HOST = 'api-na.myconnectwise.net';
export const CW_SITE_URL = `https://${CW_SITE_HOST}`;

export interface PsaEnv {
  sim: Simulator;
  browser: ExtensionBrowser;
  demoTech: MemberCredentials;
  companyId: string;
  clientId: string;
  close(): Promise<void>;
}

export async function startPsaEnv(options: { sim?: SimOptions; launch?: LaunchOptions } = {}): Promise<PsaEnv> {
  const tls = selfSignedCert([CW_SITE_HOST, CW_API_HOST]);
  const sim = await startSimulator({ port: 0, tickets: 600, seed: 1, ...options.sim, tls });
  let browser: ExtensionBrowser;
  try {
    browser = await launchWithExtension({ ...options.launch, hostMap: { hosts: [CW_SITE_HOST, CW_API_HOST], port: sim.port } });
  } catch (error) {
    await sim.close();
    throw error;
  }
  const demoTech = memberCredentials(sim.data)[0]!;
  return {
    sim,
    browser,
    demoTech,
    companyId: DEMO_COMPANY_ID,
    clientId: DEMO_CLIENT_ID,
    async close() {
      await browser.close().catch(() => undefined);
      await sim.close();
    },
  };
}
