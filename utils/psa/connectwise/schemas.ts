/**
 * The ConnectWise records Pullboard reads, as zod schemas: only the fields the model needs. ConnectWise
 * leaves out empty fields (an unassigned ticket has no `owner` key), hence the many `nullish()`.
 */
import { z } from 'zod';

const Id = z.number().int();

/** ConnectWise writes `2026-11-25T09:30:00Z`; a value without a zone is taken as UTC. Output: ISO with `Z`. */
export const CwDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(withZone(value))), { message: 'expected a date' })
  .transform((value) => new Date(Date.parse(withZone(value))).toISOString());

function withZone(value: string): string {
  return /(Z|[+-]\d\d:?\d\d)$/i.test(value) || !value.includes('T') ? value : `${value}Z`;
}

const Ref = z.object({ id: Id, name: z.string() });

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

export const CwBoard = z.object({ id: Id, name: z.string(), inactiveFlag: z.boolean().nullish() });
export const BOARD_FIELDS = 'id,name,inactiveFlag';

export const CwStatus = z.object({
  id: Id,
  name: z.string(),
  sortOrder: z.number().nullish(),
  closedStatus: z.boolean().nullish(),
  inactive: z.boolean().nullish(),
});
export const STATUS_FIELDS = 'id,name,sortOrder,closedStatus,inactive';

export const CwPriority = z.object({
  id: Id,
  name: z.string(),
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

/** `status.id: expected number, got "x"`: one line that names the field and what was wrong. */
export function describeIssues(error: z.ZodError): { field: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', problem: 'invalid' };
  const field = issue.path.map(String).join('.');
  let what: string;
  if (issue.code === 'invalid_type') {
    what = 'input' in issue && issue.input !== undefined ? `expected ${issue.expected}, got ${describeValue(issue.input)}` : `expected ${issue.expected}, but it is missing`;
  } else if (issue.code === 'custom' || issue.code === 'invalid_format') {
    what = `${issue.message}, got ${describeValue(issue.input)}`;
  } else {
    what = issue.message;
  }
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return { field, problem: `${field ? `${field}: ` : ''}${what}${more}` };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** Parses with the input kept on issues, so problems can say what was received. */
export function safeParseRecord<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { reportInput: true });
}
