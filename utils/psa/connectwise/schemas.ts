/**
 * The ConnectWise records Pullboard reads, as zod schemas: only the fields the model needs. ConnectWise
 * leaves out empty fields (an unassigned ticket has no `owner` key), hence the many `nullish()`.
 */
import { z } from 'zod';
import { NamedRecord, PsaId as Id } from '../kit/schemas';

/** ConnectWise writes `2026-11-25T09:30:00Z`; a value without a zone is taken as UTC. Output: ISO with `Z`. */
export const CwDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(withZone(value))), { message: 'expected a date' })
  .transform((value) => new Date(Date.parse(withZone(value))).toISOString());

function withZone(value: string): string {
  return /(Z|[+-]\d\d:?\d\d)$/i.test(value) || !value.includes('T') ? value : `${value}Z`;
}

const Ref = NamedRecord;

export const CwTicket = z.object({
  id: Id,
  summary: z.string(),
  board: Ref.nullish(),
  status: Ref,
  closedFlag: z.boolean(),
  priority: z.object({ id: Id, name: z.string(), sort: z.number().nullish() }).nullish(),
  type: Ref.nullish(),
  subType: Ref.nullish(),
  team: Ref.nullish(),
  owner: z.object({ id: Id, identifier: z.string(), name: z.string().nullish() }).nullish(),
  company: Ref.nullish(),
  contact: z.object({ id: Id, name: z.string().nullish() }).nullish(),
  budgetHours: z.number().nullish(),
  actualHours: z.number().nullish(),
  sla: z.object({ id: Id }).nullish(),
  isInSla: z.boolean().nullish(),
  dateResponded: CwDate.nullish(),
  dateResolved: CwDate.nullish(),
  requiredDate: CwDate.nullish(),
  _info: z.object({ lastUpdated: CwDate, dateEntered: CwDate }),
});
export type CwTicket = z.infer<typeof CwTicket>;

/** What `fields=` asks for on ticket lists and reads: exactly what `CwTicket` reads. */
export const TICKET_FIELDS = [
  'id',
  'summary',
  'board/id',
  'board/name',
  'status/id',
  'status/name',
  'closedFlag',
  'priority/id',
  'priority/name',
  'priority/sort',
  'type/id',
  'type/name',
  'subType/id',
  'subType/name',
  'team/id',
  'team/name',
  'owner/id',
  'owner/identifier',
  'owner/name',
  'company/id',
  'company/name',
  'contact/id',
  'contact/name',
  'budgetHours',
  'actualHours',
  'sla/id',
  'isInSla',
  'dateResponded',
  'dateResolved',
  'requiredDate',
  '_info/lastUpdated',
  '_info/dateEntered',
].join(',');

export const CwTicketId = z.object({ id: Id });

export const CwCompanyInfo = z.object({
  // Used as a path segment: letters, digits, `_ . -` only, e.g. `v2025_1/`.
  Codebase: z.string().regex(/^\/?[A-Za-z0-9_.-]+\/?$/, 'expected a codebase like "v2025_1/"'),
});

export const CwBoard = NamedRecord.extend({ inactiveFlag: z.boolean().nullish() });
export const BOARD_FIELDS = 'id,name,inactiveFlag';

export const CwStatus = NamedRecord.extend({
  sortOrder: z.number().nullish(),
  closedStatus: z.boolean().nullish(),
  inactive: z.boolean().nullish(),
});
export const STATUS_FIELDS = 'id,name,sortOrder,closedStatus,inactive';

export const CwPriority = NamedRecord.extend({
  sortOrder: z.number().nullish(),
  color: z.string().nullish(),
});
export const PRIORITY_FIELDS = 'id,name,sortOrder,color';

export const CwMember = z.object({
  id: Id,
  identifier: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  officeEmail: z.string().nullish(),
  inactiveFlag: z.boolean().nullish(),
});
export type CwMember = z.infer<typeof CwMember>;
export const MEMBER_FIELDS = 'id,identifier,firstName,lastName,officeEmail,inactiveFlag';

/** One row of `/service/SLAs/{id}/priorities`: the SLA's targets for one priority. */
export const CwSlaPriority = z.object({
  priority: z.object({ id: Id }),
  respondHours: z.number().nullish(),
  resolutionHours: z.number().nullish(),
});

export const SLA_PRIORITY_FIELDS = 'priority/id,respondHours,resolutionHours';

export const CwCount = z.object({ count: z.number().int().nonnegative() });

export const CwTimeEntry = z.object({
  id: Id,
  chargeToId: Id,
  member: z.object({ id: Id }),
  timeStart: CwDate,
  timeEnd: CwDate.nullish(),
  actualHours: z.number().nullish(),
  notes: z.string().nullish(),
});
