/**
 * Reading the ticket from the page where the URL does not name it: pure functions over a document, with
 * selector lists per PSA (first that matches wins; each fallback dated and sourced). What the page says is a
 * hint only: the background re-reads the ticket through the API before any write, and a number it cannot
 * find there is no ticket at all.
 */
import type { PsaKind } from '../psa/model';
import type { PageTicket } from './page';

export interface PageRule {
  /** A CSS selector, or `title` for the document's title. */
  selector: string;
  /** The first group is the ticket (ConnectWise and Halo: the id the header shows; Autotask: its number). */
  pattern: RegExp;
  /** Where the shape comes from, and since when it is the fallback it is. */
  note: string;
}

/** The part of a document the readers use (a real `Document`, or a parsed fixture). */
export interface PageDocument {
  title: string;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  querySelector(selector: string): unknown;
}

export const TICKET_RULES: Record<PsaKind, readonly PageRule[]> = {
  connectwise: [
    {
      selector: '.navigationEntry',
      pattern: /Service\s*Ticket\s*#\s*(\d+)/i,
      note: 'the ticket view\'s navigation label "Service Ticket #12345 - summary" (.navigationEntry.cw_CwLabel): AttenSean/userscripts attentus-cw-copy-ticket-link.user.js, 2025',
    },
    {
      selector: '.cw_CwLabel, .gwt-Label, .mm_label',
      pattern: /Service\s*Ticket\s*#\s*(\d+)/i,
      note: 'fallback since 2025-10 for layouts without .navigationEntry: the banner label the same userscript reads first (getTicketIdFromBanner)',
    },
  ],
  autotask: [
    {
      selector: '.IdentificationContainer, [class*="TicketNumber"], .PageHeadingContainer, h1, h2',
      pattern: /\b(T\d{8}\.\d{3,5})\b/i,
      note: 'the ticket page\'s heading with its number; no public capture of the page\'s markup found (2026-12): class names unverified, the number format (T + date + sequence) from code that reads it (Hubot T\\d{8}\\.\\d+)',
    },
    {
      selector: 'title',
      pattern: /\b(T\d{8}\.\d{3,5})\b/i,
      note: 'fallback since 2026-12: the pop-up\'s title, for layouts whose heading the selectors above miss',
    },
  ],
  halo: [
    {
      selector: '.ticket-header, [class*="ticketheader"], h1, h2',
      pattern: /^\s*(?:Ticket\s*)?#?\s*(\d+)\s*[-–:]/i,
      note: 'the ticket panel\'s heading "1234 - summary"; Halo\'s URL almost always names the ticket (/ticket?id=), so this is rarely read; class names unverified (2026-12)',
    },
    {
      selector: 'title',
      pattern: /^\s*(?:Ticket\s*)?#?\s*(\d+)\s*[-–:]/i,
      note: 'fallback since 2026-12: the tab title "1234 - summary - HaloPSA"',
    },
  ],
};

/** The texts a rule looks at, in document order. */
function textsOf(doc: PageDocument, rule: PageRule): string[] {
  if (rule.selector === 'title') return [doc.title];
  return Array.from(doc.querySelectorAll(rule.selector), (element) => element.textContent ?? '');
}

/** How many elements of the document a rule matches (what the fixture tests pin down). */
export function ruleMatches(doc: PageDocument, rule: PageRule): string[] {
  return textsOf(doc, rule).flatMap((text) => {
    const match = rule.pattern.exec(text.replace(/\s+/g, ' '));
    return match?.[1] ? [match[1]] : [];
  });
}

/** The ticket the page shows, from its header or title, or null. */
export function readPageTicket(kind: PsaKind, doc: PageDocument): PageTicket {
  for (const rule of TICKET_RULES[kind]) {
    const [found] = ruleMatches(doc, rule);
    if (found) return kind === 'autotask' ? { number: found.toUpperCase() } : { id: found.replace(/^0+(?=\d)/, '') };
  }
  return null;
}

/**
 * A sign-in form: ConnectWise shows its sign-in form at the app's own URL (`ConnectWise.aspx` with CompanyName,
 * UserName and Password fields), so the URL cannot tell. No dock on a page that asks for a password.
 */
export function isSignInPage(doc: PageDocument): boolean {
  return doc.querySelector('input[type="password" i]') !== null;
}
