/** Small helpers for tests that talk to the simulator's ConnectWise API with fetch. */
import { DEMO_CLIENT_ID, DEMO_COMPANY_ID, memberCredentials, type MemberCredentials } from './seed';
import type { Simulator } from './server';

/** The headers a ConnectWise integration sends: Basic auth for `companyId+publicKey:privateKey` and the clientId. */
export function connectWiseHeaders(sim: Simulator, member?: MemberCredentials): Record<string, string> {
  const who = member ?? memberCredentials(sim.data)[0];
  if (!who) throw new Error('the simulator has no techs');
  const basic = Buffer.from(`${DEMO_COMPANY_ID}+${who.publicKey}:${who.privateKey}`).toString('base64');
  return { authorization: `Basic ${basic}`, clientId: DEMO_CLIENT_ID, accept: 'application/vnd.connectwise.com+json; version=2021.1' };
}

/** `{url}/{codebase}apis/3.0` for the simulator's current codebase. */
export function connectWiseApiBase(sim: Simulator): string {
  return `${sim.url}/${sim.codebase}apis/3.0`;
}
