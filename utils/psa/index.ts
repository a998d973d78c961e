/**
 * The one way to get a `Psa` for a saved connection.
 */
import { ConnectWisePsa, type ConnectWiseOptions } from './connectwise';
import { defaultHttpDeps, type HttpDeps } from './http';
import type { Connection } from './model';
import type { Psa } from './psa';

export { PsaError, isPsaError, type PsaErrorKind } from './errors';
export type { HttpDeps, RequestEvent } from './http';

/** Missing deps default to the global `fetch`, `setTimeout` and `Date.now`. */
export function createPsa(connection: Connection, deps: Partial<HttpDeps> = {}, options: ConnectWiseOptions = {}): Psa {
  const fullDeps: HttpDeps = { ...defaultHttpDeps(), ...stripUndefined(deps) };
  switch (connection.kind) {
    case 'connectwise':
      return new ConnectWisePsa(connection, fullDeps, options);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
