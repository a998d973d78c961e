import { describe, expect, it } from 'vitest';
import { memberCredentials, seedMsp, XSS_SUMMARY, type SimData, type SimTicket } from '../psa-sim/seed';
import { startSimulator } from '../psa-sim/server';
import { connectWiseApiBase, connectWiseHeaders } from '../psa-sim/testing';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const data = seedMsp({ tickets: 3000, seed: 1, now: NOW });
const statusOf = (d: SimData, ticket: SimTicket) => d.statuses.find((status) => status.id === ticket.statusId)!;
const open = data.tickets.filter((ticket) => !statusOf(data, ticket).closed);

describe('seed: determinism', () => {
  it('gives the same MSP for the same seed and clock', () => {
    const again = seedMsp({ tickets: 3000, seed: 1, now: NOW });
    expect(again.tickets).toEqual(data.tickets);
    expect(again.members).toEqual(data.members);
    expect(again.contacts).toEqual(data.contacts);
    expect(again.timeEntries).toEqual(data.timeEntries);
    expect(again.transitions).toEqual(data.transitions);
  });

  it('gives a different MSP for another seed, with the same shape', () => {
    const other = seedMsp({ tickets: 3000, seed: 2, now: NOW });
    expect(other.tickets.map((t) => t.summary)).not.toEqual(data.tickets.map((t) => t.summary));
    expect(other.members[0]?.publicKey).not.toBe(data.members[0]?.publicKey);
    expect(other.boards).toEqual(data.boards);
  });

  it('places everything relative to the clock: a later start shifts every time by the same amount', () => {
    const later = seedMsp({ tickets: 300, seed: 1, now: NOW + DAY });
    const earlier = seedMsp({ tickets: 300, seed: 1, now: NOW });
    expect(later.tickets.map((t) => t.enteredAt - DAY)).toEqual(earlier.tickets.map((t) => t.enteredAt));
    expect(later.tickets.map((t) => t.summary)).toEqual(earlier.tickets.map((t) => t.summary));
  });

  it('keeps the same API keys whatever the number of tickets', () => {
    const small = seedMsp({ tickets: 10, seed: 1, now: NOW });
    expect(memberCredentials(small)).toEqual(memberCredentials(data));
  });
});

describe('seed: the MSP', () => {
  it('has about a dozen techs with teams and skills, the demo tech first, each with a key pair', () => {
    const techs = memberCredentials(data);
    expect(techs.length).toBe(12);
    expect(techs[0]).toMatchObject({ identifier: 'adunn', name: 'Alex Dunn' });
    const members = data.members.filter((member) => member.isTech);
    for (const member of members) {
      expect(member.skills.length).toBeGreaterThan(0);
      expect(member.publicKey).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(member.privateKey).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(member.email).toContain('@');
    }
    expect(new Set(members.map((m) => data.teams.find((t) => t.id === m.teamId)?.name))).toEqual(new Set(['Service Desk', 'Projects', 'Network']));
    expect(new Set(members.flatMap((m) => m.skills))).toEqual(new Set(['network', 'm365', 'printers', 'security', 'backup', 'hardware', 'software', 'projects']));
  });

  it('has ~25 companies, a few of them without contacts', () => {
    expect(data.companies.length).toBe(25);
    const withoutContacts = data.companies.filter((company) => !data.contacts.some((contact) => contact.companyId === company.id));
    expect(withoutContacts.length).toBe(3);
  });

  it('has three boards with the same eight statuses, ids unique across boards', () => {
    expect(data.boards.map((board) => [board.id, board.name])).toEqual([[1, 'Service Desk'], [2, 'Projects'], [3, 'Network Ops']]);
    expect(new Set(data.statuses.map((status) => status.id)).size).toBe(24);
    for (const board of data.boards) {
      const statuses = data.statuses.filter((status) => status.boardId === board.id).sort((a, b) => a.sortOrder - b.sortOrder);
      expect(statuses.map((status) => status.name)).toEqual(['New', 'Triage', 'Ready', 'In Progress', 'Waiting on Client', 'Scheduled', 'Completed', 'Closed']);
      expect(statuses.filter((status) => status.closed).map((status) => status.name)).toEqual(['Completed', 'Closed']);
    }
  });

  it('has SLA targets for every priority', () => {
    for (const sla of data.slas) {
      expect(sla.targets.map((target) => target.priorityId).sort()).toEqual(data.priorities.map((priority) => priority.id).sort());
    }
  });
});

