/**
 * Paging the same way for every adapter: a page size the PSA accepts, and each record read once even when
 * the PSA serves it on two pages (a cursor that moves while tickets change, a page size it ignores).
 */
import { recordId } from './records';

/** A requested page size as a whole number from 1 to the PSA's largest page; none asked for: the largest. */
export function clampPageSize(requested: number | undefined, largest: number): number {
  if (requested === undefined || Number.isNaN(requested)) return largest;
  return Math.min(largest, Math.max(1, Math.floor(requested)));
}

/** The ids read so far across the pages of one listing. */
export class SeenIds {
  private readonly seen = new Set<string>();

  /** The records of a page not read before, in order: the first copy wins. A record without an id is kept. */
  fresh<R>(records: readonly R[]): R[] {
    return records.filter((record) => {
      const id = recordId(record);
      if (id === null) return true;
      if (this.seen.has(id)) return false;
      this.seen.add(id);
      return true;
    });
  }

  ids(): string[] {
    return [...this.seen];
  }

  get size(): number {
    return this.seen.size;
  }
}
