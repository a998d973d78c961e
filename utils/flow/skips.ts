/**
 * Skipping the offered ticket, with a reason: what a tech may say, how long the ticket stays out of
 * their Pull next, and — for stand-up mode — which tickets several techs passed on, and why.
 * Pure: the background keeps the skips (utils/store/skips.ts), this reads them.
 */
import { MINUTE_MS } from './duration';

export const SKIP_REASONS = ['skill', 'client', 'too-big', 'other'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** In the tech's own words, as the dock and popup offer them. */
export const SKIP_REASON_LABELS: Readonly<Record<SkipReason, string>> = {
  skill: 'Needs a skill I lack',
  client: 'Waiting on the client',
  'too-big': 'Too big for now',
  other: 'Other',
};

/** An "other" reason says what in a few words. */
export const SKIP_NOTE_MAX = 140;

/** A skipped ticket is not offered to the same tech again for this long. */
export const SKIP_OFFERED_AGAIN_MS = 120 * MINUTE_MS;

/** One tech passing on one ticket: the latest skip of a tech on a ticket replaces the earlier one. */
export interface TicketSkip {
  connectionId: string;
  techId: string;
  techName: string;
  ticketId: string;
  ticketNumber: string;
  reason: SkipReason;
  /** The tech's own words; set for "other", optional for the rest. */
  note: string | null;
  at: number;
}

/** "Waiting on the client", or "Other: needs the vendor's portal". */
export function describeSkip(skip: Pick<TicketSkip, 'reason' | 'note'>): string {
  const label = SKIP_REASON_LABELS[skip.reason];
  return skip.note ? `${label}: ${skip.note}` : label;
}

/** Ticket id → until when this tech does not want it offered again: the pull plan's `skipped` input. */
export function skippedUntil(skips: readonly TicketSkip[], techId: string, windowMs = SKIP_OFFERED_AGAIN_MS): Record<string, number> {
  const until: Record<string, number> = {};
  for (const skip of skips) {
    if (skip.techId !== techId) continue;
    until[skip.ticketId] = Math.max(until[skip.ticketId] ?? 0, skip.at + windowMs);
  }
  return until;
}

export interface SkippedTicket {
  ticketId: string;
  ticketNumber: string;
  /** How many different techs passed on it. */
  techs: number;
  /** Each reason given, most given first, with who gave it. */
  reasons: { reason: SkipReason; label: string; count: number; techNames: string[]; notes: string[] }[];
  lastAt: number;
}

/**
 * For stand-up mode: tickets several techs skipped (at least `minTechs`, since `since` when given),
 * most-skipped first, then most recently skipped — "three of you passed on #4211: two said it needs
 * a skill you lack". `openTicketIds`, when given, keeps only tickets still open on the board.
 */
export function skippedBySeveral(
  skips: readonly TicketSkip[],
  options: { minTechs?: number; since?: number; openTicketIds?: ReadonlySet<string> } = {},
): SkippedTicket[] {
  const minTechs = options.minTechs ?? 2;
  const byTicket = new Map<string, TicketSkip[]>();
  for (const skip of skips) {
    if (options.since !== undefined && skip.at < options.since) continue;
    if (options.openTicketIds && !options.openTicketIds.has(skip.ticketId)) continue;
    byTicket.set(skip.ticketId, [...(byTicket.get(skip.ticketId) ?? []), skip]);
  }
  const result: SkippedTicket[] = [];
  for (const [ticketId, all] of byTicket) {
    // A tech counts once per ticket: their latest reason.
    const latest = new Map<string, TicketSkip>();
    for (const skip of all) if ((latest.get(skip.techId)?.at ?? -Infinity) <= skip.at) latest.set(skip.techId, skip);
    if (latest.size < minTechs) continue;
    const reasons = SKIP_REASONS.map((reason) => {
      const given = [...latest.values()].filter((s) => s.reason === reason);
      return { reason, label: SKIP_REASON_LABELS[reason], count: given.length, techNames: given.map((s) => s.techName), notes: given.flatMap((s) => (s.note ? [s.note] : [])) };
    })
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count);
    const newest = [...latest.values()].reduce((a, b) => (b.at > a.at ? b : a));
    result.push({ ticketId, ticketNumber: newest.ticketNumber, techs: latest.size, reasons, lastAt: newest.at });
  }
  return result.sort((a, b) => b.techs - a.techs || b.lastAt - a.lastAt);
}
