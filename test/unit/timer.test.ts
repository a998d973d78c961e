import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_TIMERS, MAX_PAUSED, discardTimer, elapsedMs, pauseTimer, startTimer, stopTimer, type TimerTicket } from '../../utils/timer/timer';
import { loadTimers, updateTimers } from '../../utils/store/timer-store';
import { resetDbHandle } from '../../utils/store/db';

const ticket = (id: string): TimerTicket => ({ connectionId: 'c', ticketId: id, number: `#${id}`, title: `Ticket ${id}`, url: `https://psa/${id}` });
const MIN = 60_000;

describe('timers', () => {
  it('runs one timer at a time: starting another pauses the first', () => {
    let state = startTimer(EMPTY_TIMERS, ticket('1'), 0);
    state = startTimer(state, ticket('2'), 10 * MIN);
    expect(state.running?.ticketId).toBe('2');
    expect(state.paused.map((t) => t.ticketId)).toEqual(['1']);
    expect(elapsedMs(state.paused[0]!, 99 * MIN)).toBe(10 * MIN);
    expect(elapsedMs(state.running!, 15 * MIN)).toBe(5 * MIN);
  });

  it('resumes a paused timer where it left off', () => {
    let state = startTimer(EMPTY_TIMERS, ticket('1'), 0);
    state = pauseTimer(state, 7 * MIN);
    expect(state.running).toBeNull();
    state = startTimer(state, ticket('1'), 20 * MIN);
    expect(state.paused).toEqual([]);
    expect(elapsedMs(state.running!, 23 * MIN)).toBe(10 * MIN);
    expect(state.running!.segments).toHaveLength(2);
  });

  it('starting the running ticket again changes nothing', () => {
    const state = startTimer(EMPTY_TIMERS, ticket('1'), 0);
    expect(startTimer(state, ticket('1'), 5 * MIN)).toBe(state);
  });

  it('stopping keeps the time to be logged; discarding drops it', () => {
    let state = startTimer(EMPTY_TIMERS, ticket('1'), 0);
    state = startTimer(state, ticket('2'), 4 * MIN);
    state = stopTimer(state, { connectionId: 'c', ticketId: '1' }, 9 * MIN);
    expect(state.stopped.map((t) => [t.ticketId, elapsedMs(t, 99 * MIN)])).toEqual([['1', 4 * MIN]]);
    expect(state.running?.ticketId).toBe('2');
    state = discardTimer(state, { connectionId: 'c', ticketId: '2' });
    expect(state.running).toBeNull();
    expect(state.stopped).toHaveLength(1);
  });

  it('never forgets time: paused timers beyond the cap are stopped, not dropped', () => {
    let state = EMPTY_TIMERS;
    for (let i = 0; i <= MAX_PAUSED + 1; i++) state = startTimer(state, ticket(String(i)), i * MIN);
    expect(state.paused).toHaveLength(MAX_PAUSED);
    expect(state.stopped.map((t) => t.ticketId)).toEqual(['0']);
  });
});

describe('timer store', () => {
  beforeEach(async () => {
    await updateTimers(() => EMPTY_TIMERS);
  });

  it('keeps a running timer across a restart of the worker', async () => {
    await updateTimers((s) => startTimer(s, ticket('42'), 1_000));
    resetDbHandle();
    const reloaded = await loadTimers();
    expect(reloaded.running?.ticketId).toBe('42');
    expect(reloaded.running?.segments).toEqual([{ start: 1_000, end: null }]);
  });
});
