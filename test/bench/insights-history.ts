/**
 * A deterministic history at scale for the Insights figures: closed tickets spread over 180 days with
 * lead times that vary by priority, SLA targets some are missed, four logged moves per ticket (Ready →
 * In Progress → Waiting → In Progress → Done), and a few hundred open tickets.
 */
import type { ColumnDef } from '../../utils/flow';
import type { OpenTicket } from '../../utils/flow/metrics';
import type { StatusTransition } from '../../utils/flow/aging';
import type { HistoryRecord } from '../../utils/store/history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const BENCH_STATUSES = ['New', 'Ready', 'In Progress', 'Waiting on Client', 'Completed'].map((name, i) => ({ id: String(i + 1), name, order: i + 1, closed: name === 'Completed', inactive: false, boardId: '1' }));
export const BENCH_COLUMNS: ColumnDef[] = [
  { id: 'new', name: 'New', statusIds: ['1'], role: 'intake', wipLimit: null, hardLimit: false },
  { id: 'ready', name: 'Ready', statusIds: ['2'], role: 'ready', wipLimit: null, hardLimit: false },
  { id: 'doing', name: 'In Progress', statusIds: ['3'], role: 'doing', wipLimit: null, hardLimit: false },
  { id: 'waiting', name: 'Waiting on Client', statusIds: ['4'], role: 'waiting', wipLimit: null, hardLimit: false },
  { id: 'done', name: 'Done', statusIds: ['5'], role: 'done', wipLimit: null, hardLimit: false },
];
export const BENCH_PRIORITIES = [1, 2, 3, 4].map((rank) => ({ id: `p${rank}`, name: `P${rank}`, rank, colour: null }));
const TECHS = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, name: `Tech ${i}` }));
const TYPES = ['Incident', 'Request', 'Problem', 'Change', 'Alert', 'Project task'].map((name, i) => ({ id: `t${i}`, name }));
const SUBTYPES = ['Network', 'Email', 'Hardware'].map((name, i) => ({ id: `s${i}`, name }));
/** Resolution SLA per priority (hours) and the typical lead time the team delivers. */
const RESOLVE_H = [4, 8, 24, 72];
const TYPICAL_H = [3, 9, 20, 60];

/** A small deterministic generator (the bench must measure the same history every time). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
}

export interface BenchHistory {
  closed: HistoryRecord[];
  open: OpenTicket[];
  transitions: (StatusTransition & { connectionId: string })[];
}

export function benchHistory(connectionId: string, closedCount: number, now: number): BenchHistory {
  const random = lcg(42);
  const closed: HistoryRecord[] = [];
  const transitions: BenchHistory['transitions'] = [];
  for (let i = 0; i < closedCount; i++) {
    const p = i % 4;
    const lead = Math.max(0.1, TYPICAL_H[p]! * Math.exp((random() - 0.5) * 2.4)) * HOUR;
    const closedAt = now - Math.floor(random() * 179 * DAY) - HOUR;
    const created = closedAt - lead;
    const id = String(100_000 + i);
    const type = TYPES[i % TYPES.length]!;
    closed.push({
      key: `${connectionId}:${id}`,
      connectionId,
      id,
      number: `#${id}`,
      url: `https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recordType=ServiceFv&recid=${id}`,
      created,
      respondedAt: created + Math.min(lead, random() * 2 * HOUR),
      closedAt,
      priority: { id: BENCH_PRIORITIES[p]!.id, name: BENCH_PRIORITIES[p]!.name, rank: p + 1 },
      type,
      subtype: i % 2 ? SUBTYPES[i % 3]! : null,
      assignee: TECHS[i % TECHS.length]!,
      respondBy: created + [0.5, 1, 4, 8][p]! * HOUR,
      resolveBy: created + RESOLVE_H[p]! * HOUR,
      slaMet: null,
    });
    // Four moves inside the ticket's life: ready → doing → waiting → doing → done.
    const at = (f: number) => Math.round(created + lead * f);
    transitions.push(
      { connectionId, ticketId: id, fromStatusId: '2', toStatusId: '3', at: at(0.2) },
      { connectionId, ticketId: id, fromStatusId: '3', toStatusId: '4', at: at(0.5) },
      { connectionId, ticketId: id, fromStatusId: '4', toStatusId: '3', at: at(0.7) },
      { connectionId, ticketId: id, fromStatusId: '3', toStatusId: '5', at: closedAt },
    );
  }
  const open: OpenTicket[] = Array.from({ length: 400 }, (_, i) => {
    const created = now - Math.floor(random() * 20 * DAY);
    const statusId = String(1 + (i % 4));
    return {
      id: String(900_000 + i),
      number: `#${900_000 + i}`,
      url: `https://na.myconnectwise.net/ticket/${900_000 + i}`,
      statusId,
      created,
      enteredColumnAt: created + (now - created) * random(),
      priority: { id: BENCH_PRIORITIES[i % 4]!.id, name: BENCH_PRIORITIES[i % 4]!.name, rank: (i % 4) + 1 },
      type: TYPES[i % TYPES.length]!,
      subtype: null,
      assignee: i % 3 ? TECHS[i % TECHS.length]! : null,
    };
  });
  return { closed, open, transitions };
}
