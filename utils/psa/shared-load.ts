/**
 * A value an adapter loads once and shares with every caller meanwhile (a discovered codebase or zone,
 * picklists, the member list, who "me" is). A failed load is not kept, so the next call tries again;
 * `forget()` makes the next call load afresh (the codebase moved, the list is stale).
 */
export class SharedLoad<T> {
  private pending: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    /** A value known already (kept from an earlier adapter): used until forgotten. */
    known?: T,
  ) {
    if (known !== undefined) this.pending = Promise.resolve(known);
  }

  get(): Promise<T> {
    if (!this.pending) {
      const loading = this.load();
      this.pending = loading;
      loading.catch(() => {
        if (this.pending === loading) this.pending = undefined;
      });
    }
    return this.pending;
  }

  forget(): void {
    this.pending = undefined;
  }
}
