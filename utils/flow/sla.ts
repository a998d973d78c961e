/**
 * Where a ticket stands against its SLA. Only targets still pending count: a respond target
 * once responded, or a resolve target once resolved, no longer drives urgency.
 */
import type { Ticket } from '../psa/model';
import { formatDuration, MINUTE_MS, parseTime } from './duration';

export type SlaTarget = 'respond' | 'resolve';
export type SlaStateName = 'none' | 'on-track' | 'at-risk' | 'breached';

export interface SlaState {
  state: SlaStateName;
  /** Which pending target is due first; null when none is. */
  target: SlaTarget | null;
  dueAt: number | null;
  /** dueAt − now: negative once breached. */
  leftMs: number | null;
  /** "resolve due in 43 min", "respond SLA breached 2 h ago", "SLA missed", "no SLA". */
  label: string;
}

export const DEFAULT_AT_RISK_MINUTES = 60;

/** The earliest target the ticket still has to meet. */
export function pendingSlaTarget(ticket: Ticket): { target: SlaTarget; dueAt: number } | null {
  const { sla } = ticket;
  const pending: { target: SlaTarget; dueAt: number }[] = [];
  const respondBy = parseTime(sla.respondBy);
  if (respondBy !== null && sla.respondedAt === null) pending.push({ target: 'respond', dueAt: respondBy });
  const resolveBy = parseTime(sla.resolveBy);
  if (resolveBy !== null && sla.resolvedAt === null) pending.push({ target: 'resolve', dueAt: resolveBy });
  pending.sort((a, b) => a.dueAt - b.dueAt);
  return pending[0] ?? null;
}

/**
 * Breached once now is past the due time; at risk from `atRiskMinutes` before it (inclusive),
 * so a ticket due in exactly 60 minutes is already at risk with the default.
 */
export function slaState(ticket: Ticket, now: number, atRiskMinutes = DEFAULT_AT_RISK_MINUTES): SlaState {
  const pending = pendingSlaTarget(ticket);
  if (pending === null) {
    // Some PSAs only say "not met" (a respond target missed, no dates left to chase):
    // the ticket is still breached, there is just no clock to show.
    if (ticket.sla.met === false) {
      return { state: 'breached', target: null, dueAt: null, leftMs: null, label: 'SLA missed' };
    }
    return { state: 'none', target: null, dueAt: null, leftMs: null, label: 'no SLA' };
  }
  const leftMs = pending.dueAt - now;
  if (leftMs < 0) {
    return {
      state: 'breached',
      target: pending.target,
      dueAt: pending.dueAt,
      leftMs,
      label: `${pending.target} SLA breached ${formatDuration(leftMs)} ago`,
    };
  }
  return {
    state: leftMs <= atRiskMinutes * MINUTE_MS ? 'at-risk' : 'on-track',
    target: pending.target,
    dueAt: pending.dueAt,
    leftMs,
    label: `${pending.target} due in ${formatDuration(leftMs)}`,
  };
}
