/**
 * The Autotask records Pullboard reads, as zod schemas: only the fields the model needs. Autotask serves
 * references as bare integers (picklist values, resource, company and contact ids) and every field of an
 * item, null when empty; `nullish()` also takes a field a trimmed `IncludeFields` left out.
 */
import { z } from 'zod';
import { OptionalPsaDate, PsaDate } from '../kit/dates';
import { PsaId as Id } from '../kit/schemas';

export const AtTicket = z.object({
  id: Id,
  ticketNumber: z.string(),
  title: z.string(),
  queueID: Id.nullish(),
  status: Id,
  priority: Id.nullish(),
  issueType: Id.nullish(),
  subIssueType: Id.nullish(),
  assignedResourceID: Id.nullish(),
  companyID: Id.nullish(),
  contactID: Id.nullish(),
  createDate: PsaDate,
  lastActivityDate: PsaDate,
  completedDate: OptionalPsaDate,
  estimatedHours: z.number().nullish(),
  dueDateTime: OptionalPsaDate,
  firstResponseDueDateTime: OptionalPsaDate,
  firstResponseDateTime: OptionalPsaDate,
  resolvedDueDateTime: OptionalPsaDate,
  resolvedDateTime: OptionalPsaDate,
  serviceLevelAgreementHasBeenMet: z.boolean().nullish(),
});
export type AtTicket = z.infer<typeof AtTicket>;

/** What `IncludeFields` asks for on ticket queries: exactly what `AtTicket` reads. */
export const TICKET_FIELDS: readonly string[] = Object.keys(AtTicket.shape);

export const AtTicketId = z.object({ id: Id });

/** `POST /{Entity}/query` → one page of items and the cursor to the next. */
export const AtQueryPage = z.object({
  items: z.array(z.unknown()),
  pageDetails: z
    .object({
      count: z.number().nullish(),
      requestCount: z.number().nullish(),
      nextPageUrl: z.string().nullish(),
      prevPageUrl: z.string().nullish(),
    })
    .nullish(),
});

/** `GET /{Entity}/{id}` → `{item}`; Autotask answers `{item: null}` for an id it does not have. */
export const AtItem = z.object({ item: z.unknown() });
/** A create or update → `{itemId}`. */
export const AtItemId = z.object({ itemId: Id });
export const AtCount = z.object({ queryCount: z.number().int().nonnegative() });

export const AtZone = z.object({
  zoneName: z.string().nullish(),
  url: z.string().url(),
  webUrl: z.string().url().nullish(),
  ci: z.number().nullish(),
});

/** Picklist values are strings in entityInformation (`"5"`), integers on records (`5`). */
export const AtPicklistValue = z.object({
  value: z.union([z.string(), z.number()]).transform(String),
  label: z.string(),
  sortOrder: z.number().nullish(),
  isActive: z.boolean().nullish(),
  parentValue: z.union([z.string(), z.number()]).nullish(),
});
export type AtPicklistValue = z.infer<typeof AtPicklistValue>;

export const AtFieldInfo = z.object({
  name: z.string(),
  picklistValues: z.array(z.unknown()).nullish(),
});
export const AtFields = z.object({ fields: z.array(z.unknown()) });

/** A resource or a contact: a person, by id and name. */
const AtPerson = z.object({ id: Id, firstName: z.string().nullish(), lastName: z.string().nullish() });

/**
 * A resource. No `IncludeFields` is sent for resources: what tells an API-only user from a tech differs
 * between databases (`licenseType` 7 is "API User"; some report it in `resourceType`), so every field comes
 * back and this reads the ones present.
 */
export const AtResource = AtPerson.extend({
  userName: z.string().nullish(),
  email: z.string().nullish(),
  isActive: z.boolean().nullish(),
  licenseType: z.number().int().nullish(),
  resourceType: z.string().nullish(),
  defaultServiceDeskRoleID: Id.nullish(),
});
export type AtResource = z.infer<typeof AtResource>;

export const AtServiceDeskRole = z.object({
  resourceID: Id,
  roleID: Id,
  isDefault: z.boolean().nullish(),
  isActive: z.boolean().nullish(),
});

export const AtCompany = z.object({ id: Id, companyName: z.string().nullish() });
export const COMPANY_FIELDS = ['id', 'companyName'];
export const AtContact = AtPerson;
export const CONTACT_FIELDS: readonly string[] = Object.keys(AtContact.shape);

export const AtTimeEntry = z.object({
  id: Id,
  ticketID: Id.nullish(),
  resourceID: Id,
  startDateTime: PsaDate,
  endDateTime: OptionalPsaDate,
  hoursWorked: z.number().nullish(),
  summaryNotes: z.string().nullish(),
});
export const TIME_ENTRY_FIELDS: readonly string[] = Object.keys(AtTimeEntry.shape);

/** `GET /ThresholdInformation`: the database's request count in the current hour, all integrations together. */
export const AtThreshold = z.object({
  externalRequestThreshold: z.number(),
  requestThresholdTimeframe: z.number().nullish(),
  currentTimeframeRequestCount: z.number(),
});
