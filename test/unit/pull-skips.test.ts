/** Skip with a reason: the pure rules (utils/flow/skips), the store, and the request's shape. */
import { beforeEach, describe, expect, it } from 'vitest';
import { describeSkip, skippedBySeveral, skippedUntil, SKIP_OFFERED_AGAIN_MS, type TicketSkip } from '../../utils/flow/skips';
import { forgetSkips, loadSkips, recordSkip, SKIPS_KEPT_MS } from '../../utils/store/skips';
import { Request, PAGE_REQUESTS } from '../../utils/protocol/requests';

const T0 = Date.parse('2026-12-02T09:00:00Z');

function skip(techId: string, ticketId: string, reason: TicketSkip['reason'], patch: Partial<TicketSkip> = {}): TicketSkip {
  return { connectionId: 'c1', techId, techName: `Tech ${techId}`, ticketId, ticketNumber: `#${ticketId}`, reason, note: null, at: T0, ...patch };
}

describe('describeSkip', () => {
  it.each([
    [{ reason: 'skill', note: null }, 'Needs a skill I lack'],
    [{ reason: 'client', note: null }, 'Waiting on the client'],
    [{ reason: 'too-big', note: null }, 'Too big for now'],
    [{ reason: 'other', note: 'needs the vendor portal' }, 'Other: needs the vendor portal'],
    [{ reason: 'too-big', note: 'a whole migration' }, 'Too big for now: a whole migration'],
  ] as const)('%j reads "%s"', (input, text) => {
    expect(describeSkip(input)).toBe(text);
  });
});

describe('skippedUntil (the pull plan\'s `skipped` input)', () => {
  it.each([
    ['only my own skips count', [skip('a', '1', 'skill'), skip('b', '2', 'client')], 'a', { '1': T0 + SKIP_OFFERED_AGAIN_MS }],
    ['the latest skip of a ticket wins', [skip('a', '1', 'skill'), skip('a', '1', 'client', { at: T0 + 60_000 })], 'a', { '1': T0 + 60_000 + SKIP_OFFERED_AGAIN_MS }],
    ['nobody skipped anything', [], 'a', {}],
  ] as const)('%s', (_name, skips, techId, expected) => {
    expect(skippedUntil(skips, techId)).toEqual(expected);
  });
});

describe('skippedBySeveral (for stand-up mode)', () => {
  const skips = [
    skip('a', '1', 'skill'),
    skip('b', '1', 'skill', { at: T0 + 1_000 }),
    skip('c', '1', 'other', { note: 'needs a site visit', at: T0 + 2_000 }),
    skip('a', '2', 'client'),
    skip('b', '2', 'too-big', { at: T0 + 5_000 }),
    skip('a', '3', 'client'),
    skip('a', '3', 'too-big', { at: T0 + 9_000 }), // one tech twice: counts once, with the latest reason
  ];

  it('lists tickets several techs passed on, most-skipped first, with counts and reasons', () => {
    const result = skippedBySeveral(skips);
    expect(result.map((t) => [t.ticketNumber, t.techs])).toEqual([['#1', 3], ['#2', 2]]);
    expect(result[0]!.reasons).toEqual([
      { reason: 'skill', label: 'Needs a skill I lack', count: 2, techNames: ['Tech a', 'Tech b'], notes: [] },
      { reason: 'other', label: 'Other', count: 1, techNames: ['Tech c'], notes: ['needs a site visit'] },
    ]);
    expect(result[1]!.lastAt).toBe(T0 + 5_000);
  });

  it.each([
    ['three or more techs', { minTechs: 3 }, ['#1']],
    ['one is enough', { minTechs: 1 }, ['#1', '#2', '#3']],
    ['only recent skips', { since: T0 + 500 }, ['#1']],
    ['none recent enough', { since: T0 + 1_500 }, []],
    ['only tickets still open', { openTicketIds: new Set(['2']) }, ['#2']],
  ] as const)('%s', (_name, options, numbers) => {
    expect(skippedBySeveral(skips, options).map((t) => t.ticketNumber)).toEqual(numbers);
  });
});

describe('the skip store', () => {
  beforeEach(async () => {
    await forgetSkips('c1');
    await forgetSkips('c2');
  });

  it('keeps one skip per connection, tech and ticket, the latest', async () => {
    await recordSkip(skip('a', '1', 'skill'));
    await recordSkip(skip('a', '1', 'other', { note: 'on leave tomorrow', at: T0 + 10 }));
    await recordSkip(skip('b', '1', 'client'));
    await recordSkip(skip('a', '1', 'client', { connectionId: 'c2' }));
    const kept = await loadSkips('c1');
    expect(kept.map((s) => [s.techId, s.reason, s.note]).sort()).toEqual([['a', 'other', 'on leave tomorrow'], ['b', 'client', null]]);
    expect((await loadSkips('c2')).length).toBe(1);
  });

  it('drops skips too old to matter, and forgets a removed connection', async () => {
    await recordSkip(skip('a', '1', 'skill', { at: T0 - SKIPS_KEPT_MS - 1 }));
    await recordSkip(skip('a', '2', 'skill'));
    expect((await loadSkips('c1')).map((s) => s.ticketId)).toEqual(['2']);
    await recordSkip(skip('a', '2', 'skill', { connectionId: 'c2' }));
    await forgetSkips('c1');
    expect(await loadSkips('c1')).toEqual([]);
    expect((await loadSkips('c2')).length).toBe(1);
  });
});

describe('the pull.skip request', () => {
  it('is something the dock may send', () => {
    expect(PAGE_REQUESTS.has('pull.skip')).toBe(true);
  });

  it.each([
    [{ reason: 'skill' }, true, ''],
    [{ reason: 'other', note: 'needs the vendor portal' }, true, ''],
    [{ reason: 'other' }, false, 'Say in a few words why you skip it'],
    [{ reason: 'other', note: '   ' }, false, 'Say in a few words why you skip it'],
    [{ reason: 'bored' }, false, 'Choose why you skip it'],
    [{ reason: 'client', note: 'x'.repeat(141) }, false, 'at most 140 characters'],
  ] as const)('%j: accepted %s %s', (fields, ok, message) => {
    const parsed = Request.safeParse({ type: 'pull.skip', connectionId: 'c1', ticketId: '12', ...fields });
    expect(parsed.success).toBe(ok);
    if (!ok) expect(parsed.error?.issues[0]?.message).toContain(message);
  });
});
