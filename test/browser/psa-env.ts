/**
 * A whole Pullboard environment: the PSA simulator over HTTPS under the real host names of the three PSAs
 * (ConnectWise, Autotask with its discovery host and zone 5, a hosted Halo) plus a "self-hosted" one, and
 * Chromium with the built extension, resolving those names to the simulator.
 */
import { startSimulator, type Simulator, type SimOptions } from '../psa-sim/server';
import { selfSignedCert } from '../psa-sim/cert';
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials, type MemberCredentials } from '../psa-sim/seed';
import { autotaskCredentials, type AutotaskCredentials } from '../psa-sim/autotask-credentials';
import { haloCredentials, type HaloCredentials } from '../psa-sim/halo-credentials';
import { launchWithExtension, type ExtensionBrowser, type LaunchOptions } from './chromium';

export const CW_SITE_HOST = 'na.myconnectwise.net';
export const CW_API_HOST = 'api-na.myconnectwise.net';
export const CW_SITE_URL = `https://${CW_SITE_HOST}`;

/** Autotask: discovery stays the real default (`AUTOTASK_DISCOVERY_URL`), which answers zone 5. */
export const AUTOTASK_DISCOVERY_HOST = 'webservices.autotask.net';
export const AUTOTASK_API_HOST = 'webservices5.autotask.net';
export const AUTOTASK_WEB_HOST = 'ww5.autotask.net';
export const AUTOTASK_API_BASE_URL = `https://${AUTOTASK_API_HOST}/ATServicesRest/`;
export const AUTOTASK_WEB_URL = `https://${AUTOTASK_WEB_HOST}/`;

export const HALO_HOST = 'pullboard.halopsa.com';
export const HALO_URL = `https://${HALO_HOST}`;

/** A host outside the manifest's patterns: the test build lists it in host_permissions (ConnectWise on-premise, self-hosted Halo). */
export const SELF_HOSTED_HOST = 'psa.selfhosted.test';
export const SELF_HOSTED_URL = `https://${SELF_HOSTED_HOST}`;

/**
 * Hosts under the PSAs' cloud domains that are not the PSA the user connected (the simulator serves them too, as the
 * real services would serve their own pages): another MSP's Halo, the vendor's site, another ConnectWise region.
 */
export const OTHER_TENANT_HOST = 'other-msp.halopsa.com';
export const VENDOR_HOST = 'www.halopsa.com';
export const OTHER_REGION_HOST = 'eu.myconnectwise.net';

export const PSA_HOSTS = [
  CW_SITE_HOST, CW_API_HOST, AUTOTASK_DISCOVERY_HOST, AUTOTASK_API_HOST, AUTOTASK_WEB_HOST, HALO_HOST, SELF_HOSTED_HOST,
  OTHER_TENANT_HOST, VENDOR_HOST, OTHER_REGION_HOST,
];

export interface PsaEnv {
  sim: Simulator;
  browser: ExtensionBrowser;
  demoTech: MemberCredentials;
  companyId: string;
  clientId: string;
  /** The Autotask integration code, API user and one API user per tech (demo tech first). */
  autotask: AutotaskCredentials;
  /** The Halo tenant, the application (logs in as the API agent) and one application per tech (demo tech first). */
  halo: HaloCredentials;
  close(): Promise<void>;
}

/** `others`: host names for loopback servers of the test's own (a collector on another origin, say). */
export async function startPsaEnv(options: { sim?: SimOptions; launch?: LaunchOptions; others?: { host: string; port: number }[] } = {}): Promise<PsaEnv> {
  const tls = selfSignedCert(PSA_HOSTS);
  const sim = await startSimulator({
    port: 0,
    tickets: 600,
    seed: 1,
    ...options.sim,
    autotask: { apiBaseUrl: AUTOTASK_API_BASE_URL, webBaseUrl: AUTOTASK_WEB_URL, ...options.sim?.autotask },
    halo: { url: HALO_URL, ...options.sim?.halo },
    tls,
  });
  let browser: ExtensionBrowser;
  try {
    browser = await launchWithExtension({ ...options.launch, hostMap: { hosts: PSA_HOSTS, port: sim.port, others: options.others } });
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
    autotask: autotaskCredentials(sim.data),
    halo: haloCredentials(sim.data, sim.halo.tenant),
    async close() {
      await browser.close().catch(() => undefined);
      await sim.close();
    },
  };
}
