/**
 * The normalized model every PSA adapter maps to. Ids are strings on every PSA so that
 * the rest of Pullboard never cares whether a PSA numbers things or not.
 */
import { z } from 'zod';
import { isCssColour } from './colour';

/** An ISO-8601 timestamp in UTC, e.g. `2026-11-25T09:30:00.000Z`. */
export const IsoDate = z.string().datetime({ offset: true });

/** A PSA's colour: kept when it is one, dropped (null) when it is anything else. */
export const Colour = z
  .string()
  .nullable()
  .transform((value) => (value !== null && isCssColour(value) ? value.trim() : null));

export const Ref = z.object({ id: z.string(), name: z.string() });
export type Ref = z.infer<typeof Ref>;

export const TicketPriority = z.object({
  id: z.string(),
  name: z.string(),
  /** 1 is the most urgent; adapters derive it from the PSA's sort order, never from the id. */
  rank: z.number().int(),
  /** CSS colour the PSA shows for this priority, when it has one. */
  colour: Colour,
});
export type TicketPriority = z.infer<typeof TicketPriority>;

export const Sla = z.object({
  respondBy: IsoDate.nullable(),
  resolveBy: IsoDate.nullable(),
  respondedAt: IsoDate.nullable(),
  resolvedAt: IsoDate.nullable(),
  /** Whether the PSA says the SLA is (still) met; null when it does not say. */
  met: z.boolean().nullable(),
  /**
   * The ticket's own due date (Autotask `dueDateTime`, ConnectWise `requiredDate`, Halo `deadlinedate`): its
   * target when no SLA target is pending. Absent on tickets cached before it was read.
   */
  dueBy: IsoDate.nullish(),
});
export type Sla = z.infer<typeof Sla>;

export const Ticket = z.object({
  id: z.string(),
  /** What a tech calls the ticket: `#4821` on ConnectWise and Halo, `T20261125.0042` on Autotask. */
  number: z.string(),
  title: z.string(),
  status: Ref,
  closed: z.boolean(),
  /** ConnectWise service board, Autotask queue, Halo team. */
  board: Ref.nullable(),
  priority: TicketPriority.nullable(),
  assignee: Ref.nullable(),
  team: Ref.nullable(),
  company: Ref.nullable(),
  contact: Ref.nullable(),
  type: Ref.nullable(),
  subtype: Ref.nullable(),
  created: IsoDate,
  /** The PSA's last-updated stamp: the version token a claim compares before writing. */
  updated: IsoDate,
  sla: Sla,
  estimateHours: z.number().nullable(),
  actualHours: z.number().nullable(),
  /** The ticket's page in the PSA's own web app (adapters build it on the connection's web origin): http(s) only, never `javascript:`. */
  url: z
    .string()
    .url()
    .refine((text) => /^https?:\/\//i.test(text), 'a ticket link must be an http(s) address'),
});
export type Ticket = z.infer<typeof Ticket>;

export const Status = z.object({
  id: z.string(),
  name: z.string(),
  /** Position in the PSA's own list (lower first). */
  order: z.number(),
  closed: z.boolean(),
  inactive: z.boolean(),
  /** The board (CW) or queue this status belongs to; null where statuses are global. */
  boardId: z.string().nullable(),
});
export type Status = z.infer<typeof Status>;

export const Priority = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().int(),
  colour: Colour,
});
export type Priority = z.infer<typeof Priority>;

export const Member = z.object({
  id: z.string(),
  /** Login name (CW identifier, Autotask userName, Halo agent name). */
  identifier: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  inactive: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const Board = z.object({ id: z.string(), name: z.string() });
export type Board = z.infer<typeof Board>;

export const TimeEntry = z.object({
  id: z.string(),
  ticketId: z.string(),
  memberId: z.string(),
  start: IsoDate,
  end: IsoDate,
  hours: z.number(),
  notes: z.string(),
});
export type TimeEntry = z.infer<typeof TimeEntry>;
