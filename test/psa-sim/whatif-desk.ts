/**
 * The seeded desk as the what-if replay sees it: the simulator's tickets, time entries and status history
 * mapped to Pullboard's normalized model, then through the product's own buildDeskHistory.
 */
import type { Member, Ticket, TimeEntry } from '../../utils/psa/model';
import { skillOf, type SkillMap } from '../../utils/flow/rank';
import type { StatusTransition } from '../../utils/flow/aging';
import { buildDeskHistory, lastDays, type DeskHistory, type WhatIfParams } from '../../utils/whatif';
import type { SimData } from './seed';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function modelTicketsOf(data: SimData): Ticket[] {
  const statuses = new Map(data.statuses.map((s) => [s.id, s]));
  const ref = <T extends { id: number }>(list: readonly T[], id: number | null, name: (item: T) => string) => {
    const item = id === null ? undefined : list.find((candidate) => candidate.id === id);
    return item === undefined ? null : { id: String(item.id), name: name(item) };
  };
  return data.tickets.map((t) => {
    const status = statuses.get(t.statusId)!;
    const priority = data.priorities.find((p) => p.id === t.priorityId) ?? null;
    return {
      id: String(t.id),
      number: `#${t.id}`,
      title: t.summary,
      status: { id: String(status.id), name: status.name },
      closed: status.closed,
      board: ref(data.boards, t.boardId, (b) => b.name),
      priority: priority === null ? null : { id: String(priority.id), name: priority.name, rank: priority.sortOrder, colour: priority.color },
      assignee: ref(data.members, t.ownerId, (m) => `${m.firstName} ${m.lastName}`),
      team: ref(data.teams, t.teamId, (team) => team.name),
      company: ref(data.companies, t.companyId, (c) => c.name),
      contact: ref(data.contacts, t.contactId, (c) => `${c.firstName} ${c.lastName}`),
      type: ref(data.ticketTypes, t.typeId, (type) => type.name),
      subtype: ref(data.subTypes, t.subTypeId, (sub) => sub.name),
      created: iso(t.enteredAt)!,
      updated: iso(t.updatedAt)!,
      sla: { respondBy: iso(t.respondBy), resolveBy: iso(t.resolveBy), respondedAt: iso(t.respondedAt), resolvedAt: iso(t.resolvedAt), met: null },
      estimateHours: t.budgetHours,
      actualHours: t.actualHours,
      url: `https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${t.id}`,
    };
  });
}

/** The seeded MSP's last `days` days as a what-if history; skills map ticket types as the seed's techs know them. */
export function seededDeskHistory(data: SimData, days: number, params: Partial<WhatIfParams> = {}): DeskHistory {
  const skills: SkillMap = { byType: Object.fromEntries(data.ticketTypes.map((type) => [String(type.id), type.skill])) };
  const timeEntries: TimeEntry[] = data.timeEntries.map((e) => ({
    id: String(e.id), ticketId: String(e.ticketId), memberId: String(e.memberId), start: iso(e.start)!, end: iso(e.end)!, hours: e.hours, notes: e.notes,
  }));
  const transitions: StatusTransition[] = data.transitions.map((t) => ({
    ticketId: String(t.ticketId), fromStatusId: t.fromStatusId === null ? null : String(t.fromStatusId), toStatusId: String(t.toStatusId), at: t.at,
  }));
  const techs = data.members.filter((m) => m.isTech).map((m) => ({
    member: { id: String(m.id), identifier: m.identifier, name: `${m.firstName} ${m.lastName}`, email: m.email, inactive: m.inactive } satisfies Member,
    skills: m.skills,
  }));
  return buildDeskHistory({
    tickets: modelTicketsOf(data),
    timeEntries,
    techs,
    skillOfTicket: (ticket) => skillOf(ticket, skills),
    transitions,
    waitingStatusIds: data.statuses.filter((s) => s.kind === 'waiting').map((s) => String(s.id)),
    ...lastDays(days, data.seededAt),
    params,
  });
}
