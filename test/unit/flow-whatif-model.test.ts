import { describe, expect, it } from 'vitest';
import { createWhatIfModel, lastDaysOf } from '../../utils/ui/whatif-model';
import type { DeskHistory, DeskTicket } from '../../utils/whatif';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TO = Date.UTC(2026, 11, 2, 17);

function ticket(id: string, daysAgo: number): DeskTicket {
  const created = TO - daysAgo * DAY;
  return {
    id, number: `#${id}`, title: id, created, priority: { id: '3', name: 'P3', rank: 3, colour: null }, board: null,
    type: { id: 't', name: 'Hardware' }, subtype: null, company: null, contact: { id: 'c', name: 'Amelia' },
    respondBy: null, resolveBy: created + 120 * HOUR, skill: null, effortHours: 1, effortSource: 'time entries', clientWaitHours: 0,
  };
}
const history: DeskHistory = {
  from: TO - 90 * DAY, to: TO, techs: [{ id: 'a', name: 'Alex', skills: [] }], tickets: [ticket('old', 60), ticket('new', 10), ticket('newer', 2)],
};

describe('the what-if model', () => {
  it('replays the chosen window only', () => {
    expect(lastDaysOf(history, 30).tickets.map((t) => t.id)).toEqual(['new', 'newer']);
    expect(lastDaysOf(history, null)).toBe(history);
    const model = createWhatIfModel(history, {}, 30);
    expect(model.result.value?.window.tickets).toBe(2);
    model.days.value = 90;
    expect(model.pending.value).toBe(true);
    model.replay();
    expect(model.result.value?.window.tickets).toBe(3);
    expect(model.pending.value).toBe(false);
  });

  it('refuses a bad parameter with what to do, and keeps the last result', () => {
    const model = createWhatIfModel(history);
    const before = model.result.value;
    model.edit({ businessHours: { startHour: 17, endHour: 8, days: [1, 2, 3, 4, 5], utcOffsetMinutes: 0 } });
    model.edit({ switchCostMinutes: -5 });
    model.replay();
    expect(model.error.value).toBe('Not replayed: switch cost must be 0–240 minutes; business hours must open before they close, within 0–24. Correct the value and press Replay again.');
    expect(model.result.value).toBe(before);
    model.edit({ switchCostMinutes: 0, businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5], utcOffsetMinutes: 0 } });
    model.replay();
    expect(model.error.value).toBeNull();
    expect(model.result.value?.params.switchCostMinutes).toBe(0);
  });
});
