/**
 * A desk's history for the what-if replay, built from what Pullboard knows: the normalized tickets
 * (open and closed), their time entries, the status transitions sync logged, the techs and their skills.
 */
import type { Member, Ticket, TimeEntry } from '../psa/model';
import type { StatusTransition } from '../flow/aging';
import { DAY_MS, HOUR_MS, MINUTE_MS, parseTime } from '../flow/duration';
import { percentile } from '../flow/aging';
import { whatIfParams, type BusinessHours, type DeskHistory, type DeskTicket, type EffortSource, type WhatIfParams } from './desk';

export interface DeskHistoryInput {
  /** Tickets of the board, open and closed; those created in [from, to) are replayed. */
  tickets: readonly Ticket[];
  timeEntries: readonly TimeEntry[];
  techs: readonly { member: Member; skills: readonly string[] }[];
  /** The board's skill mapping (see skillOf in rank.ts). */
  skillOfTicket: (ticket: Ticket) => string | null;
  /** Status changes sync logged; with waitingStatusIds they give each ticket's time waiting on the client. */
  transitions?: readonly StatusTransition[];
  waitingStatusIds?: readonly string[];
  from: number;
  to: number;
  /** The effort model and business hours (defaults: DEFAULT_WHATIF_PARAMS). */
  params?: Partial<WhatIfParams>;
}

/** Business milliseconds between two instants under these business hours. */
export function businessMsBetween(start: number, end: number, hours: BusinessHours): number {
  if (!(end > start)) return 0;
  const offset = hours.utcOffsetMinutes * MINUTE_MS;
  const days = new Set(hours.days);
  let total = 0;
  for (let day = Math.floor((start + offset) / DAY_MS); day * DAY_MS - offset < end; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (!days.has(weekday)) continue;
    const open = day * DAY_MS - offset + hours.startHour * HOUR_MS;
    const close = day * DAY_MS - offset + hours.endHour * HOUR_MS;
    total += Math.max(0, Math.min(end, close) - Math.max(start, open));
  }
  return total;
}

/** The last `days` days before `now`: the window the Insights page offers (30 or 90). */
export function lastDays(days: number, now: number): { from: number; to: number } {
  return { from: now - days * DAY_MS, to: now };
}

function waitingHoursByTicket(input: DeskHistoryInput): Map<string, number> {
  const waits = new Map<string, number>();
  const waitingIds = new Set(input.waitingStatusIds ?? []);
  if (waitingIds.size === 0 || input.transitions === undefined) return waits;
  const byTicket = new Map<string, StatusTransition[]>();
  for (const t of input.transitions) byTicket.set(t.ticketId, [...(byTicket.get(t.ticketId) ?? []), t]);
  for (const [ticketId, list] of byTicket) {
    list.sort((a, b) => a.at - b.at);
    let ms = 0;
    list.forEach((t, i) => {
      if (!waitingIds.has(t.toStatusId)) return;
      ms += Math.max(0, (list[i + 1]?.at ?? input.to) - t.at);
    });
    if (ms > 0) waits.set(ticketId, ms / HOUR_MS);
  }
  return waits;
}

/**
 * Effort per ticket: the hours logged on it; else, for a finished ticket, a share of its cycle time in
 * business hours (less its client waits), clamped; else (still open, nothing logged) the median effort
 * of finished tickets of the same type.
 */
export function buildDeskHistory(input: DeskHistoryInput): DeskHistory {
  const params = whatIfParams(input.params);
  const logged = new Map<string, number>();
  for (const entry of input.timeEntries) logged.set(entry.ticketId, (logged.get(entry.ticketId) ?? 0) + entry.hours);
  const waits = waitingHoursByTicket(input);
  const clamp = (hours: number) => Math.min(params.effortMaxHours, Math.max(params.effortMinHours, hours));

  const inWindow = input.tickets.filter((t) => {
    const created = parseTime(t.created);
    return created !== null && created >= input.from && created < input.to;
  });
  const known = new Map<string, { hours: number; source: EffortSource }>();
  for (const ticket of inWindow) {
    const hours = logged.get(ticket.id) ?? 0;
    if (hours > 0) {
      known.set(ticket.id, { hours: clamp(hours), source: 'time entries' });
      continue;
    }
    const created = parseTime(ticket.created)!;
    const finished = parseTime(ticket.sla.resolvedAt) ?? (ticket.closed ? parseTime(ticket.updated) : null);
    if (finished === null) continue;
    const cycle = businessMsBetween(created, finished, params.businessHours) / HOUR_MS - (waits.get(ticket.id) ?? 0);
    known.set(ticket.id, { hours: clamp(cycle * params.effortShareOfCycle), source: 'cycle time' });
  }
  const byType = new Map<string, number[]>();
  for (const ticket of inWindow) {
    const effort = known.get(ticket.id);
    if (effort === undefined) continue;
    const key = ticket.type?.id ?? '';
    byType.set(key, [...(byType.get(key) ?? []), effort.hours]);
  }
  const all = [...known.values()].map((e) => e.hours);
  const median = (typeId: string | undefined) =>
    percentile(byType.get(typeId ?? '') ?? [], 0.5) ?? percentile(all, 0.5) ?? params.effortMinHours;

  const tickets: DeskTicket[] = inWindow.map((ticket) => {
    const effort = known.get(ticket.id) ?? { hours: clamp(median(ticket.type?.id)), source: 'similar tickets' as const };
    return {
      id: ticket.id,
      number: ticket.number,
      title: ticket.title,
      created: parseTime(ticket.created)!,
      priority: ticket.priority,
      board: ticket.board,
      type: ticket.type,
      subtype: ticket.subtype,
      company: ticket.company,
      contact: ticket.contact,
      respondBy: parseTime(ticket.sla.respondBy),
      resolveBy: parseTime(ticket.sla.resolveBy),
      skill: input.skillOfTicket(ticket),
      effortHours: effort.hours,
      effortSource: effort.source,
      clientWaitHours: waits.get(ticket.id) ?? 0,
    };
  });
  return {
    from: input.from,
    to: input.to,
    techs: input.techs.filter((t) => !t.member.inactive).map((t) => ({ id: t.member.id, name: t.member.name, skills: [...t.skills] })),
    tickets,
  };
}
