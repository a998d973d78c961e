import { describe, expect, it } from 'vitest';
import {
  checkReady,
  clampWipLimit,
  defaultReadyRules,
  formatDuration,
  gatePull,
  guessColumns,
  mostAtRiskInProgress,
  personalWip,
  pullCandidates,
  rankReadyTickets,
  readyStatusIds,
  ReadyRule,
  skillOf,
  slaState,
  spreadPick,
  type ColumnDef,
  type PullContext,
  type RankedTicket,
  type SkillMap,
  type SlaStateName,
} from '../../utils/flow';
import { Status, Ticket, type Sla } from '../../utils/psa/model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

const NEW = { id: '1', name: 'New' };
const IN_PROGRESS = { id: '4', name: 'In Progress' };
const WAITING = { id: '5', name: 'Waiting Customer' };
const CLOSED = { id: '8', name: 'Closed' };

type TicketOverrides = Omit<Partial<Ticket>, 'sla' | 'priority'> & { sla?: Partial<Sla>; priority?: number | null };

/** A valid ticket (checked by the model's own schema): ready, unassigned, P3, created an hour ago, no SLA. */
function ticket(id: string, overrides: TicketOverrides = {}): Ticket {
  const { sla, priority, ...rest } = overrides;
  return Ticket.parse({
    id,
    number: `#${id}`,
    title: `Ticket ${id}`,
    status: NEW,
    closed: false,
    board: { id: 'b1', name: 'Service' },
    priority: priority === null ? null : { id: `p${priority ?? 3}`, name: `Priority ${priority ?? 3}`, rank: priority ?? 3, colour: null },
    assignee: null,
    team: null,
    company: { id: 'c1', name: 'Acme' },
    contact: { id: 'ct1', name: 'Ann Lee' },
    type: { id: 't1', name: 'Incident' },
    subtype: null,
    created: at(-HOUR),
    updated: at(-HOUR),
    sla: { respondBy: null, resolveBy: null, respondedAt: null, resolvedAt: null, met: null, ...sla },
    estimateHours: null,
    actualHours: null,
    url: `https://na.myconnectwise.net/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${id}`,
    ...rest,
  });
}

