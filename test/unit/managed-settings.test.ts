import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readFileSync } from 'node:fs';
import { managedBoardFile, managedBoardMark, managedConnectionFields, managedSettingKeys, parseManagedPolicy, readManagedPolicy, withManagedSettings } from '../../utils/managed/managed-settings';
import { DEFAULT_SETTINGS } from '../../utils/store/settings-store';

describe('a managed policy', () => {
  it('takes every setting an MSP may push', () => {
    const read = parseManagedPolicy({
      psa: { kind: 'connectwise', siteUrl: 'https://na.myconnectwise.net', companyId: 'acme' },
      boardConfig: { format: 'pullboard.board-config', version: 1, boards: [] },
      personalWipLimit: 1,
      timeRoundingMinutes: 15,
      minimumMinutes: 5,
      idleMinutes: 20,
    });
    expect(read.problems).toEqual([]);
    expect(read.policy.psa).toEqual({ kind: 'connectwise', siteUrl: 'https://na.myconnectwise.net', companyId: 'acme' });
    expect(read.policy.personalWipLimit).toBe(1);
    expect(managedSettingKeys(read.policy)).toEqual(['wipLimit', 'roundingMinutes', 'minimumMinutes', 'idleMinutes']);
  });

  it('never takes credentials, wherever they are put, and says so', () => {
    const read = parseManagedPolicy({
      psa: { kind: 'autotask', secret: 'hunter2' },
      privateKey: 'abc',
      clientSecret: 'xyz',
      personalWipLimit: 2,
    });
    expect(JSON.stringify(read.policy)).not.toMatch(/hunter2|abc|xyz/);
    expect(read.policy).toEqual({ personalWipLimit: 2 });
    expect(read.problems).toEqual([
      'psa.secret is ignored: credentials are never taken from a policy. Each tech enters their own in Options.',
      'privateKey is ignored: credentials are never taken from a policy. Each tech enters their own in Options.',
      'clientSecret is ignored: credentials are never taken from a policy. Each tech enters their own in Options.',
    ]);
  });

  it('ignores a bad value with the reason, and still applies the rest', () => {
    const read = parseManagedPolicy({ personalWipLimit: 9, idleMinutes: 30, psa: { kind: 'servicenow' }, boardConfigUrl: 'http://intranet/board.json', colour: 'red' });
    expect(read.policy).toEqual({ idleMinutes: 30 });
    expect(read.problems).toHaveLength(4);
    expect(read.problems[0]).toMatch(/^personalWipLimit is ignored: .*5/);
    expect(read.problems[1]).toBe('psa is ignored: kind must be one of connectwise, autotask, halo.');
    expect(read.problems[2]).toBe('boardConfigUrl is ignored: must be an https address.');
    expect(read.problems[3]).toMatch(/^colour is not a Pullboard setting and is ignored \(settings: psa, boardConfig,/);
  });

  it('prefers an inline board configuration over a URL to one', () => {
    const read = parseManagedPolicy({ boardConfig: { format: 'pullboard.board-config' }, boardConfigUrl: 'https://msp.example/board.json' });
    expect(read.policy.boardConfigUrl).toBeUndefined();
    expect(read.problems).toEqual(['boardConfigUrl is ignored: the policy also holds boardConfig, which wins.']);
  });

  it('treats no policy, or something that is not one, as nothing managed', () => {
    expect(parseManagedPolicy(undefined)).toEqual({ policy: {}, problems: [] });
    expect(parseManagedPolicy([1, 2]).problems).toEqual(['The policy is not an object of settings; none of it applies.']);
  });

  it("puts the policy's values over the tech's own settings", () => {
    const own = { ...DEFAULT_SETTINGS, wipLimit: 3, skills: ['network'] };
    expect(withManagedSettings(own, { personalWipLimit: 1, timeRoundingMinutes: 15 })).toEqual({ ...own, wipLimit: 1, roundingMinutes: 15 });
    expect(withManagedSettings(own, {})).toEqual(own);
  });

  it('reads storage.managed, and a browser with no policy at all is none', async () => {
    fakeBrowser.reset();
    expect(await readManagedPolicy()).toEqual({ policy: {}, problems: [] });
  });

  it('matches the schema Chromium validates policies against (public/managed-schema.json)', () => {
    const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties).sort()).toEqual(['boardConfig', 'boardConfigUrl', 'idleMinutes', 'minimumMinutes', 'personalWipLimit', 'psa', 'timeRoundingMinutes']);
    expect(Object.keys(schema.properties.psa!.properties!).sort()).toEqual(['companyId', 'kind', 'siteUrl', 'tenant']);
    expect(JSON.stringify(schema)).not.toMatch(/"(publicKey|privateKey|secret|clientSecret|password)"/);
  });

  it("fills the connection form's fields for the PSA it names, never a key", () => {
    expect(managedConnectionFields({ kind: 'connectwise', siteUrl: 'https://eu.myconnectwise.net', companyId: 'acme' })).toEqual({ siteUrl: 'https://eu.myconnectwise.net', companyId: 'acme' });
    expect(managedConnectionFields({ kind: 'halo', siteUrl: 'https://acme.halopsa.com', tenant: 'acme' })).toEqual({ url: 'https://acme.halopsa.com', tenant: 'acme' });
    expect(managedConnectionFields({ kind: 'autotask' })).toEqual({});
    expect(managedConnectionFields(undefined)).toEqual({});
  });

  it('gives the board file inline or from its address, and says what to do when the address fails', async () => {
    expect(await managedBoardFile({})).toBeNull();
    expect((await managedBoardFile({ boardConfig: { format: 'pullboard.board-config' } }))!.text).toBe('{"format":"pullboard.board-config"}');
    const fetched = await managedBoardFile({ boardConfigUrl: 'https://msp.example/board.json' }, async (url) => `from ${url}`);
    expect(fetched).toEqual({ name: "Your MSP's board configuration (https://msp.example/board.json)", text: 'from https://msp.example/board.json' });
    await expect(
      managedBoardFile({ boardConfigUrl: 'https://msp.example/board.json' }, async () => {
        throw new Error('the server answered 404');
      }),
    ).rejects.toThrow("Your MSP's board configuration (https://msp.example/board.json) could not be read: the server answered 404. Ask your MSP to check the address, or import the file by hand.");
  });

  it('marks an applied board file by connection and content, so a changed file applies again', () => {
    expect(managedBoardMark('c1', '{"a":1}')).toBe(managedBoardMark('c1', '{"a":1}'));
    expect(managedBoardMark('c1', '{"a":1}')).not.toBe(managedBoardMark('c1', '{"a":2}'));
    expect(managedBoardMark('c1', '{"a":1}')).not.toBe(managedBoardMark('c2', '{"a":1}'));
  });
});
