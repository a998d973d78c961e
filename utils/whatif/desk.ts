/**
 * What a what-if replay is fed (a desk's history) and what it can be told (its parameters). Every
 * assumption the replay makes is one of these parameters, with its default, so a result can always
 * be printed with the assumptions behind it.
 */
import type { Ref, TicketPriority } from '../psa/model';

export interface DeskTech {
  id: string;
  name: string;
  /** Pullboard's skills for this tech; none means the tech takes anything. */
  skills: readonly string[];
}

/** Where a ticket's effort figure came from: the time logged on it, a share of its cycle time, or (open, nothing logged) similar finished tickets. */
export type EffortSource = 'time entries' | 'cycle time' | 'similar tickets';

export interface DeskTicket {
  id: string;
  number: string;
  title: string;
  /** ms since epoch */
  created: number;
  priority: TicketPriority | null;
  board: Ref | null;
  type: Ref | null;
  subtype: Ref | null;
  company: Ref | null;
  contact: Ref | null;
  /** The PSA's SLA targets for the ticket (ms since epoch); null when it has none. */
  respondBy: number | null;
  resolveBy: number | null;
  /** The skill the board maps the ticket to; null when it needs none. */
  skill: string | null;
  /** Hands-on work the ticket needs, in hours. */
  effortHours: number;
  effortSource: EffortSource;
  /** Time it spent waiting on the client in history, in hours: the replay has it wait as long. */
  clientWaitHours: number;
}

export interface DeskHistory {
  /** The replayed window, ms since epoch: tickets created in [from, to) arrive. */
  from: number;
  to: number;
  techs: DeskTech[];
  tickets: DeskTicket[];
}

export type DispatchRule = 'least-loaded' | 'round-robin';

export interface BusinessHours {
  /** Hour the desk opens and closes, local time (0–24). */
  startHour: number;
  endHour: number;
  /** Working days, 0 = Sunday. */
  days: readonly number[];
  /** Local time's offset from UTC, in minutes (e.g. -300 for US Eastern standard time). */
  utcOffsetMinutes: number;
}

export interface WhatIfParams {
  /** Time lost each time a tech puts down an unfinished ticket to work on another. */
  switchCostMinutes: number;
  /** How the push dispatcher picks a tech for each arrival. */
  dispatch: DispatchRule;
  /** Push: after this long on one ticket while holding others, a tech turns to the one untouched longest (0: only a more urgent ticket interrupts). */
  pushRotateMinutes: number;
  businessHours: BusinessHours;
  /** Hours of a business day a tech spends on tickets; the rest (meetings, projects, admin) comes at the end of the day. */
  ticketHoursPerDay: number;
  /** Pull: business minutes a ticket failing the Definition of Ready waits in triage before the dispatcher completes it. */
  triageMinutes: number;
  /** Effort model for tickets without time entries: this share of their cycle time in business hours… */
  effortShareOfCycle: number;
  /** …never less than this and never more than this many hours. */
  effortMinHours: number;
  effortMaxHours: number;
  /** A ticket that waited unowned longer than this many business minutes is counted as having waited. */
  unownedThresholdMinutes: number;
  /** Seeds the order of techs (who gets the first arrival, who pulls first when several are free). */
  seed: number;
}

export const DEFAULT_WHATIF_PARAMS: WhatIfParams = {
  switchCostMinutes: 20,
  dispatch: 'least-loaded',
  pushRotateMinutes: 60,
  businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5], utcOffsetMinutes: 0 },
  ticketHoursPerDay: 6.5,
  triageMinutes: 30,
  effortShareOfCycle: 0.25,
  effortMinHours: 0.25,
  effortMaxHours: 8,
  unownedThresholdMinutes: 60,
  seed: 1,
};

export function whatIfParams(overrides: Partial<WhatIfParams> = {}): WhatIfParams {
  return {
    ...DEFAULT_WHATIF_PARAMS,
    ...overrides,
    businessHours: { ...DEFAULT_WHATIF_PARAMS.businessHours, ...overrides.businessHours },
  };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 === 0 ? '' : `:${String(abs % 60).padStart(2, '0')}`}`;
}

function hour(h: number): string {
  const whole = Math.floor(h);
  return `${String(whole).padStart(2, '0')}:${String(Math.round((h - whole) * 60)).padStart(2, '0')}`;
}

/** The assumptions behind a result, one sentence each, as printed under it. */
export function describeAssumptions(params: WhatIfParams): string[] {
  const hours = params.businessHours;
  const days = hours.days.map((d) => WEEKDAYS[d] ?? '?').join(', ');
  return [
    `Business hours ${hour(hours.startHour)}–${hour(hours.endHour)} ${formatOffset(hours.utcOffsetMinutes)}, ${days}; techs spend ${params.ticketHoursPerDay} h of each on tickets. SLA clocks run on calendar time, as the PSA stamped them.`,
    `Effort: the hours logged on a ticket; without time entries, ${Math.round(params.effortShareOfCycle * 100)} % of its cycle time in business hours, between ${params.effortMinHours} h and ${params.effortMaxHours} h. A ticket that waited on the client in history waits as long again, halfway through its work.`,
    `Push: the dispatcher assigns each arrival during business hours to the ${params.dispatch === 'least-loaded' ? 'skilled tech holding the fewest open tickets' : 'next skilled tech in turn (round-robin)'}; techs work the most urgent ticket they hold by Pullboard's ranking, a more urgent one interrupts${params.pushRotateMinutes > 0 ? `, and after ${params.pushRotateMinutes} min on one ticket they turn to the one they have left longest` : ''}.`,
    `Each switch to another ticket while one is unfinished costs ${params.switchCostMinutes} min.`,
    `Pull: techs pull the top Ready ticket Pullboard offers them (ranking, Definition of Ready, skills) while under their WIP limit, and finish before starting; tickets failing the Definition of Ready wait ${params.triageMinutes} business minutes in triage.`,
    `A response is the first minute a tech works on the ticket. The desk starts the window empty; "waited unowned" counts tickets without an owner for over ${params.unownedThresholdMinutes} business minutes.`,
  ];
}
