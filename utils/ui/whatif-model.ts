/**
 * "What if we had pulled?" as the Insights page shows it: the desk's history comes in as props, the
 * parameters are edited in a draft, and Replay runs the replay (pure, in the page) with them.
 */
import { batch, computed, signal } from '@preact/signals';
import { runWhatIf, whatIfParams, type DeskHistory, type WhatIfParams, type WhatIfResult } from '../whatif';
import { DAY_MS } from '../flow/duration';

export type WhatIfModel = ReturnType<typeof createWhatIfModel>;

/** The history's last `days` days (all of it when null or longer). */
export function lastDaysOf(history: DeskHistory, days: number | null): DeskHistory {
  if (days === null) return history;
  const from = Math.max(history.from, history.to - days * DAY_MS);
  return { ...history, from, tickets: history.tickets.filter((t) => t.created >= from) };
}

export function createWhatIfModel(history: DeskHistory, initial: Partial<WhatIfParams> = {}, initialDays: number | null = null) {
  const draft = signal<WhatIfParams>(whatIfParams(initial));
  const days = signal<number | null>(initialDays);
  const applied = signal<{ params: WhatIfParams; days: number | null }>({ params: draft.value, days: initialDays });
  const error = signal<string | null>(null);

  const result = computed<WhatIfResult | null>(() => {
    const { params, days: window } = applied.value;
    const desk = lastDaysOf(history, window);
    if (desk.tickets.length === 0 || desk.techs.length === 0) return null;
    return runWhatIf(desk, params);
  });
  const pending = computed(() => draft.value !== applied.value.params || days.value !== applied.value.days);

  function edit(change: Partial<WhatIfParams>): void {
    draft.value = whatIfParams({ ...draft.value, ...change, businessHours: { ...draft.value.businessHours, ...change.businessHours } });
  }

  /** Checks the draft and replays with it; a bad value is named and nothing is replayed. */
  function replay(): void {
    const p = draft.value;
    const problems: string[] = [];
    if (!(p.switchCostMinutes >= 0 && p.switchCostMinutes <= 240)) problems.push('switch cost must be 0–240 minutes');
    if (!(p.pushRotateMinutes >= 0 && p.pushRotateMinutes <= 480)) problems.push('push rotation must be 0–480 minutes');
    if (!(p.businessHours.startHour >= 0 && p.businessHours.endHour <= 24 && p.businessHours.startHour < p.businessHours.endHour)) {
      problems.push('business hours must open before they close, within 0–24');
    }
    const open = p.businessHours.endHour - p.businessHours.startHour;
    if (open > 0 && !(p.ticketHoursPerDay > 0 && p.ticketHoursPerDay <= open)) problems.push(`ticket hours a day must be above 0 and at most the ${open} business hours`);
    if (!(p.triageMinutes >= 0)) problems.push('triage minutes must be 0 or more');
    if (problems.length > 0) {
      error.value = `Not replayed: ${problems.join('; ')}. Correct the value and press Replay again.`;
      return;
    }
    batch(() => {
      error.value = null;
      applied.value = { params: p, days: days.value };
    });
  }

  return { draft, days, applied, result, pending, error, edit, replay, historyDays: Math.round((history.to - history.from) / DAY_MS) };
}
