import { describe, expect, it } from 'vitest';
import { roundedHours, timeEntryFor } from '../../utils/timer/time-entry';
import { EMPTY_TIMERS, elapsedMs, pauseForIdle, startTimer, switchTimer } from '../../utils/timer/timer';

const MIN = 60_000;
const six = { incrementMinutes: 6, minimumMinutes: 0 };

describe('rounding as MSPs bill', () => {
  it.each([
    [1 * MIN, six, 0.1],
    [6 * MIN, six, 0.1],
    [6 * MIN + 1000, six, 0.2],
    [43 * MIN, six, 0.8],
    [43 * MIN, { incrementMinutes: 15, minimumMinutes: 0 }, 0.75],
    [3 * MIN, { incrementMinutes: 1, minimumMinutes: 15 }, 0.25],
    [90 * MIN, { incrementMinutes: 1, minimumMinutes: 0 }, 1.5],
  ])('%d ms → %s h', (ms, policy, hours) => {
    expect(roundedHours(ms, policy)).toBe(hours);
  });
});

describe('time entries from timers', () => {
  const ticket = { connectionId: 'c', ticketId: '7', number: '#7', title: 'T', url: 'https://x/7' };

  it('covers the unlogged segments, from the first start to the last end, with the note', () => {
    let state = startTimer(EMPTY_TIMERS, ticket, Date.UTC(2026, 10, 25, 9, 0, 0, 400));
    const switched = switchTimer(state, { ...ticket, ticketId: '8', number: '#8' }, Date.UTC(2026, 10, 25, 9, 25));
    expect(switched.logged?.ticketId).toBe('7');
    const entry = timeEntryFor({ ...switched.logged!, note: 'Replaced toner' }, '151', six, 'Worked on');
    expect(entry).toEqual({ ticketId: '7', memberId: '151', start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T09:25:00.000Z', hours: 0.5, notes: 'Replaced toner' });
    state = switched.state;
    const paused = state.paused.find((t) => t.ticketId === '7')!;
    expect(paused.segments).toEqual([]);
    expect(paused.loggedMs).toBe(25 * MIN - 400);
  });

  it('logs nothing for a timer started by mistake', () => {
    const state = startTimer(EMPTY_TIMERS, ticket, 0);
    const { logged } = switchTimer(state, { ...ticket, ticketId: '8' }, 40_000);
    expect(timeEntryFor(logged!, '151', six, 'x')).toBeNull();
  });

  it('stops counting when the tech went idle', () => {
    const state = pauseForIdle(startTimer(EMPTY_TIMERS, ticket, 0), 10 * MIN);
    expect(state.running).toBeNull();
    expect(elapsedMs(state.paused[0]!, 99 * MIN)).toBe(10 * MIN);
  });
});
