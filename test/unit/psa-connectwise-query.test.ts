import { describe, expect, it } from 'vitest';
import {
  conditionValue,
  conditions,
  connectWiseApiOrigin,
  connectWiseDate,
  nextLink,
  queryString,
} from '../../utils/psa/connectwise/query';
import { basicAuth } from '../../utils/psa/connectwise/adapter';
import { CwTicket } from '../../utils/psa/connectwise/schemas';
import { describeIssues, safeParseRecord } from '../../utils/psa/kit/records';

describe('connectWiseApiOrigin', () => {
  it.each([
    ['https://na.myconnectwise.net', 'https://api-na.myconnectwise.net'],
    ['https://eu.myconnectwise.net/v4_6_release/ConnectWise.aspx', 'https://api-eu.myconnectwise.net'],
    ['https://AU.MyConnectWise.net/', 'https://api-au.myconnectwise.net'],
    ['https://aus.myconnectwise.net', 'https://api-aus.myconnectwise.net'],
    ['https://za.myconnectwise.net', 'https://api-za.myconnectwise.net'],
    ['https://api-na.myconnectwise.net', 'https://api-na.myconnectwise.net'],
    // Staging: the API host naming is unconfirmed, so the same host.
    ['https://staging.connectwisedev.com', 'https://staging.connectwisedev.com'],
    ['https://cw.example-msp.com/v4_6_release/', 'https://cw.example-msp.com'],
    ['https://manage.example.org:8443/x', 'https://manage.example.org:8443'],
    ['http://127.0.0.1:41234', 'http://127.0.0.1:41234'],
    // Not a cloud host just because it contains one.
    ['https://na.myconnectwise.net.evil.example', 'https://na.myconnectwise.net.evil.example'],
  ])('%s → %s', (site, api) => {
    expect(connectWiseApiOrigin(site)).toBe(api);
  });

  it('throws for something that is not a URL', () => {
    expect(() => connectWiseApiOrigin('na.myconnectwise.net')).toThrow(TypeError);
  });
});

describe('conditions', () => {
  it('writes the incremental board query', () => {
    expect(
      conditions([
        ['board/id', '=', 3],
        ['closedFlag', '=', false],
        ['lastUpdated', '>', new Date('2026-11-25T09:00:00.000Z')],
      ]),
    ).toBe('board/id=3 and closedFlag=false and lastUpdated>[2026-11-25T09:00:00Z]');
  });

  it('groups alternatives in parentheses', () => {
    expect(
      conditions([
        ['board/id', '=', 1],
        { anyOf: [['closedFlag', '=', false], ['lastUpdated', '>=', new Date('2026-11-20T00:00:00Z')]] },
      ]),
    ).toBe('board/id=1 and (closedFlag=false or lastUpdated>=[2026-11-20T00:00:00Z])');
  });

  it.each([
    [42, '42'],
    [true, 'true'],
    ['jdoe', "'jdoe'"],
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    [new Date('2026-01-02T03:04:05.678Z'), '[2026-01-02T03:04:05Z]'],
  ])('value %s → %s', (value, written) => {
    expect(conditionValue(value)).toBe(written);
  });

  it('spaces word operators', () => {
    expect(conditions([['summary', 'contains', 'printer']])).toBe("summary contains 'printer'");
  });

  it('refuses field names that could smuggle in a clause', () => {
    expect(() => conditions([['id=1 or id', '>', 0]])).toThrow(TypeError);
    expect(() => conditionValue(Number.NaN)).toThrow(TypeError);
  });
});

describe('connectWiseDate', () => {
  it('rounds down to whole seconds so a cursor never skips a ticket', () => {
    expect(connectWiseDate('2026-11-25T09:00:00.999Z')).toBe('2026-11-25T09:00:00Z');
    expect(connectWiseDate('2026-11-25T10:00:00+01:00')).toBe('2026-11-25T09:00:00Z');
  });
  it('throws for a non-date', () => expect(() => connectWiseDate('yesterday')).toThrow(TypeError));
});

describe('queryString', () => {
  it('encodes spaces as %20 and keeps + literal', () => {
    expect(queryString({ conditions: 'a=1 and b>[2026-01-01T00:00:00Z]', x: 'c+d' })).toBe(
      'conditions=a%3D1%20and%20b%3E%5B2026-01-01T00%3A00%3A00Z%5D&x=c%2Bd',
    );
  });
});

describe('nextLink', () => {
  it.each([
    ['<https://h/x?page=2&pageSize=25>; rel="next", <https://h/x?page=9>; rel="last"', 'https://h/x?page=2&pageSize=25'],
    ['<https://h/x?page=1>; rel="first", <https://h/x?pageId=1001>; rel="next"', 'https://h/x?pageId=1001'],
    ['</v2025_1/apis/3.0/service/tickets?pageId=7>; rel=next', '/v2025_1/apis/3.0/service/tickets?pageId=7'],
    ['<https://h/x?page=1>; rel="prev"', null],
    ['<https://h/x?page=3>; rel="nextpage"', null],
    ['', null],
  ])('%s', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
  it('null header → null', () => expect(nextLink(null)).toBeNull());
});

describe('basicAuth', () => {
  it('encodes company+public:private', () => {
    expect(basicAuth('acme+pub', 'priv')).toBe(`Basic ${Buffer.from('acme+pub:priv').toString('base64')}`);
  });
  it('is UTF-8 safe where btoa alone would throw', () => {
    expect(basicAuth('société+clé', 'mötör')).toBe(`Basic ${Buffer.from('société+clé:mötör', 'utf8').toString('base64')}`);
  });
});

describe('CwTicket problems', () => {
  const good = {
    id: 7,
    summary: 'Printer jam',
    status: { id: 1, name: 'New' },
    closedFlag: false,
    _info: { lastUpdated: '2026-11-25T09:00:00Z', dateEntered: '2026-11-24T08:00:00Z' },
  };
  it('accepts a minimal ticket and normalizes dates to ISO', () => {
    const result = safeParseRecord(CwTicket, good);
    expect(result.success && result.data._info.lastUpdated).toBe('2026-11-25T09:00:00.000Z');
  });
  it('takes a date without a zone as UTC', () => {
    const result = safeParseRecord(CwTicket, { ...good, _info: { ...good._info, dateEntered: '2026-11-24T08:00:00' } });
    expect(result.success && result.data._info.dateEntered).toBe('2026-11-24T08:00:00.000Z');
  });
  it.each([
    [{ ...good, status: { id: 'x', name: 'New' } }, 'status.id: expected number, got "x"'],
    [{ ...good, summary: undefined }, 'summary: expected string, but it is missing'],
    [{ ...good, _info: { ...good._info, lastUpdated: 'soon' } }, '_info.lastUpdated: expected a date, got "soon"'],
    [{ ...good, owner: { id: 3 } }, 'owner.identifier: expected string, but it is missing'],
  ])('names the field: %j', (record, problem) => {
    const result = safeParseRecord(CwTicket, record);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error).problem).toBe(problem);
  });
});
