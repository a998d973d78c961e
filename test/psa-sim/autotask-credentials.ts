/**
 * The Autotask API credentials of the seeded MSP, and fetch helpers for tests. Drawn from a random stream of their
 * own (never the seed's), so adding them changed no other seeded value; the same seed gives the same credentials
 * whatever the number of tickets or extra techs.
 *
 * One integration code for the MSP; a shared API-only user (a resource that is not a tech: no service desk role,
 * cannot be assigned tickets or log time) and, as many MSPs do, one API user per tech whose resource is the tech.
 */
import { createRandom, type Random } from './random';
import type { SimData } from './seed';
import type { Simulator } from './server';

/** The resource id of the shared API-only user (Autotask ids of that size are typical; techs keep their member ids). */
export const AUTOTASK_API_USER_RESOURCE_ID = 29682885;
export const AUTOTASK_DOMAIN = 'pullboard-msp.example';

export interface AutotaskApiUser { resourceId: number; userName: string; secret: string }
export interface AutotaskTechCredentials extends AutotaskApiUser {
  /** The member's identifier in the seed, e.g. `adunn`. */
  identifier: string;
  name: string;
  /** The resource's e-mail (not its user name). */
  email: string;
}
export interface AutotaskCredentials {
  integrationCode: string;
  apiUser: AutotaskApiUser;
  /** One per tech, the demo tech first. */
  techs: AutotaskTechCredentials[];
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const draw = (random: Random, alphabet: string, length: number) => Array.from({ length }, () => random.pick([...alphabet])).join('');
/** Autotask secrets mix symbols in; these keep to ones that need no escaping in a header or a shell. */
const secret = (random: Random) => `${random.token(6)}*${random.token(5)}$${random.token(6)}#${random.token(4)}`;

export function autotaskCredentials(data: SimData): AutotaskCredentials {
  const random = createRandom(data.seed * 48271 + 101);
  const integrationCode = draw(random, UPPER, 27);
  const apiUser: AutotaskApiUser = {
    resourceId: AUTOTASK_API_USER_RESOURCE_ID,
    userName: `pbapi${draw(random, LOWER, 6)}@${AUTOTASK_DOMAIN}`,
    secret: secret(random),
  };
  const techs = data.members.filter((member) => member.isTech).map((member) => ({
    resourceId: member.id,
    identifier: member.identifier,
    name: `${member.firstName} ${member.lastName}`,
    userName: `${member.identifier}@${AUTOTASK_DOMAIN}`,
    email: member.email,
    secret: secret(random),
  }));
  return { integrationCode, apiUser, techs };
}

/** `{sim.url}/ATServicesRest/V1.0`: the API base on the simulator itself, whatever zone URL it advertises. */
export function autotaskApiBase(sim: Simulator): string {
  return `${sim.url}/ATServicesRest/V1.0`;
}

/**
 * The headers an Autotask integration sends: the integration code and a user's name and secret (the shared API
 * user unless a tech is given), and ImpersonationResourceId when acting as another resource.
 */
export function autotaskHeaders(sim: Simulator, who?: AutotaskApiUser, impersonate?: number): Record<string, string> {
  const credentials = autotaskCredentials(sim.data);
  const user = who ?? credentials.apiUser;
  return {
    ApiIntegrationCode: credentials.integrationCode,
    UserName: user.userName,
    Secret: user.secret,
    'content-type': 'application/json',
    ...(impersonate === undefined ? {} : { ImpersonationResourceId: String(impersonate) }),
  };
}
