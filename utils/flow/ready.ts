/**
 * Definition of Ready: a ticket enters Ready only when a tech can start it. Each rule that fails
 * gives a reason a dispatcher can act on ("no contact", "type not set").
 */
import { z } from 'zod';
import type { Ticket } from '../psa/model';
import { statusIdsOfRole, type ColumnDef } from './columns';

export const ReadyField = z.enum(['contact', 'company', 'type', 'subtype', 'priority', 'board']);
export type ReadyField = z.infer<typeof ReadyField>;

/** A zod schema as well as a type: the rules are part of a stored, importable board configuration. */
export const ReadyRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fieldSet'), field: ReadyField }),
  /** Not in one of these statuses: typically the waiting ones ("not waiting on the client"). */
  z.object({ kind: z.literal('notStatus'), statusIds: z.array(z.string()) }),
  z.object({ kind: z.literal('notAssigned') }),
  z.object({ kind: z.literal('notClosed') }),
]);
export type ReadyRule = z.infer<typeof ReadyRule>;

export interface ReadyCheck {
  ready: boolean;
  /** One per failed rule, in rule order; empty when ready. */
  reasons: string[];
}

const MISSING_FIELD: Record<ReadyField, string> = {
  contact: 'no contact',
  company: 'no company',
  type: 'type not set',
  subtype: 'subtype not set',
  priority: 'priority not set',
  board: 'board not set',
};

/**
 * Contact known, type set, not closed and — when the board's columns are given — not waiting
 * or done. Assignment is not part of it: being unassigned is what makes a ready ticket
 * pullable, not what makes it ready (pullCandidates checks it).
 */
export function defaultReadyRules(columns: readonly ColumnDef[] = []): ReadyRule[] {
  const rules: ReadyRule[] = [
    { kind: 'fieldSet', field: 'contact' },
    { kind: 'fieldSet', field: 'type' },
    { kind: 'notClosed' },
  ];
  const blocked = [...statusIdsOfRole(columns, 'waiting'), ...statusIdsOfRole(columns, 'done')];
  if (blocked.length > 0) rules.push({ kind: 'notStatus', statusIds: blocked });
  return rules;
}

/** The reason this rule fails for the ticket, or null when it passes. */
export function failedReadyRule(ticket: Ticket, rule: ReadyRule): string | null {
  switch (rule.kind) {
    case 'fieldSet':
      return ticket[rule.field] === null ? MISSING_FIELD[rule.field] : null;
    case 'notStatus':
      return rule.statusIds.includes(ticket.status.id) ? `status is ${ticket.status.name}` : null;
    case 'notAssigned':
      return ticket.assignee === null ? null : assignedReason(ticket.assignee.name);
    case 'notClosed':
      return ticket.closed ? 'closed' : null;
  }
}

export function assignedReason(assigneeName: string): string {
  return `assigned to ${assigneeName}`;
}

export function checkReady(ticket: Ticket, rules: readonly ReadyRule[]): ReadyCheck {
  const reasons: string[] = [];
  for (const rule of rules) {
    const reason = failedReadyRule(ticket, rule);
    if (reason !== null && !reasons.includes(reason)) reasons.push(reason);
  }
  return { ready: reasons.length === 0, reasons };
}
