/**
 * From a page of raw PSA tickets to normalized ones, the same way for every adapter: each record is read on
 * its own, so one bad record is rejected with its field named and the rest of the page is kept; what the
 * adapter maps is checked against the normalized model, so nothing invalid reaches the store.
 */
import type { z } from 'zod';
import { Ticket } from '../model';
import type { PsaLabel } from '../errors';
import type { RejectedRecord, TicketPage } from '../psa';
import { describeIssues, malformed, parseRecord, recordId, safeParseRecord } from './records';

/** Rank for a priority the PSA gives no order for: after every ranked one. */
export const UNRANKED = 999;

/** Maps records the PSA's schema accepted: lookups are loaded once for the lot, then each is mapped. */
export type MapParsed<T> = (parsed: readonly T[]) => Promise<TicketPage>;

/** A page, record by record. An empty page (an idle poll) calls no `mapParsed`: it costs no lookups. */
export async function mapTicketPage<S extends z.ZodType>(schema: S, records: readonly unknown[], mapParsed: MapParsed<z.output<S>>): Promise<TicketPage> {
  const rejected: RejectedRecord[] = [];
  const parsed: z.output<S>[] = [];
  for (const record of records) {
    const result = safeParseRecord(schema, record);
    if (result.success) parsed.push(result.data);
    else rejected.push({ id: recordId(record), problem: describeIssues(result.error).problem });
  }
  if (parsed.length === 0) return { tickets: [], rejected };
  const page = await mapParsed(parsed);
  return { tickets: page.tickets, rejected: [...rejected, ...page.rejected] };
}

/** One ticket the PSA answered (a read, or the answer to a write): mapped, or `malformed` naming it. */
export async function mapOneTicket<S extends z.ZodType>(
  psa: PsaLabel,
  schema: S,
  json: unknown,
  ticketId: number,
  mapParsed: MapParsed<z.output<S>>,
): Promise<Ticket> {
  const { tickets, rejected } = await mapParsed([parseRecord(psa, schema, json, 'ticket')]);
  const ticket = tickets[0];
  if (ticket) return ticket;
  throw malformed(psa, `ticket ${ticketId}: ${rejected[0]?.problem ?? 'unreadable'}`);
}

/** Each parsed record through `toTicket`, checked against the normalized model (dates, URL). */
export function normalizeTickets<T extends { id: number }>(parsed: readonly T[], toTicket: (record: T) => Ticket): TicketPage {
  const tickets: Ticket[] = [];
  const rejected: RejectedRecord[] = [];
  for (const record of parsed) {
    const mapped = Ticket.safeParse(toTicket(record), { reportInput: true });
    if (mapped.success) tickets.push(mapped.data);
    else rejected.push({ id: String(record.id), problem: describeIssues(mapped.error).problem });
  }
  return { tickets, rejected };
}
