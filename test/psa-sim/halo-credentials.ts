/**
 * The HaloPSA API applications of the seeded MSP (OAuth2 client credentials), and fetch helpers for tests. Drawn
 * from a random stream of their own, so adding them changed no other seeded value.
 *
 * The shared application logs in as an API agent ("agent to log in as"), which is not a tech: it has no team and
 * cannot be assigned tickets. Each tech also has an application of their own whose agent is the tech. One more
 * application has no agent to log in as: its token request fails with a 500 HTML page, as a misconfigured tenant's does.
 */
import { createRandom, type Random } from './random';
import type { SimData } from './seed';
import type { Simulator } from './server';

export const HALO_DEFAULT_TENANT = 'pullboard';
/** The built-in "Unassigned" agent that unassigned tickets carry. */
export const HALO_UNASSIGNED_AGENT_ID = 1;
/** The API agent the shared application logs in as. */
export const HALO_API_AGENT_ID = 2;

export interface HaloClient { clientId: string; clientSecret: string }
export interface HaloApplication extends HaloClient { agentId: number }
export interface HaloTechCredentials extends HaloApplication {
  identifier: string;
  name: string;
  email: string;
}
export interface HaloCredentials {
  tenant: string;
  /** The shared integration: its agent is the API agent. */
  application: HaloApplication;
  /** One per tech, the demo tech first: the agent is the tech. */
  techs: HaloTechCredentials[];
  /** An application with no agent to log in as: `/auth/token` fails for it. */
  applicationWithoutAgent: HaloClient;
}

function guid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.pick([...'0123456789abcdef'])).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[random.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
const client = (random: Random): HaloClient => ({ clientId: guid(random), clientSecret: `${guid(random)}-${guid(random)}` });

export function haloCredentials(data: SimData, tenant = HALO_DEFAULT_TENANT): HaloCredentials {
  const random = createRandom(data.seed * 69621 + 211);
  const application = { ...client(random), agentId: HALO_API_AGENT_ID };
  const applicationWithoutAgent = client(random);
  const techs = data.members.filter((member) => member.isTech).map((member) => ({
    ...client(random),
    agentId: member.id,
    identifier: member.identifier,
    name: `${member.firstName} ${member.lastName}`,
    email: member.email,
  }));
  return { tenant, application, techs, applicationWithoutAgent };
}

/** Gets a bearer token from the simulator's `/auth/token` for the shared application, or for a tech's. */
export async function haloToken(sim: Simulator, who?: HaloClient): Promise<string> {
  const credentials = haloCredentials(sim.data, sim.halo.tenant);
  const { clientId, clientSecret } = who ?? credentials.application;
  const response = await fetch(`${sim.url}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'all' }).toString(),
  });
  if (!response.ok) throw new Error(`/auth/token answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** `{sim.url}/api`: the resource server on the simulator itself. */
export function haloApiBase(sim: Simulator): string {
  return `${sim.url}/api`;
}
