/**
 * Halo's pure pieces as tables: PSA timestamps (0–7 fractional digits, no zone, placeholders), the paging
 * stop rule, token and list parameters, and error bodies keyed by field.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OptionalPsaDate, PsaDate, readPsaDate } from '../../utils/psa/kit/dates';
import { haloDate, haloErrorBody, isUnassigned, nextPage, tokenUrl, updatedSinceParams, type PagingState } from '../../utils/psa/halo/query';
import { describeIssues } from '../../utils/psa/kit/records';

describe('readPsaDate', () => {
  it.each([
    ['2026-11-25T09:30:00Z', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T09:30:00', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T09:30:00.5', '2026-11-25T09:30:00.500Z'],
    ['2026-11-25T09:30:00.12', '2026-11-25T09:30:00.120Z'],
    ['2026-11-25T09:30:00.123Z', '2026-11-25T09:30:00.123Z'],
    ['2026-11-25T09:30:00.1234567', '2026-11-25T09:30:00.123Z'],
    ['2026-11-25T09:30:00.9999999Z', '2026-11-25T09:30:00.999Z'],
    ['2026-11-25T10:30:00+01:00', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T04:00:00-0530', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25 09:30:00', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25', '2026-11-25T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(readPsaDate(text)).toBe(iso);
  });

  it.each(['1900-01-01T00:00:00', '1899-12-30T00:00:00', '0001-01-01T00:00:00', '1753-01-01T00:00:00Z'])('%s is a placeholder: no date', (text) => {
    expect(readPsaDate(text)).toBeNull();
  });

  it.each(['', 'soon', '2026-02-30T00:00:00', '2026-13-01T00:00:00', '2026-11-25T25:00:00', '2026-11-25T09:30:00.12345678'])('%j is not a date', (text) => {
    expect(readPsaDate(text)).toBeUndefined();
  });

  it('as schemas: an optional date takes missing, null, empty and placeholders as null; a required one names the field', () => {
    const Row = z.object({ last_update: PsaDate, fixbydate: OptionalPsaDate, dateclosed: OptionalPsaDate, responsedate: OptionalPsaDate });
    expect(Row.parse({ last_update: '2026-11-25T09:30:00.1234567', fixbydate: '0001-01-01T00:00:00', responsedate: '' })).toEqual({
      last_update: '2026-11-25T09:30:00.123Z',
      fixbydate: null,
      dateclosed: null,
      responsedate: null,
    });
    const placeholder = Row.safeParse({ last_update: '1900-01-01T00:00:00' }, { reportInput: true });
    expect(placeholder.success).toBe(false);
    expect(describeIssues(placeholder.error!).problem).toBe('last_update: expected a date, not a placeholder, got "1900-01-01T00:00:00"');
    const garbage = Row.safeParse({ last_update: '2026-11-25T09:30:00Z', fixbydate: 'tomorrow' }, { reportInput: true });
    expect(describeIssues(garbage.error!).problem).toBe('fixbydate: expected a date, got "tomorrow"');
  });
});

describe('nextPage: when a Halo list has ended', () => {
  const run = (pages: Array<[length: number, fresh: number]>) => {
    let state: PagingState = { largest: 0 };
    const asked: number[] = [];
    for (const [index, [length, fresh]] of pages.entries()) {
      asked.push(index + 1);
      const step = nextPage(state, length, fresh);
      if (!step.more) break;
      state = step.state;
    }
    return asked;
  };

  it('a tenant that caps 100 at 50: a page of 50 is not the end; the first shorter page is', () => {
    expect(run([[50, 50], [50, 50], [50, 50], [17, 17], [0, 0]])).toEqual([1, 2, 3, 4]);
  });

  it('an exact multiple of the cap ends on the empty page after it', () => {
    expect(run([[50, 50], [50, 50], [0, 0], [0, 0]])).toEqual([1, 2, 3]);
  });

  it('a tenant that ignores page_no and serves page 1 again ends on the page with no new ids', () => {
    expect(run([[50, 50], [50, 0], [50, 0]])).toEqual([1, 2]);
  });

  it('the full page size asked for is followed too', () => {
    expect(run([[100, 100], [100, 100], [3, 3]])).toEqual([1, 2, 3]);
  });

  it('an empty first page is the end (an idle poll costs one request)', () => {
    expect(run([[0, 0], [5, 5]])).toEqual([1]);
  });
});

describe('Halo parameters and addresses', () => {
  it('the token URL: {url}/auth/token by default, the authorisation server when set, ?tenant= when given', () => {
    expect(tokenUrl('https://acme.halopsa.com', null, null)).toBe('https://acme.halopsa.com/auth/token');
    expect(tokenUrl('https://acme.halopsa.com/', 'https://auth.halopsa.com', 'acme')).toBe('https://auth.halopsa.com/token?tenant=acme');
    expect(tokenUrl('https://acme.halopsa.com', 'https://auth.halopsa.com/token', 'a b')).toBe('https://auth.halopsa.com/token?tenant=a+b');
    expect(tokenUrl('https://halo.acme.local/halo', null, null)).toBe('https://halo.acme.local/halo/auth/token');
  });

  it('updatedSince: the last-update date search and lastupdatefromdate, UTC without a zone, milliseconds kept', () => {
    expect(updatedSinceParams('2026-11-25T09:30:00.123Z')).toEqual({
      datesearch: 'lastupdate',
      startdate: '2026-11-25T09:30:00.123',
      lastupdatefromdate: '2026-11-25T09:30:00.123',
    });
    expect(haloDate('2026-11-25T10:30:00+01:00')).toBe('2026-11-25T09:30:00.000');
  });

  it('agent 1 (the built-in Unassigned), 0 and null are nobody', () => {
    expect([1, 0, null, undefined, 2, 38].map(isUnassigned)).toEqual([true, true, true, true, false, false]);
  });

  it('error bodies: keyed by field path, or OAuth, become {errors}/{message}; bodies the helper reads stay', () => {
    expect(JSON.parse(haloErrorBody('{"[0].agent_id":"Agent 2 cannot be assigned tickets."}')!)).toEqual({
      errors: [{ field: 'agent_id', message: 'Agent 2 cannot be assigned tickets.' }],
    });
    expect(JSON.parse(haloErrorBody('{"error":"invalid_client","error_description":"The client id or secret is not valid."}')!)).toEqual({
      message: 'The client id or secret is not valid.',
    });
    expect(haloErrorBody('{"message":"Ticket 5 not found."}')).toBeNull();
    expect(haloErrorBody('')).toBeNull();
    expect(haloErrorBody('[1]')).toBeNull();
  });
});
