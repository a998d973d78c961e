/**
 * Values an adapter loads once and shares with every caller meanwhile: a discovered codebase, zone or token,
 * picklists, the member list, who "me" is, the roles of one resource. A failed load is not kept, so the next
 * call tries again; `forget()` makes the next call load afresh (the codebase moved, the list is stale).
 */

export class SharedLoad<T> {
  private pending: Promise<T> | undefined;
  /** The value `pending` settled to, while it is the current one. */
  private settled: { value: T } | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    /** A value known already (kept from an earlier adapter): used until forgotten. */
    known?: T,
  ) {
    if (known !== undefined) {
      this.pending = Promise.resolve(known);
      this.settled = { value: known };
    }
  }

  get(): Promise<T> {
    if (!this.pending) {
      const loading = this.load();
      this.pending = loading;
      loading.then(
        (value) => {
          if (this.pending === loading) this.settled = { value };
        },
        () => {
          if (this.pending === loading) this.pending = undefined;
        },
      );
    }
    return this.pending;
  }

  /** The loaded value, when one is loaded and not forgotten; undefined while loading or before. */
  loaded(): { value: T } | undefined {
    return this.settled;
  }

  /** Replaces the value with one read afresh elsewhere (a list the user asked for): callers get it from now on. */
  set(value: T): void {
    this.pending = Promise.resolve(value);
    this.settled = { value };
  }

  forget(): void {
    this.pending = undefined;
    this.settled = undefined;
  }
}

/**
 * One `SharedLoad` per key (a resource's roles, an SLA's targets): each key loads once, a failed key is
 * forgotten on its own, and `forget(key)` or `forgetAll()` makes the next call load afresh.
 */
export class SharedLoadMap<K, V> {
  private readonly loads = new Map<K, SharedLoad<V>>();

  constructor(private readonly load: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let shared = this.loads.get(key);
    if (!shared) {
      shared = new SharedLoad(() => this.load(key));
      this.loads.set(key, shared);
    }
    return shared.get();
  }

  /** The value loaded for `key`, when there is one. */
  loaded(key: K): { value: V } | undefined {
    return this.loads.get(key)?.loaded();
  }

  forget(key: K): void {
    this.loads.delete(key);
  }

  forgetAll(): void {
    this.loads.clear();
  }
}

/**
 * A load whose failure of a known, harmless kind (no permission to read priorities, ticket types) stands
 * for a fallback value, kept like a loaded one; any other failure is thrown and not kept.
 */
export function orFallback<A extends unknown[], T>(
  load: (...args: A) => Promise<T>,
  harmless: (error: unknown) => boolean,
  fallback: () => T,
): (...args: A) => Promise<T> {
  return (...args) =>
    load(...args).catch((error: unknown) => {
      if (harmless(error)) return fallback();
      throw error;
    });
}
