/**
 * Cumulative flow: at the end of each day, how many tickets stood in each column of the board, with
 * Done counting every ticket closed since the first day. A ticket's column comes from the transitions
 * log; before its first logged move it stood where that move came from. A closed ticket the log never
 * saw move (history loaded from the PSA, closed before Pullboard watched) has a known start and end but
 * no known path: it counts in a band of its own, "not logged", rather than in a guessed column.
 */
import { groupTransitionsByTicket, type StatusTransition } from '../aging';
import type { ColumnDef } from '../columns';
import { dayIndex } from './calendar';
import type { ClosedTicket, OpenTicket } from './history';

export const NOT_LOGGED_BAND = '~not-logged';

export interface FlowBand {
  id: string;
  name: string;
}

export interface CumulativeFlow {
  /** Board order, Done last, the not-logged band before Done. */
  bands: FlowBand[];
  days: number[];
  /** counts[band][day]. */
  counts: number[][];
}

export function cumulativeFlow(
  closed: readonly ClosedTicket[],
  open: readonly OpenTicket[],
  transitions: readonly StatusTransition[],
  columns: readonly ColumnDef[],
  firstDay: number,
  lastDay: number,
  offsetMinutes: number,
): CumulativeFlow {
  const working = columns.filter((c) => c.role !== 'done');
  const bands: FlowBand[] = [...working.map((c) => ({ id: c.id, name: c.name })), { id: NOT_LOGGED_BAND, name: 'Not logged' }, { id: 'done', name: 'Done' }];
  const notLogged = working.length;
  const done = working.length + 1;
  const bandOfStatus = new Map<string, number>();
  columns.forEach((column) => {
    const band = column.role === 'done' ? done : working.indexOf(column);
    for (const statusId of column.statusIds) bandOfStatus.set(statusId, band);
  });
  const size = Math.max(0, lastDay - firstDay + 1);
  const deltas = bands.map(() => new Int32Array(size + 1));
  const day = (ms: number) => Math.min(size, Math.max(0, dayIndex(ms, offsetMinutes) - firstDay));
  const stay = (band: number, from: number, to: number) => {
    if (band === done || band < 0) return;
    const s = day(from);
    const e = to === Infinity ? size : day(to);
    if (e > s) {
      deltas[band]![s]!++;
      deltas[band]![e]!--;
    }
  };
  const byTicket = groupTransitionsByTicket(transitions);
  const walk = (id: string, created: number, end: number, currentBand: number | null) => {
    const moves = byTicket.get(id);
    if (!moves || moves.length === 0) {
      // Open and never seen moving: where it is now, since it arrived.
      stay(currentBand ?? notLogged, created, end);
      return;
    }
    let band = bandOfStatus.get(moves[0]!.fromStatusId ?? '') ?? bandOfStatus.get(moves[0]!.toStatusId) ?? notLogged;
    let since = created;
    for (const move of moves) {
      if (move.at > end) break;
      stay(band, since, move.at);
      band = bandOfStatus.get(move.toStatusId) ?? notLogged;
      since = Math.max(created, move.at);
    }
    stay(band, since, end);
  };
  for (const t of open) walk(t.id, t.created, Infinity, bandOfStatus.get(t.statusId) ?? notLogged);
  for (const t of closed) {
    walk(t.id, t.created, t.closedAt, null);
    const d = dayIndex(t.closedAt, offsetMinutes) - firstDay;
    if (d >= 0 && d < size) deltas[done]![d]!++;
  }
  const counts = deltas.map((delta) => {
    const row = new Array<number>(size);
    let running = 0;
    for (let i = 0; i < size; i++) row[i] = running += delta[i]!;
    return row;
  });
  return { bands, days: Array.from({ length: size }, (_, i) => firstDay + i), counts };
}
