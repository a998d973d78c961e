/**
 * The one way to get a `Psa` for a saved connection: the adapter registry, one line per PSA kind (the
 * connection registry, without adapter code, is `./kinds`).
 */
import { AutotaskPsa, type AutotaskOptions } from './autotask/adapter';
import { ConnectWisePsa, type ConnectWiseOptions } from './connectwise/adapter';
import { HaloPsa, type HaloOptions } from './halo/adapter';
import { defaultHttpDeps, type HttpDeps } from './http';
import type { Connection, PsaKind } from './kinds';
import type { Psa } from './psa';

export { PsaError, isPsaError, type PsaErrorKind } from './errors';
export type { HttpDeps, RequestEvent } from './http';

/** Options of every adapter; each reads its own (`pageSize`), and all take `discovered` / `onDiscovered`. */
export type PsaOptions = ConnectWiseOptions & AutotaskOptions & HaloOptions;

type AdapterFactory<K extends PsaKind> = (connection: Extract<Connection, { kind: K }>, deps: HttpDeps, options: PsaOptions) => Psa;

const ADAPTERS: { [K in PsaKind]: AdapterFactory<K> } = {
  connectwise: (connection, deps, options) => new ConnectWisePsa(connection, deps, options),
  autotask: (connection, deps, options) => new AutotaskPsa(connection, deps, options),
  halo: (connection, deps, options) => new HaloPsa(connection, deps, options),
};

/** Missing deps default to the global `fetch`, `setTimeout` and `Date.now`. */
export function createPsa(connection: Connection, deps: Partial<HttpDeps> = {}, options: PsaOptions = {}): Psa {
  const fullDeps: HttpDeps = { ...defaultHttpDeps(), ...stripUndefined(deps) };
  return (ADAPTERS[connection.kind] as AdapterFactory<PsaKind>)(connection as never, fullDeps, options);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