const resolveIn = (ms: number): Partial<Sla> => ({ resolveBy: at(ms) });
const ids = (ranked: readonly RankedTicket[]) => ranked.map((r) => r.ticket.id);
const bob = { id: 'm2', name: 'Bob Stone' };
const me = { id: 'm1', name: 'Me Myself' };

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '<1 min'],
    [59_999, '<1 min'],
    [MIN, '1 min'],
    [43 * MIN + 59_000, '43 min'],
    [HOUR - 1, '59 min'],
    [HOUR, '1 h'],
    [DAY - 1, '23 h'],
    [DAY, '1 d'],
    [49 * HOUR, '2 d'],
    [-2 * HOUR, '2 h'],
    [Number.NaN, '?'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('slaState', () => {
  it.each<[string, Partial<Sla>, number | undefined, SlaStateName, string, number | null]>([
    ['no dates', {}, undefined, 'none', 'no SLA', null],
    ['due in 61 min', resolveIn(61 * MIN), undefined, 'on-track', 'resolve due in 1 h', 61 * MIN],
    ['due in exactly 60 min is at risk', resolveIn(60 * MIN), undefined, 'at-risk', 'resolve due in 1 h', 60 * MIN],
    ['due in 60 min + 1 ms is on track', resolveIn(60 * MIN + 1), undefined, 'on-track', 'resolve due in 1 h', 60 * MIN + 1],
    ['due in 43 min', resolveIn(43 * MIN), undefined, 'at-risk', 'resolve due in 43 min', 43 * MIN],
    ['due right now', resolveIn(0), undefined, 'at-risk', 'resolve due in <1 min', 0],
    ['1 ms past due', resolveIn(-1), undefined, 'breached', 'resolve SLA breached <1 min ago', -1],
    ['2 h past due', resolveIn(-2 * HOUR), undefined, 'breached', 'resolve SLA breached 2 h ago', -2 * HOUR],
    ['respond due before resolve', { respondBy: at(20 * MIN), resolveBy: at(8 * HOUR) }, undefined, 'at-risk', 'respond due in 20 min', 20 * MIN],
    ['responded: the resolve target counts', { respondBy: at(-HOUR), respondedAt: at(-2 * HOUR), resolveBy: at(3 * HOUR) }, undefined, 'on-track', 'resolve due in 3 h', 3 * HOUR],
    ['resolved: nothing pending', { resolveBy: at(-HOUR), resolvedAt: at(-2 * HOUR) }, undefined, 'none', 'no SLA', null],
    ['the PSA says missed, no dates left', { met: false }, undefined, 'breached', 'SLA missed', null],
    ['a 15 min at-risk window: 30 min left is on track', resolveIn(30 * MIN), 15, 'on-track', 'resolve due in 30 min', 30 * MIN],
    ['no SLA, a due date: the due date is the target', { dueBy: at(3 * HOUR) }, undefined, 'on-track', 'due date in 3 h', 3 * HOUR],
    ['a due date inside the at-risk window', { dueBy: at(30 * MIN) }, undefined, 'at-risk', 'due date in 30 min', 30 * MIN],
    ['past its due date', { dueBy: at(-2 * HOUR) }, undefined, 'breached', 'due date passed 2 h ago', -2 * HOUR],
    ['a pending SLA target comes before an earlier due date', { resolveBy: at(5 * HOUR), dueBy: at(HOUR) }, undefined, 'on-track', 'resolve due in 5 h', 5 * HOUR],
    ['responded, no resolve target: the due date takes over', { respondBy: at(-HOUR), respondedAt: at(-2 * HOUR), dueBy: at(2 * HOUR) }, undefined, 'on-track', 'due date in 2 h', 2 * HOUR],
    ['resolved: a due date no longer counts', { dueBy: at(-HOUR), resolvedAt: at(-2 * HOUR) }, undefined, 'none', 'no SLA', null],
  ])('%s', (_, sla, atRiskMinutes, state, label, leftMs) => {
    const result = slaState(ticket('1', { sla }), NOW, atRiskMinutes);
    expect(result.state).toBe(state);
    expect(result.label).toBe(label);
    expect(result.leftMs).toBe(leftMs);
    expect(result.dueAt).toBe(leftMs === null ? null : NOW + leftMs);
  });
});

describe('slaState of a closed ticket: its outcome, never a running clock', () => {
  it.each<[string, Partial<Sla>, string, { met: boolean; target: 'resolve' | 'due' | null; lateMs: number | null } | null]>([
    ['resolved 4 days after its resolve target', { resolveBy: at(-5 * DAY), resolvedAt: at(-DAY) }, 'resolved 4 d late', { met: false, target: 'resolve', lateMs: 4 * DAY }],
    ['resolved before its resolve target', { resolveBy: at(-DAY), resolvedAt: at(-2 * DAY) }, 'met', { met: true, target: 'resolve', lateMs: 0 }],
    ['resolved exactly on time', { resolveBy: at(-DAY), resolvedAt: at(-DAY) }, 'met', { met: true, target: 'resolve', lateMs: 0 }],
    ['no SLA, resolved 4 days after its due date', { dueBy: at(-5 * DAY), resolvedAt: at(-DAY) }, 'resolved 4 d after its due date', { met: false, target: 'due', lateMs: 4 * DAY }],
    ['no SLA, resolved before its due date', { dueBy: at(-DAY), resolvedAt: at(-2 * DAY) }, 'met its due date', { met: true, target: 'due', lateMs: 0 }],
    ['the resolve target wins over the due date', { resolveBy: at(-DAY), dueBy: at(-5 * DAY), resolvedAt: at(-2 * DAY) }, 'met', { met: true, target: 'resolve', lateMs: 0 }],
    ['only the PSA\'s verdict: missed', { met: false }, 'SLA missed', { met: false, target: null, lateMs: null }],
    ['only the PSA\'s verdict: met', { met: true, resolveBy: at(-DAY) }, 'met', { met: true, target: null, lateMs: null }],
    ['past its target, no resolved date: no late clock', { resolveBy: at(-2 * HOUR) }, 'closed', null],
    ['nothing known', {}, 'closed', null],
  ])('%s', (_, sla, label, outcome) => {
    const result = slaState(ticket('1', { closed: true, status: CLOSED, sla }), NOW);
    expect(result).toEqual({ state: 'none', target: null, dueAt: null, leftMs: null, label, outcome });
  });
});

describe('Definition of Ready', () => {
  const columns = guessColumns(
    ['New', 'Triage', 'Ready', 'In Progress', 'Waiting Customer', 'Scheduled', 'Completed', 'Closed'].map((name, i) =>
      Status.parse({ id: String(i + 1), name, order: i + 1, closed: name === 'Closed', inactive: false, boardId: null }),
    ),
  );
  const defaults = defaultReadyRules(columns);

  it.each<[string, ReadyRule[], TicketOverrides, string[]]>([
    ['everything set', defaults, {}, []],
    ['no contact', defaults, { contact: null }, ['no contact']],
    ['no contact, no type', defaults, { contact: null, type: null }, ['no contact', 'type not set']],
    ['waiting on the customer', defaults, { status: WAITING }, ['status is Waiting Customer']],
    ['closed', defaults, { status: CLOSED, closed: true }, ['closed', 'status is Closed']],
    ['assignment is not part of the default', defaults, { assignee: bob }, []],
    ['without columns, waiting is not known', defaultReadyRules(), { status: WAITING }, []],
    [
      'custom fields',
      [
        { kind: 'fieldSet', field: 'company' },
        { kind: 'fieldSet', field: 'subtype' },
        { kind: 'fieldSet', field: 'priority' },
        { kind: 'fieldSet', field: 'board' },
      ],
      { company: null, priority: null, board: null },
      ['no company', 'subtype not set', 'priority not set', 'board not set'],
    ],
    ['not assigned', [{ kind: 'notAssigned' }], { assignee: bob }, ['assigned to Bob Stone']],
    ['a rule twice gives its reason once', [{ kind: 'fieldSet', field: 'contact' }, { kind: 'fieldSet', field: 'contact' }], { contact: null }, ['no contact']],
    ['no rules: always ready', [], { contact: null, closed: true }, []],
  ])('%s', (_, rules, overrides, reasons) => {
    expect(checkReady(ticket('1', overrides), rules)).toEqual({ ready: reasons.length === 0, reasons });
  });

  it.each<[unknown, boolean]>([
    [{ kind: 'fieldSet', field: 'contact' }, true],
    [{ kind: 'notStatus', statusIds: ['5'] }, true],
    [{ kind: 'fieldSet', field: 'colour' }, false],
    [{ kind: 'notStatus' }, false],
    [{ kind: 'somethingElse' }, false],
  ])('a stored rule %j is valid: %s', (rule, valid) => {
    expect(ReadyRule.safeParse(rule).success).toBe(valid);
  });
});

describe('rankReadyTickets', () => {
  it.each<[string, Ticket[], string[], string[]?]>([
    [
      'expedite lane (breached, then at risk) before everything else',
      [
        ticket('a', { sla: resolveIn(3 * HOUR), priority: 1 }),
        ticket('b', { sla: resolveIn(-2 * HOUR), priority: 4 }),
        ticket('c', { sla: resolveIn(30 * MIN), priority: 3 }),
      ],
      ['b', 'c', 'a'],
    ],
    [
      'SLA time left, then priority',
      [
        ticket('a', { sla: resolveIn(5 * HOUR), priority: 1 }),
        ticket('b', { sla: resolveIn(2 * HOUR), priority: 4 }),
        ticket('c', { sla: resolveIn(2 * HOUR), priority: 2 }),
      ],
      ['c', 'b', 'a'],
    ],
    [
      'missing SLA data after tickets with it, whatever their priority or age',
      [ticket('a', { priority: 1, created: at(-9 * DAY) }), ticket('b', { sla: resolveIn(5 * DAY), priority: 5 })],
      ['b', 'a'],
    ],
    [
      'priority, then age (older first), then id (numeric ids as numbers)',
      [
        ticket('1', { priority: 2, created: at(-HOUR) }),
        ticket('2', { priority: 1, created: at(-HOUR) }),
        ticket('10', { priority: 2, created: at(-5 * HOUR) }),
        ticket('9', { priority: 2, created: at(-5 * HOUR) }),
      ],
      ['2', '9', '10', '1'],
    ],
    ['no priority after any priority', [ticket('a', { priority: null, created: at(-DAY) }), ticket('b', { priority: 5 })], ['b', 'a']],
    [
      'a respond target counts until responded',
      [
        ticket('answered', { sla: { respondBy: at(-20 * MIN), respondedAt: at(-30 * MIN), resolveBy: at(4 * HOUR) } }),
        ticket('unanswered', { sla: { respondBy: at(20 * MIN), resolveBy: at(8 * HOUR) } }),
        ticket('later', { sla: { respondBy: at(2 * HOUR), resolveBy: at(DAY) } }),
      ],
      ['unanswered', 'later', 'answered'],
    ],
    [
      'a due date counts where there is no SLA: in the expedite lane when near, ordered with SLA targets',
      [
        ticket('p1-nothing', { priority: 1 }),
        ticket('due-soon', { priority: 4, sla: { dueBy: at(30 * MIN) } }),
        ticket('sla-later', { sla: resolveIn(3 * HOUR) }),
        ticket('due-later', { priority: 4, sla: { dueBy: at(2 * HOUR) } }),
        ticket('overdue', { priority: 5, sla: { dueBy: at(-DAY) } }),
      ],
      ['overdue', 'due-soon', 'due-later', 'sla-later', 'p1-nothing'],
    ],
    [
      '"SLA missed" without dates is expedited, after breaches with a date',
      [ticket('missed', { sla: { met: false } }), ticket('dated', { sla: resolveIn(-MIN) }), ticket('calm', { sla: resolveIn(DAY) })],
      ['dated', 'missed', 'calm'],
    ],
    [
      'manual order leads its lane, unknown and repeated ids ignored',
      [
        ticket('breached', { sla: resolveIn(-HOUR) }),
        ticket('soon', { sla: resolveIn(2 * HOUR) }),
        ticket('later', { sla: resolveIn(5 * HOUR) }),
        ticket('none', { priority: 5 }),
      ],
      ['breached', 'none', 'later', 'soon'],
      ['none', 'gone', 'later', 'none'],
    ],
    [
      'manual order within the expedite lane',
      [ticket('worse', { sla: resolveIn(-3 * HOUR) }), ticket('chosen', { sla: resolveIn(-HOUR) }), ticket('calm', { sla: resolveIn(DAY) })],
      ['chosen', 'worse', 'calm'],
      ['calm', 'chosen'],
    ],
    ['nothing to rank', [], []],
  ])('%s', (_, tickets, expected, manualOrder) => {
    expect(ids(rankReadyTickets(tickets, { now: NOW, ...(manualOrder ? { manualOrder } : {}) }))).toEqual(expected);
  });

  it.each<[string, number, number | undefined, 'expedite' | 'standard']>([
    ['due in exactly the threshold', 60 * MIN, undefined, 'expedite'],
    ['due 1 ms after the threshold', 60 * MIN + 1, undefined, 'standard'],
    ['due now', 0, undefined, 'expedite'],
    ['breached', -DAY, undefined, 'expedite'],
    ['a 2 h threshold takes in 90 min', 90 * MIN, 120, 'expedite'],
    ['a 15 min threshold leaves out 20 min', 20 * MIN, 15, 'standard'],
  ])('lane: %s', (_, leftMs, expediteWithinMinutes, lane) => {
    const policy = expediteWithinMinutes === undefined ? {} : { policy: { expediteWithinMinutes } };
    const [ranked] = rankReadyTickets([ticket('1', { sla: resolveIn(leftMs) })], { now: NOW, ...policy });
    expect(ranked?.lane).toBe(lane);
  });

  it.each<[string, Partial<Sla>, boolean, 'expedite' | 'standard']>([
    ['a due date within the threshold', { dueBy: at(45 * MIN) }, false, 'expedite'],
    ['a due date past', { dueBy: at(-HOUR) }, false, 'expedite'],
    ['a due date beyond the threshold', { dueBy: at(3 * HOUR) }, false, 'standard'],
    ['a closed ticket resolved late', { resolveBy: at(-DAY), resolvedAt: at(-HOUR) }, true, 'standard'],
  ])('lane: %s', (_, sla, closed, lane) => {
    const [ranked] = rankReadyTickets([ticket('1', { sla, closed })], { now: NOW });
    expect(ranked?.lane).toBe(lane);
  });

  it.each<[string, TicketOverrides, string, string[]?]>([
    ['at risk', { sla: resolveIn(43 * MIN), priority: 2, created: at(-3 * HOUR) }, 'resolve due in 43 min · P2 · waiting 3 h'],
    ['breached', { sla: resolveIn(-2 * HOUR), priority: 1, created: at(-2 * DAY) }, 'resolve SLA breached 2 h ago · P1 · waiting 2 d'],
    ['no SLA', { priority: 3, created: at(-5 * DAY) }, 'no SLA · P3 · waiting 5 d'],
    ['a due date, no SLA', { sla: { dueBy: at(-2 * HOUR) }, priority: 4, created: at(-DAY) }, 'due date passed 2 h ago · P4 · waiting 1 d'],
    ['ordered by hand, no priority', { priority: null }, 'ordered by dispatcher · no SLA · no priority · waiting 1 h', ['1']],
  ])('reason: %s', (_, overrides, reason, manualOrder) => {
    const [ranked] = rankReadyTickets([ticket('1', overrides)], { now: NOW, ...(manualOrder ? { manualOrder } : {}) });
    expect(ranked?.reason).toBe(reason);
  });

  it('gives the same order whatever order the tickets arrive in', () => {
    const tickets = [
      ticket('5', { priority: 2 }),
      ticket('3', { priority: 2 }),
      ticket('4', { priority: 2, sla: resolveIn(DAY) }),
      ticket('1', { priority: null }),
      ticket('2', { priority: 2, created: at(-HOUR) }),
      ticket('6', { priority: 2, created: at(-HOUR), sla: { met: false } }),
    ];
    const expected = ids(rankReadyTickets(tickets, { now: NOW }));
    for (let shift = 1; shift < tickets.length; shift++) {
      const rotated = [...tickets.slice(shift), ...tickets.slice(0, shift)];
      expect(ids(rankReadyTickets(rotated, { now: NOW }))).toEqual(expected);
      expect(ids(rankReadyTickets([...rotated].reverse(), { now: NOW }))).toEqual(expected);
    }
    expect(expected).toEqual(['6', '4', '2', '3', '5', '1']);
  });
});

describe('skillOf', () => {
  const map: SkillMap = {
    byBoard: { b1: 'helpdesk', b2: 'projects' },
    byType: { network: 'networking' },
    bySubtype: { firewall: 'security' },
  };
  it.each<[string, TicketOverrides, string | null]>([
    ['subtype wins over type and board', { subtype: { id: 'firewall', name: 'Firewall' }, type: { id: 'network', name: 'Network' } }, 'security'],
    ['type wins over board', { type: { id: 'network', name: 'Network' } }, 'networking'],
    ['board when nothing more specific', {}, 'helpdesk'],
    ['nothing mapped', { board: { id: 'b9', name: 'Other' } }, null],
    ['no board, type or subtype', { board: null, type: null }, null],
    ['ids that look like object properties are not skills', { board: { id: 'constructor', name: 'x' }, type: { id: 'toString', name: 'y' } }, null],
  ])('%s', (_, overrides, skill) => {
    expect(skillOf(ticket('1', overrides), map)).toBe(skill);
  });
});

describe('pullCandidates', () => {
  const skills: SkillMap = { byType: { 'type-printer': 'printing', 'type-network': 'Network' } };
  const printer = { id: 'type-printer', name: 'Printer' };
  const network = { id: 'type-network', name: 'Network' };
  const tickets = [
    ticket('ok', { priority: 2 }),
    ticket('bobs', { assignee: bob }),
    ticket('mine', { assignee: me }),
    ticket('no-contact', { contact: null }),
    ticket('waiting', { status: WAITING }),
    ticket('in-progress', { status: IN_PROGRESS }),
    ticket('printer', { type: printer }),
    ticket('network', { type: network, sla: resolveIn(30 * MIN) }),
    ticket('skipped', {}),
    ticket('skip-over', { priority: 4 }),
    ticket('everything-wrong', { assignee: bob, contact: null, type: printer }),
  ];
  const context = (mySkills: string[]): PullContext => ({
    now: NOW,
    me: { id: me.id, skills: mySkills },
    readyColumnStatusIds: [NEW.id],
    rules: defaultReadyRules(),
    skillOfTicket: (t) => skillOf(t, skills),
    skipped: { skipped: NOW + 12 * MIN, 'skip-over': NOW - 1, constructor: NOW + HOUR },
  });

  it.each<[string, string[], string[], Record<string, string[]>]>([
    [
      'a networking tech',
      [' network '],
      ['network', 'ok', 'skip-over'],
      {
        bobs: ['assigned to Bob Stone'],
        mine: ['already yours'],
        'no-contact': ['no contact'],
        printer: ['needs skill printing'],
        skipped: ['you skipped it (offered again in 12 min)'],
        'everything-wrong': ['assigned to Bob Stone', 'no contact', 'needs skill printing'],
      },
    ],
    [
      'a tech with no skills configured is offered everything',
      [],
      ['network', 'ok', 'printer', 'skip-over'],
      {
        bobs: ['assigned to Bob Stone'],
        mine: ['already yours'],
        'no-contact': ['no contact'],
        skipped: ['you skipped it (offered again in 12 min)'],
        'everything-wrong': ['assigned to Bob Stone', 'no contact'],
      },
    ],
    [
      'a printing tech is not offered the network ticket',
      ['Printing'],
      ['ok', 'printer', 'skip-over'],
      {
        bobs: ['assigned to Bob Stone'],
        mine: ['already yours'],
        'no-contact': ['no contact'],
        network: ['needs skill Network'],
        skipped: ['you skipped it (offered again in 12 min)'],
        'everything-wrong': ['assigned to Bob Stone', 'no contact'],
      },
    ],
  ])('%s', (_, mySkills, candidates, excluded) => {
    const result = pullCandidates(tickets, context(mySkills));
    expect(ids(result.candidates)).toEqual(candidates);
    expect(Object.fromEntries(result.excluded.map((e) => [e.ticket.id, e.reasons]))).toEqual(excluded);
  });

  it('follows the Ready statuses it is given', () => {
    const result = pullCandidates(tickets, { ...context([]), readyColumnStatusIds: [IN_PROGRESS.id] });
    expect(ids(result.candidates)).toEqual(['in-progress']);
    expect(result.excluded).toEqual([]);
  });

  it('works with the Ready statuses of a guessed board', () => {
    const list = ['New', 'Assigned', 'In Progress', 'Waiting Customer', 'Closed'].map((name, i) =>
      Status.parse({ id: String(i + 1), name, order: i, closed: name === 'Closed', inactive: false, boardId: null }),
    );
    const columns: ColumnDef[] = guessColumns(list);
    const result = pullCandidates(tickets, { ...context([]), readyColumnStatusIds: readyStatusIds(columns), rules: defaultReadyRules(columns) });
    expect(ids(result.candidates)).toEqual(['network', 'ok', 'printer', 'skip-over']);
  });
});

describe('spreadPick', () => {
  const tied = (n: number, overrides: TicketOverrides = {}) =>
    rankReadyTickets(
      Array.from({ length: n }, (_, i) => ticket(String(i + 1), { priority: 2, sla: resolveIn(3 * HOUR), ...overrides })),
      { now: NOW },
    );
  const techs = Array.from({ length: 20 }, (_, i) => `member-${i + 1}`);

  it('spreads 20 techs over 3 tied tickets roughly evenly, the same way every time', () => {
    const candidates = tied(5);
    const firstPicks = techs.map((tech) => spreadPick(candidates, tech)[0]?.ticket.id);
    expect(techs.map((tech) => spreadPick(candidates, tech)[0]?.ticket.id)).toEqual(firstPicks);
    const counts = new Map<string | undefined, number>();
    for (const id of firstPicks) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['1', '2', '3']);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(10);
    }
  });

  it('puts the pick first and keeps the rest in rank order', () => {
    const candidates = tied(5);
    for (const tech of techs) {
      const order = ids(spreadPick(candidates, tech));
      const [picked, ...rest] = order;
      expect(rest).toEqual(ids(candidates).filter((id) => id !== picked));
    }
  });

  it.each<[string, () => RankedTicket[], number, string[]]>([
    ['width 1: everyone gets the top ticket', () => tied(5), 1, ['1']],
    ['width 2: the top two', () => tied(5), 2, ['1', '2']],
    ['fewer candidates than the width', () => tied(2), 3, ['1', '2']],
    [
      'a different priority does not tie',
      () => rankReadyTickets([ticket('1', { priority: 1 }), ticket('2', { priority: 2 }), ticket('3', { priority: 2 })], { now: NOW }),
      3,
      ['1'],
    ],
    [
      'SLA due within 10 min ties, 11 min does not',
      () =>
        rankReadyTickets(
          [ticket('1', { sla: resolveIn(3 * HOUR) }), ticket('2', { sla: resolveIn(3 * HOUR + 10 * MIN) }), ticket('3', { sla: resolveIn(3 * HOUR + 11 * MIN) })],
          { now: NOW },
        ),
      3,
      ['1', '2'],
    ],
    [
      'no SLA does not tie with an SLA',
      () => rankReadyTickets([ticket('1', { sla: resolveIn(3 * HOUR) }), ticket('2'), ticket('3')], { now: NOW }),
      3,
      ['1'],
    ],
    ['a manually ordered top ticket is never spread', () => rankReadyTickets([ticket('1'), ticket('2'), ticket('3')], { now: NOW, manualOrder: ['2'] }), 3, ['2']],
    ['nothing to pick', () => [], 3, []],
  ])('%s', (_, candidates, width, firstPicks) => {
    const list = candidates();
    const picked = new Set(techs.map((tech) => spreadPick(list, tech, width)[0]?.ticket.id).filter((id) => id !== undefined));
    expect([...picked].sort()).toEqual(firstPicks);
  });
});

