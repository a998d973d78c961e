/** Reading the ticket from the page, against saved HTML shaped like each PSA's pages (see each fixture's comment). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { isSignInPage, readPageTicket, ruleMatches, TICKET_RULES, type PageDocument } from '../../utils/pages/read-page';
import type { PsaKind } from '../../utils/psa/kinds';

function fixture(name: string): PageDocument {
  const html = readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
  return parseHTML(html).document as unknown as PageDocument;
}

/** fixture, PSA, the ticket read, and how many matches each rule of that PSA has (in rule order). */
const FIXTURES: [file: string, kind: PsaKind, ticket: ReturnType<typeof readPageTicket>, matches: number[]][] = [
  ['connectwise-ticket.html', 'connectwise', { id: '38855' }, [1, 2]],
  ['connectwise-ticket-banner.html', 'connectwise', { id: '40112' }, [0, 1]],
  ['connectwise-board.html', 'connectwise', null, [0, 0]],
  ['connectwise-time-entry.html', 'connectwise', null, [0, 0]],
  ['connectwise-sign-in.html', 'connectwise', null, [0, 0]],
  ['autotask-ticket.html', 'autotask', { number: 'T20240101.0001' }, [2, 1]],
  ['autotask-ticket-title-only.html', 'autotask', { number: 'T20240315.0107' }, [0, 1]],
  ['halo-ticket.html', 'halo', { id: '2820' }, [2, 1]],
];

describe('reading the ticket from the page', () => {
  it.each(FIXTURES)('%s (%s) → %o', (file, kind, ticket, matches) => {
    const doc = fixture(file);
    expect(readPageTicket(kind, doc)).toEqual(ticket);
    expect(TICKET_RULES[kind].map((rule) => ruleMatches(doc, rule).length)).toEqual(matches);
  });

  it('dates every fallback and names the source of every rule in its comment', () => {
    const source = readFileSync(new URL('../../utils/pages/read-page.ts', import.meta.url), 'utf8');
    const rules = Object.values(TICKET_RULES).flat();
    const ruleLines = source.split('\n').filter((line) => /^\s*\{ selector: /.test(line));
    expect(ruleLines.length).toBe(rules.length);
    const commented = source.match(/\/\/[^\n]*(?:\n\s*\/\/[^\n]*)*\n\s*\{ selector: /g) ?? [];
    expect(commented.length).toBe(rules.length);
    const fallbacks = Object.values(TICKET_RULES).reduce((count, list) => count + list.length - 1, 0);
    expect(source.match(/Fallback since \d{4}-\d{2}/g)?.length).toBe(fallbacks);
  });

  it('takes the first rule that matches, not a related ticket further down', () => {
    // connectwise-ticket.html also names "Service Ticket #38001" in a label the fallback reads too.
    const doc = fixture('connectwise-ticket.html');
    expect(ruleMatches(doc, TICKET_RULES.connectwise[1]!)).toEqual(['38855', '38001']);
    expect(readPageTicket('connectwise', doc)).toEqual({ id: '38855' });
  });

  it('knows a sign-in form, and no ticket page is one', () => {
    expect(isSignInPage(fixture('connectwise-sign-in.html'))).toBe(true);
    for (const [file] of FIXTURES.filter(([file]) => file !== 'connectwise-sign-in.html')) expect(isSignInPage(fixture(file)), file).toBe(false);
  });

  it('reads ticket text as text: markup in a summary is not parsed into the number', () => {
    const { document } = parseHTML('<html><head><title>x</title></head><body><div class="navigationEntry">Service Ticket #&lt;img src=x onerror=alert(1)&gt; 12</div></body></html>');
    expect(readPageTicket('connectwise', document as unknown as PageDocument)).toBeNull();
  });
});
