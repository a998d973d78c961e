/** Aging work in progress: each open ticket's age in its column against the team's p85 for that column. */
import { agingMarker, columnAgingThresholds, type AgingMarker, type AgingOptions, type StatusTransition } from '../aging';
import { columnOfStatus, type ColumnDef } from '../columns';
import type { OpenTicket } from './history';

export interface AgingRow {
  id: string;
  number: string;
  url: string;
  columnId: string;
  columnName: string;
  ageMs: number;
  /** The team's p85 stay in that column; null with too few completed stays to say. */
  thresholdMs: number | null;
  marker: AgingMarker;
}

export interface AgingWip {
  /** Column id → the team's p85 stay (ms) or null, board order. */
  thresholds: { columnId: string; columnName: string; p85: number | null }[];
  /** Oldest first within each column, columns in board order; Done is left out. */
  rows: AgingRow[];
}

export function agingWip(
  open: readonly OpenTicket[],
  transitions: readonly StatusTransition[],
  columns: readonly ColumnDef[],
  now: number,
  options: AgingOptions = {},
): AgingWip {
  const thresholds = columnAgingThresholds(transitions, columns, now, options);
  const order = new Map(columns.map((c, i) => [c.id, i]));
  const rows: AgingRow[] = [];
  for (const t of open) {
    const column = columnOfStatus(columns, t.statusId);
    if (!column || column.role === 'done') continue;
    const thresholdMs = thresholds.get(column.id) ?? null;
    const ageMs = Math.max(0, now - t.enteredColumnAt);
    rows.push({ id: t.id, number: t.number, url: t.url, columnId: column.id, columnName: column.name, ageMs, thresholdMs, marker: agingMarker(ageMs, thresholdMs) });
  }
  rows.sort((a, b) => (order.get(a.columnId) ?? 0) - (order.get(b.columnId) ?? 0) || b.ageMs - a.ageMs);
  return {
    thresholds: columns.filter((c) => c.role !== 'done').map((c) => ({ columnId: c.id, columnName: c.name, p85: thresholds.get(c.id) ?? null })),
    rows,
  };
}
