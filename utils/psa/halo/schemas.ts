/**
 * The HaloPSA records Pullboard reads, as zod schemas: only the fields the model needs. Halo leaves unset
 * properties out (an open ticket has no `hasbeenclosed` key), writes dates with 0–7 fractional digits and
 * placeholders for "no date", and gives list rows ids without names.
 */
import { z } from 'zod';
import { OptionalPsaDate, PsaDate } from '../kit/dates';
import { NamedRecord, PsaId as Id } from '../kit/schemas';

export const HaloTicket = z.object({
  id: Id,
  summary: z.string(),
  status_id: Id,
  priority_id: Id.nullish(),
  tickettype_id: Id.nullish(),
  agent_id: Id.nullish(),
  team: z.string().nullish(),
  team_id: Id.nullish(),
  client_id: Id.nullish(),
  client_name: z.string().nullish(),
  user_id: Id.nullish(),
  user_name: z.string().nullish(),
  sla_id: Id.nullish(),
  dateoccurred: OptionalPsaDate,
  datecreated: OptionalPsaDate,
  last_update: PsaDate,
  respondbydate: OptionalPsaDate,
  fixbydate: OptionalPsaDate,
  deadlinedate: OptionalPsaDate,
  responsedate: OptionalPsaDate,
  dateclosed: OptionalPsaDate,
  hasbeenclosed: z.boolean().nullish(),
  slastate: z.string().nullish(),
  slaresponsestate: z.string().nullish(),
  estimate: z.number().nullish(),
  timetaken: z.number().nullish(),
});
export type HaloTicket = z.infer<typeof HaloTicket>;

/** `GET /api/Tickets?pageinate=true…` → one page; `record_count` is not trusted. */
export const HaloTicketPage = z.object({
  tickets: z.array(z.unknown()),
  record_count: z.number().nullish(),
  page_no: z.number().nullish(),
  page_size: z.number().nullish(),
});

export const HaloToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.number().positive().nullish(),
});

export const HaloStatus = NamedRecord.extend({
  sequence: z.number().nullish(),
  colour: z.string().nullish(),
});
export type HaloStatus = z.infer<typeof HaloStatus>;

/** One row per SLA and priority: a ticket's `priority_id` matches `priorityid`, not `id` (a GUID). */
export const HaloPriority = z.object({
  priorityid: Id,
  slaid: Id.nullish(),
  name: z.string(),
  colour: z.string().nullish(),
  ishidden: z.boolean().nullish(),
});
export type HaloPriority = z.infer<typeof HaloPriority>;

export const HaloAgent = NamedRecord.extend({
  email: z.string().nullish(),
  isdisabled: z.boolean().nullish(),
  /** Set on the agent an API application logs in as. */
  isapiagent: z.boolean().nullish(),
});
export type HaloAgent = z.infer<typeof HaloAgent>;

export const HaloTeam = NamedRecord.extend({ inactive: z.boolean().nullish() });
export const HaloTicketType = NamedRecord;

export const HaloAction = z.object({
  id: Id,
  ticket_id: Id.nullish(),
  timetaken: z.number().nullish(),
  note: z.string().nullish(),
});
