/**
 * Where a ticket stands against its targets. Only targets still pending count: a respond target once
 * responded, or a resolve target once resolved, no longer drives urgency. A ticket with no pending SLA
 * target is held to its own due date, labelled as a due date. A closed ticket has no clock: it shows how it
 * ended ("resolved 4 d late", "met").
 */
import type { Ticket } from '../psa/model';
import { formatDuration, MINUTE_MS, parseTime } from './duration';

/** `due`: the ticket's own due date, standing in for an SLA it does not have. */
export type SlaTarget = 'respond' | 'resolve' | 'due';
export type SlaStateName = 'none' | 'on-track' | 'at-risk' | 'breached';

/** How a closed ticket ended against its target; null while open, or closed with nothing to say. */
export interface SlaOutcome {
  met: boolean;
  /** The target it was measured against: `resolve` (SLA) or `due` (its due date); null when only the PSA's verdict is known. */
  target: 'resolve' | 'due' | null;
  /** How late it was resolved; 0 when met, null when the PSA said so without dates. */
  lateMs: number | null;
}

export interface SlaState {
  /** Always `none` for a closed ticket: it is no longer urgent, whatever its outcome. */
  state: SlaStateName;
  /** Which pending target is due first; null when none is. */
  target: SlaTarget | null;
  dueAt: number | null;
  /** dueAt − now: negative once breached. */
  leftMs: number | null;
  /** "resolve due in 43 min", "respond SLA breached 2 h ago", "due date in 3 h", "resolved 4 d late", "no SLA". */
  label: string;
  outcome: SlaOutcome | null;
}

export const DEFAULT_AT_RISK_MINUTES = 60;

const NO_CLOCK = { target: null, dueAt: null, leftMs: null } as const;

/** The earliest SLA target the ticket still has to meet or, without one, its own due date. */
export function pendingSlaTarget(ticket: Ticket): { target: SlaTarget; dueAt: number } | null {
  const { sla } = ticket;
  const pending: { target: SlaTarget; dueAt: number }[] = [];
  const respondBy = parseTime(sla.respondBy);
  if (respondBy !== null && sla.respondedAt === null) pending.push({ target: 'respond', dueAt: respondBy });
  const resolveBy = parseTime(sla.resolveBy);
  if (resolveBy !== null && sla.resolvedAt === null) pending.push({ target: 'resolve', dueAt: resolveBy });
  pending.sort((a, b) => a.dueAt - b.dueAt);
  if (pending[0]) return pending[0];
  const dueBy = parseTime(sla.dueBy);
  return dueBy !== null && sla.resolvedAt === null ? { target: 'due', dueAt: dueBy } : null;
}

/** How a closed ticket ended: resolved against its resolve target (or due date), else the PSA's own verdict. */
export function slaOutcome(ticket: Ticket): { outcome: SlaOutcome | null; label: string } {
  const { sla } = ticket;
  const resolvedAt = parseTime(sla.resolvedAt);
  const resolveBy = parseTime(sla.resolveBy);
  const dueBy = parseTime(sla.dueBy);
  const target: 'resolve' | 'due' | null = resolveBy !== null ? 'resolve' : dueBy !== null ? 'due' : null;
  const targetAt = target === 'resolve' ? resolveBy : dueBy;
  if (resolvedAt !== null && targetAt !== null && target !== null) {
    const lateMs = Math.max(0, resolvedAt - targetAt);
    if (lateMs === 0) return { outcome: { met: true, target, lateMs }, label: target === 'due' ? 'met its due date' : 'met' };
    const late = formatDuration(lateMs);
    return { outcome: { met: false, target, lateMs }, label: target === 'due' ? `resolved ${late} after its due date` : `resolved ${late} late` };
  }
  if (sla.met !== null) return { outcome: { met: sla.met, target: null, lateMs: null }, label: sla.met ? 'met' : 'SLA missed' };
  return { outcome: null, label: 'closed' };
}

/**
 * Breached once now is past the due time; at risk from `atRiskMinutes` before it (inclusive),
 * so a ticket due in exactly 60 minutes is already at risk with the default.
 */
export function slaState(ticket: Ticket, now: number, atRiskMinutes = DEFAULT_AT_RISK_MINUTES): SlaState {
  if (ticket.closed) {
    const { outcome, label } = slaOutcome(ticket);
    return { state: 'none', ...NO_CLOCK, label, outcome };
  }
  const pending = pendingSlaTarget(ticket);
  if (pending === null) {
    // Some PSAs only say "not met" (a respond target missed, no dates left to chase):
    // the ticket is still breached, there is just no clock to show.
    if (ticket.sla.met === false) return { state: 'breached', ...NO_CLOCK, label: 'SLA missed', outcome: null };
    return { state: 'none', ...NO_CLOCK, label: 'no SLA', outcome: null };
  }
  const leftMs = pending.dueAt - now;
  const due = pending.target === 'due';
  if (leftMs < 0) {
    return {
      state: 'breached',
      target: pending.target,
      dueAt: pending.dueAt,
      leftMs,
      label: due ? `due date passed ${formatDuration(leftMs)} ago` : `${pending.target} SLA breached ${formatDuration(leftMs)} ago`,
      outcome: null,
    };
  }
  return {
    state: leftMs <= atRiskMinutes * MINUTE_MS ? 'at-risk' : 'on-track',
    target: pending.target,
    dueAt: pending.dueAt,
    leftMs,
    label: due ? `due date in ${formatDuration(leftMs)}` : `${pending.target} due in ${formatDuration(leftMs)}`,
    outcome: null,
  };
}
