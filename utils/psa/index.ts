/**
 * The one way to get a `Psa` for a saved connection.
 */
import { AutotaskPsa, type AutotaskOptions } from './autotask/adapter';
import { ConnectWisePsa, type ConnectWiseOptions } from './connectwise/adapter';
import { HaloPsa, type HaloOptions } from './halo/adapter';
import { defaultHttpDeps, type HttpDeps } from './http';
import type { Connection } from './model';
import type { Psa } from './psa';

export { PsaError, isPsaError, type PsaErrorKind } from './errors';
export type { HttpDeps, RequestEvent } from './http';

/** Options of every adapter; each reads its own (e.g. `codebase` for ConnectWise, `onZone` for Autotask). */
export type PsaOptions = ConnectWiseOptions & AutotaskOptions & HaloOptions;

/** Missing deps default to the global `fetch`, `setTimeout` and `Date.now`. */
export function createPsa(connection: Connection, deps: Partial<HttpDeps> = {}, options: PsaOptions = {}): Psa {
  const fullDeps: HttpDeps = { ...defaultHttpDeps(), ...stripUndefined(deps) };
  switch (connection.kind) {
    case 'connectwise':
      return new ConnectWisePsa(connection, fullDeps, options);
    case 'autotask':
      return new AutotaskPsa(connection, fullDeps, options);
    case 'halo':
      return new HaloPsa(connection, fullDeps, options);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
