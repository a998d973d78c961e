/**
 * Reading the ticket from the page where the URL does not name it: pure functions over a document, with
 * selector lists per PSA (first that matches wins; each fallback dated and sourced). What the page says is a
 * hint only: the background re-reads the ticket through the API before any write, and a number it cannot
 * find there is no ticket at all.
 */
import type { PsaKind } from '../psa/kinds';
import type { PageTicket } from './page';

export interface PageRule {
  /** A CSS selector, or `title` for the document's title. */
  selector: string;
  /** The first group is the ticket (ConnectWise and Halo: the id the header shows; Autotask: its number). */
  pattern: RegExp;
}

/** The part of a document the readers use (a real `Document`, or a parsed fixture). */
export interface PageDocument {
  title: string;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  querySelector(selector: string): unknown;
}

const CW_TICKET = /Service\s*Ticket\s*#\s*(\d+)/i;
const AUTOTASK_NUMBER = /\b(T\d{8}\.\d{3,5})\b/i;
const HALO_HEADING = /^\s*(?:Ticket\s*)?#?\s*(\d+)\s*[-–:]/i;

/**
 * Per PSA, the places the ticket is read from, first match wins. Each rule's comment says where its shape comes
 * from; each fallback's says since when it is one (the notes stay comments: they would cost the content script).
 */
export const TICKET_RULES: Record<PsaKind, readonly PageRule[]> = {
  connectwise: [
    // The ticket view's navigation label "Service Ticket #12345 - summary" (.navigationEntry.cw_CwLabel):
    // AttenSean/userscripts attentus-cw-copy-ticket-link.user.js (hasServiceTicketNavLabel), 2025.
    { selector: '.navigationEntry', pattern: CW_TICKET },
    // Fallback since 2025-10, for layouts without .navigationEntry: the banner label the same userscript reads
    // first (getTicketIdFromBanner on `.cw_CwLabel,.gwt-Label`).
    { selector: '.cw_CwLabel, .gwt-Label, .mm_label', pattern: CW_TICKET },
  ],
  autotask: [
    // The ticket page's heading with its number. No public capture of the page's markup found (checked 2026-12):
    // class names unverified; the number format (T + date + sequence) from code that reads it (Hubot T\d{8}\.\d+).
    { selector: '.IdentificationContainer, .PageHeadingContainer, h1, h2', pattern: AUTOTASK_NUMBER },
    // Fallback since 2026-12: the pop-up's title, for layouts whose heading the selectors above miss.
    { selector: 'title', pattern: AUTOTASK_NUMBER },
  ],
  halo: [
    // The ticket panel's heading "1234 - summary". Halo's URL almost always names the ticket (/ticket?id=), so
    // this is rarely read; class names unverified (checked 2026-12).
    { selector: '.ticket-header, h1, h2', pattern: HALO_HEADING },
    // Fallback since 2026-12: the tab title "1234 - summary - HaloPSA".
    { selector: 'title', pattern: HALO_HEADING },
  ],
};

/** The texts a rule looks at, in document order. */
function textsOf(doc: PageDocument, rule: PageRule): string[] {
  return rule.selector === 'title' ? [doc.title] : Array.from(doc.querySelectorAll(rule.selector), (element) => element.textContent ?? '');
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