describe('personal WIP and the pull gate', () => {
  const doing = [IN_PROGRESS.id];
  const board = [
    ticket('mine-1', { assignee: me, status: IN_PROGRESS }),
    ticket('mine-2', { assignee: me, status: IN_PROGRESS }),
    ticket('mine-waiting', { assignee: me, status: WAITING }),
    ticket('mine-closed', { assignee: me, status: IN_PROGRESS, closed: true }),
    ticket('bobs', { assignee: bob, status: IN_PROGRESS }),
    ticket('unassigned', { status: IN_PROGRESS }),
  ];

  it('counts my open tickets in doing statuses only', () => {
    const wip = personalWip(board, me.id, doing);
    expect(wip.count).toBe(2);
    expect(wip.tickets.map((t) => t.id)).toEqual(['mine-1', 'mine-2']);
    expect(personalWip(board, 'nobody', doing).count).toBe(0);
    expect(personalWip(board, me.id, []).count).toBe(0);
  });

  it.each<[number | null | undefined, number]>([
    [undefined, 2],
    [null, 2],
    [Number.NaN, 2],
    [0, 1],
    [-3, 1],
    [1, 1],
    [3, 3],
    [2.4, 2],
    [5, 5],
    [6, 5],
    [Number.POSITIVE_INFINITY, 2],
  ])('clampWipLimit(%s) → %s', (limit, clamped) => {
    expect(clampWipLimit(limit)).toBe(clamped);
  });

  const help = ticket('help', { assignee: bob, status: IN_PROGRESS, number: '#4821' });
  it.each<[string, number, number | undefined, Ticket | null, boolean, string | undefined]>([
    ['below the default limit', 1, undefined, null, true, undefined],
    ['at the default limit', 2, undefined, null, false, 'WIP 2/2: finish a ticket you have in progress before pulling another.'],
    ['at the limit, with help to offer', 2, 2, help, false, 'WIP 2/2: finish a ticket you have in progress before pulling another. Or help finish #4821.'],
    ['over the limit', 4, 3, null, false, 'WIP 4/3: finish a ticket you have in progress before pulling another.'],
    ['limit 0 is clamped to 1', 0, 0, null, true, undefined],
    ['limit 9 is clamped to 5', 5, 9, null, false, 'WIP 5/5: finish a ticket you have in progress before pulling another.'],
    ['nothing in progress', 0, 1, help, true, undefined],
  ])('%s', (_, wip, limit, helpWith, allowed, reason) => {
    const gate = gatePull({ wip, limit, helpWith });
    expect(gate.allowed).toBe(allowed);
    if (!gate.allowed) {
      expect(gate.reason).toBe(reason);
      expect(gate.helpWith).toBe(helpWith ?? undefined);
    }
  });

  it.each<[string, number, boolean, boolean]>([
    ['a hard-limited column with room', 2, true, true],
    ['a full hard-limited column', 3, true, false],
    ['a full soft-limited column', 3, false, true],
  ])('target column: %s', (_, count, hardLimit, allowed) => {
    const column: ColumnDef = { id: 'doing', name: 'In Progress', statusIds: doing, role: 'doing', wipLimit: 3, hardLimit };
    const gate = gatePull({ wip: 0, helpWith: help, targetColumn: { column, count } });
    expect(gate.allowed).toBe(allowed);
    if (!gate.allowed) expect(gate.reason).toBe('In Progress is at its limit of 3: finish or move a ticket out of it first. Or help finish #4821.');
  });

  it.each<[string, Ticket[], string | null]>([
    [
      'breached first, the most overdue',
      [
        ticket('calm', { assignee: bob, status: IN_PROGRESS, sla: resolveIn(DAY) }),
        ticket('late', { assignee: bob, status: IN_PROGRESS, sla: resolveIn(-HOUR) }),
        ticket('later', { assignee: bob, status: IN_PROGRESS, sla: resolveIn(-3 * HOUR) }),
      ],
      'later',
    ],
    [
      'SLA missed without a date still comes before a ticket on track',
      [ticket('calm', { assignee: bob, status: IN_PROGRESS, sla: resolveIn(20 * MIN) }), ticket('missed', { assignee: bob, status: IN_PROGRESS, sla: { met: false } })],
      'missed',
    ],
    [
      'least time left, then SLA before none',
      [
        ticket('none', { assignee: bob, status: IN_PROGRESS, created: at(-9 * DAY) }),
        ticket('5h', { assignee: bob, status: IN_PROGRESS, sla: resolveIn(5 * HOUR) }),
        ticket('2h', { assignee: bob, status: IN_PROGRESS, sla: resolveIn(2 * HOUR) }),
      ],
      '2h',
    ],
    [
      'without SLAs, the oldest',
      [ticket('young', { assignee: bob, status: IN_PROGRESS }), ticket('old', { assignee: bob, status: IN_PROGRESS, created: at(-3 * DAY) })],
      'old',
    ],
    [
      'never my own, an unassigned, a closed or a waiting ticket',
      [
        ticket('mine', { assignee: me, status: IN_PROGRESS, sla: resolveIn(-DAY) }),
        ticket('unassigned', { status: IN_PROGRESS, sla: resolveIn(-DAY) }),
        ticket('closed', { assignee: bob, status: IN_PROGRESS, closed: true, sla: resolveIn(-DAY) }),
        ticket('waiting', { assignee: bob, status: WAITING, sla: resolveIn(-DAY) }),
        ticket('fine', { assignee: bob, status: IN_PROGRESS }),
      ],
      'fine',
    ],
    ['nothing in progress', [ticket('new')], null],
  ])('mostAtRiskInProgress: %s', (_, tickets, expected) => {
    expect(mostAtRiskInProgress(tickets, doing, NOW, me.id)?.id ?? null).toBe(expected);
  });
});