describe('seed: tickets', () => {
  it('has the asked-for count, ids growing with age, nothing updated after now', () => {
    expect(data.tickets).toHaveLength(3000);
    for (let i = 1; i < data.tickets.length; i++) {
      const [previous, ticket] = [data.tickets[i - 1]!, data.tickets[i]!];
      expect(ticket.id).toBe(previous.id + 1);
      expect(ticket.enteredAt).toBeGreaterThanOrEqual(previous.enteredAt);
    }
    for (const ticket of data.tickets) {
      expect(ticket.updatedAt).toBeLessThanOrEqual(NOW);
      expect(ticket.updatedAt).toBeGreaterThanOrEqual(ticket.enteredAt);
      expect(ticket.updatedAt % 1000).toBe(0);
    }
  });

  it('spans ages from minutes to about 60 days', () => {
    const ages = data.tickets.map((ticket) => NOW - ticket.enteredAt);
    expect(Math.min(...ages)).toBeLessThan(HOUR);
    expect(Math.max(...ages)).toBeGreaterThan(50 * DAY);
    expect(Math.max(...ages)).toBeLessThanOrEqual(61 * DAY);
  });

  it('spreads tickets over statuses: plenty unassigned to pull, some in progress, a few hundred closed', () => {
    const count = (name: string, owned?: boolean) => data.tickets.filter((t) => statusOf(data, t).name === name && (owned === undefined || (t.ownerId !== null) === owned)).length;
    for (const name of ['New', 'Triage', 'Ready']) expect(count(name, false)).toBeGreaterThan(100);
    expect(count('In Progress')).toBeGreaterThanOrEqual(12);
    expect(count('In Progress', false)).toBe(0);
    expect(count('Waiting on Client')).toBeGreaterThan(50);
    const closed = data.tickets.length - open.length;
    expect(closed).toBeGreaterThan(200);
    expect(closed).toBeLessThan(1000);
    expect(data.tickets.filter((t) => t.boardId === 1).length).toBeGreaterThan(data.tickets.length / 2);
  });

  it('gives the demo tech exactly one ticket in progress', () => {
    const demo = data.members[0]!;
    const inProgress = data.tickets.filter((t) => t.ownerId === demo.id && statusOf(data, t).name === 'In Progress');
    expect(inProgress).toHaveLength(1);
    expect(inProgress[0]?.boardId).toBe(1);
  });

  it('has tickets breaching SLA, and tickets missing a type or a contact', () => {
    const breaching = open.filter((t) => t.resolveBy < NOW);
    expect(breaching.length).toBeGreaterThan(30);
    expect(breaching.length).toBeLessThan(open.length / 3);
    expect(data.tickets.filter((t) => t.typeId === null).length).toBeGreaterThan(20);
    expect(data.tickets.filter((t) => t.contactId === null).length).toBeGreaterThan(20);
    for (const ticket of data.tickets.filter((t) => t.subTypeId !== null)) {
      expect(data.subTypes.find((s) => s.id === ticket.subTypeId)?.typeId).toBe(ticket.typeId);
    }
  });

  it('sets milestones consistently with the status', () => {
    for (const ticket of data.tickets) {
      const status = statusOf(data, ticket);
      if (status.closed) expect(ticket.resolvedAt).not.toBeNull();
      else expect(ticket.resolvedAt).toBeNull();
      if (status.name === 'New') expect(ticket.respondedAt).toBeNull();
      else expect(ticket.respondedAt).not.toBeNull();
    }
  });

  it('keeps actual hours equal to the time logged, and a status history ending in the current status', () => {
    const logged = new Map<number, number>();
    for (const entry of data.timeEntries) logged.set(entry.ticketId, (logged.get(entry.ticketId) ?? 0) + entry.hours);
    for (const ticket of data.tickets) expect(ticket.actualHours).toBeCloseTo(logged.get(ticket.id) ?? 0);
    const last = new Map<number, number>();
    for (const transition of data.transitions) last.set(transition.ticketId, transition.toStatusId);
    for (const ticket of data.tickets) expect(last.get(ticket.id)).toBe(ticket.statusId);
  });

  it('has one ticket titled with an HTML injection, unassigned in Ready', () => {
    const xss = data.tickets.filter((t) => t.summary === XSS_SUMMARY);
    expect(xss).toHaveLength(1);
    expect(statusOf(data, xss[0]!).name).toBe('Ready');
    expect(xss[0]!.ownerId).toBeNull();
  });
});

describe('seed: size', () => {
  it('starts with 10,000 tickets in well under a few seconds and serves a full page', async () => {
    const started = performance.now();
    const sim = await startSimulator({ tickets: 10_000 });
    try {
      expect(performance.now() - started).toBeLessThan(2000);
      expect(sim.data.tickets).toHaveLength(10_000);
      const pageStarted = performance.now();
      const response = await fetch(`${connectWiseApiBase(sim)}/service/tickets?pageSize=1000&conditions=${encodeURIComponent('closedFlag = false and board/id = 1')}&orderBy=lastUpdated%20desc`, { headers: connectWiseHeaders(sim) });
      expect(((await response.json()) as unknown[]).length).toBe(1000);
      expect(performance.now() - pageStarted).toBeLessThan(1500);
    } finally {
      await sim.close();
    }
  });
});
