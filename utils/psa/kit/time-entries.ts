/**
 * A time entry on its way to a PSA and back, the same for every adapter whatever the PSA calls its fields:
 * ids and times checked before anything is sent, and the entry as saved read from what was sent and what
 * the PSA answered.
 */
import { PsaError, type PsaLabel } from '../errors';
import type { TimeEntry } from '../model';
import type { NewTimeEntry } from '../psa';
import { numericId } from './records';

export interface CheckedTimeEntry {
  ticketId: number;
  memberId: number;
  start: Date;
  end: Date;
  hours: number;
  notes: string;
}

/** `member`: what the PSA calls the tech whose time it is (`resource`, `agent`), for the message when the id is wrong. */
export function checkTimeEntry(psa: PsaLabel, entry: NewTimeEntry, member: string): CheckedTimeEntry {
  const ticketId = numericId(psa, entry.ticketId, 'ticket');
  const memberId = numericId(psa, entry.memberId, member);
  const start = new Date(Date.parse(entry.start));
  const end = new Date(Date.parse(entry.end));
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new PsaError({ kind: 'config', psa, detail: `the time entry's start or end is not a date` });
  }
  return { ticketId, memberId, start, end, hours: entry.hours, notes: entry.notes };
}

/** The saved entry: the PSA's id, and its own ticket, hours and notes where its answer gave them. */
export function savedTimeEntry(
  id: number | string,
  sent: CheckedTimeEntry,
  answered: { ticketId?: number | null; hours?: number | null; notes?: string | null } = {},
): TimeEntry {
  return {
    id: String(id),
    ticketId: String(answered.ticketId ?? sent.ticketId),
    memberId: String(sent.memberId),
    start: sent.start.toISOString(),
    end: sent.end.toISOString(),
    hours: answered.hours ?? sent.hours,
    notes: answered.notes ?? sent.notes,
  };
}
