/**
 * A shadow root that page script cannot reach (the dock's, the board's over a PSA page), reached as the
 * browser's own tools do: over the DevTools protocol. `DOM.describeNode` with `pierce` sees open and closed
 * roots alike; queries and reads run as functions on the shadow root object (`Runtime.callFunctionOn`), and
 * every click or key is real input (`page.mouse`, `page.keyboard`: `isTrusted` true), aimed at the element's
 * centre once it is visible, enabled, still and not covered. Works the same on an open root.
 *
 *   const dock = ClosedRoot.of(page, 'pullboard-dock');
 *   await dock.waitForText(/WIP \d\/2/);
 *   await dock.button('Pull next').click();
 */
import type { CDPSession, Page } from 'playwright-core';

export type TextMatch = string | RegExp;
type Serial = { exact: string } | { contains: string } | { source: string; flags: string };

interface Query {
  css: string;
  /** The accessible name, as aria-label or else the element's text: a string must equal it. */
  name?: Serial;
  /** The element's text (whitespace collapsed): a string must occur in it. */
  hasText?: Serial;
  /** -1: every match (for counts); else the index among the matches. */
  nth: number;
  /** Matches only inside the element (or elements, with nth -1) this query finds. */
  within?: Query;
}

export interface WaitOptions {
  timeout?: number;
}

const DEFAULT_TIMEOUT = 20_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function serial(match: TextMatch | undefined, string: 'exact' | 'contains'): Serial | undefined {
  if (match === undefined) return undefined;
  if (typeof match !== 'string') return { source: match.source, flags: match.flags };
  return string === 'exact' ? { exact: match } : { contains: match };
}

/** Selectors for the roles the tests name; anything else is `[role=…]`. */
const ROLE_CSS: Record<string, string> = {
  button: 'button, [role="button"]',
  complementary: 'aside, [role="complementary"]',
  dialog: 'dialog, [role="dialog"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  link: 'a[href], [role="link"]',
  searchbox: 'input[type="search"], [role="searchbox"]',
  status: 'output, [role="status"]',
  textbox: 'input:not([type]), input[type="text"], input[type="search"], textarea, [role="textbox"]',
};

function roleCss(role: string, level?: number): string {
  if (role === 'heading' && level) return `h${level}, [role="heading"][aria-level="${level}"]`;
  return ROLE_CSS[role] ?? `[role="${role}"]`;
}

/**
 * Runs in the page with the shadow root as `this`. Plain JavaScript in a string: what the test runner's
 * transpiler makes of a TypeScript function is not guaranteed to run in a page.
 */
const IN_ROOT = `function (op, query, extra) {
  const root = this;
  const squash = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const matches = (text, m) => {
    if (!m) return true;
    if ('exact' in m) return text === m.exact;
    if ('contains' in m) return text.includes(m.contains);
    return new RegExp(m.source, m.flags).test(text);
  };
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label !== null) return squash(label);
    const by = el.getAttribute('aria-labelledby');
    if (by) return squash(by.split(/\\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
    return squash(el.textContent);
  };
  const textOf = (el) => squash(el.tagName === 'STYLE' || el.tagName === 'SCRIPT' ? '' : (el.innerText ?? el.textContent));
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const findIn = (q) => {
    const scopes = q.within ? findIn(q.within) : [root];
    const all = [];
    for (const scope of scopes) {
      for (const el of scope.querySelectorAll(q.css)) {
        if (!all.includes(el) && matches(nameOf(el), q.name) && matches(textOf(el), q.hasText)) all.push(el);
      }
    }
    return q.nth < 0 ? all : all[q.nth] ? [all[q.nth]] : [];
  };
  const find = () => {
    if (!query) return null;
    const found = findIn(query);
    return query.nth < 0 ? found : found[0] ?? null;
  };
  if (op === 'root') return true;
  if (op === 'rootText') return squash([...root.children].filter((c) => c.tagName !== 'STYLE').map((c) => c.innerText ?? c.textContent).join(' '));
  if (op === 'count') return find().length;
  if (op === 'texts') return find().map(textOf);
  const el = find();
  if (op === 'exists') return el !== null;
  if (!el) return { missing: true };
  if (op === 'text') return { value: textOf(el) };
  if (op === 'attr') return { value: el.getAttribute(extra) };
  if (op === 'prop') return { value: el[extra] ?? null };
  if (op === 'style') return { value: getComputedStyle(el)[extra] };
  if (op === 'visible') return { value: visible(el) };
  if (op === 'box') {
    const box = el.getBoundingClientRect();
    return { value: { x: box.left, y: box.top, width: box.width, height: box.height } };
  }
  if (op === 'point') {
    if (!el.isConnected) return { problem: 'detached' };
    el.scrollIntoView({ block: 'center', inline: 'center' });
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
      if (!visible(el)) return resolve({ problem: 'not visible' });
      if (el.disabled || el.getAttribute('aria-disabled') === 'true') return resolve({ problem: 'disabled' });
      const box = el.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hit = root.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) return resolve({ problem: 'covered by ' + (hit ? hit.tagName.toLowerCase() + (hit.className ? '.' + String(hit.className).split(' ').join('.') : '') : 'nothing') });
      resolve({ x, y });
    })));
  }
  throw new Error('unknown op ' + op);
}`;

export class ClosedRoot {
  private session: Promise<CDPSession> | null = null;

  private constructor(
    readonly page: Page,
    /** A CSS selector for the host element in the page's document, e.g. `pullboard-dock`. */
    readonly host: string,
  ) {}

  static of(page: Page, host: string): ClosedRoot {
    return new ClosedRoot(page, host);
  }

  private cdp(): Promise<CDPSession> {
    this.session ??= this.page.context().newCDPSession(this.page);
    return this.session;
  }

  /** The shadow root as a remote object, or null while the host or its root is not there. */
  private async rootObject(cdp: CDPSession): Promise<string | null> {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: this.host });
    if (!nodeId) return null;
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.find((s) => s.shadowRootType !== 'user-agent');
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, objectGroup: 'closed-root' });
    return object.objectId ?? null;
  }

  /** Runs one operation of IN_ROOT; null when there is no root (yet). Navigation mid-call counts as no root. */
  async run<T>(op: string, query: Query | null = null, extra: unknown = null): Promise<T | null> {
    const cdp = await this.cdp();
    try {
      const objectId = await this.rootObject(cdp);
      if (!objectId) return null;
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: IN_ROOT,
        arguments: [{ value: op }, { value: query }, { value: extra }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(`In ${this.host}'s shadow root: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/Cannot find context|Execution context was destroyed|No node with given id|Could not find node|Inspected target navigated|Target closed|Session closed/i.test(text)) return null;
      throw error;
    } finally {
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'closed-root' }).catch(() => undefined);
    }
  }

  /** Whether the host is in the page with a shadow root of its own. */
  async exists(): Promise<boolean> {
    return (await this.run<boolean>('root')) === true;
  }

  async waitFor(options: WaitOptions & { state?: 'attached' | 'detached' } = {}): Promise<void> {
    const want = (options.state ?? 'attached') === 'attached';
    await this.until(async () => ((await this.exists()) === want ? true : null), options, `${this.host} to be ${want ? 'attached' : 'detached'}`);
  }

  /** The root's text as shown (styles left out), whitespace collapsed; '' without a root. */
  async text(): Promise<string> {
    return (await this.run<string>('rootText')) ?? '';
  }

  async waitForText(match: TextMatch, options: WaitOptions = {}): Promise<string> {
    let last = '';
    return this.until(
      async () => {
        last = await this.text();
        return (typeof match === 'string' ? last.includes(match) : match.test(last)) ? last : null;
      },
      options,
      () => `${this.host} to show ${String(match)} (it shows "${last.slice(0, 300)}")`,
    );
  }

  /** Elements by CSS selector, optionally those whose text contains `hasText`. */
  locator(css: string, options: { hasText?: TextMatch } = {}): ClosedElement {
    return new ClosedElement(this, { css, hasText: serial(options.hasText, 'contains'), nth: 0 });
  }

  /** Elements by role and accessible name (a string is the exact name), as `getByRole` would. */
  role(role: string, options: { name?: TextMatch; level?: number } = {}): ClosedElement {
    return new ClosedElement(this, { css: roleCss(role, options.level), name: serial(options.name, 'exact'), nth: 0 });
  }

  button(name: TextMatch): ClosedElement {
    return this.role('button', { name });
  }

  async has(role: string, name?: TextMatch): Promise<boolean> {
    return (await this.role(role, { name }).count()) > 0;
  }

  async count(css: string): Promise<number> {
    return this.locator(css).count();
  }

  /** Polls `probe` until it gives a value (not null) or the timeout passes. */
  async until<T>(probe: () => Promise<T | null>, options: WaitOptions, what: string | (() => string)): Promise<T> {
    const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
    for (;;) {
      const value = await probe();
      if (value !== null) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}.`);
      await sleep(100);
    }
  }
}

/** One element of a closed root, found again by its query on every use (the UI re-renders). */
export class ClosedElement {
  constructor(
    readonly root: ClosedRoot,
    readonly query: Query,
  ) {}

  private get describe(): string {
    const parts = [this.query.within ? `${this.query.within.css} → ${this.query.css}` : this.query.css];
    if (this.query.name) parts.push(`named ${JSON.stringify(this.query.name)}`);
    if (this.query.hasText) parts.push(`with text ${JSON.stringify(this.query.hasText)}`);
    if (this.query.nth > 0) parts.push(`#${this.query.nth}`);
    return `${parts.join(' ')} in ${this.root.host}`;
  }

  /** Descendants of this element matching `css`. */
  locator(css: string, options: { hasText?: TextMatch } = {}): ClosedElement {
    return new ClosedElement(this.root, { css, hasText: serial(options.hasText, 'contains'), nth: 0, within: this.query });
  }

  /** Descendants of this element by role and accessible name. */
  role(role: string, options: { name?: TextMatch; level?: number } = {}): ClosedElement {
    return new ClosedElement(this.root, { css: roleCss(role, options.level), name: serial(options.name, 'exact'), nth: 0, within: this.query });
  }

  nth(index: number): ClosedElement {
    return new ClosedElement(this.root, { ...this.query, nth: index });
  }

  first(): ClosedElement {
    return this.nth(0);
  }

  filter(options: { hasText: TextMatch }): ClosedElement {
    return new ClosedElement(this.root, { ...this.query, hasText: serial(options.hasText, 'contains') });
  }

  async count(): Promise<number> {
    return (await this.root.run<number>('count', { ...this.query, nth: -1 })) ?? 0;
  }

  async texts(): Promise<string[]> {
    return (await this.root.run<string[]>('texts', { ...this.query, nth: -1 })) ?? [];
  }

  async isVisible(): Promise<boolean> {
    return (await this.root.run<{ value?: boolean }>('visible', this.query))?.value === true;
  }

  async waitFor(options: WaitOptions & { state?: 'attached' | 'detached' | 'visible' } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    await this.root.until(
      async () => {
        if (state === 'attached') return (await this.root.run<boolean>('exists', this.query)) ? true : null;
        if (state === 'detached') return (await this.root.run<boolean>('exists', this.query)) ? null : true;
        return (await this.isVisible()) ? true : null;
      },
      options,
      `${this.describe} to be ${state}`,
    );
  }

  private async read(op: 'text' | 'attr' | 'prop' | 'style' | 'box', extra: unknown, options: WaitOptions): Promise<unknown> {
    return this.root.until(
      async () => {
        const answer = await this.root.run<{ value?: unknown; missing?: true }>(op, this.query, extra);
        return answer && !answer.missing ? { value: answer.value } : null;
      },
      options,
      `${this.describe} to exist`,
    ).then((found) => found.value);
  }

  /** The element's text as shown, whitespace collapsed; waits for the element. */
  async text(options: WaitOptions = {}): Promise<string> {
    return (await this.read('text', null, options)) as string;
  }

  async getAttribute(name: string, options: WaitOptions = {}): Promise<string | null> {
    return (await this.read('attr', name, options)) as string | null;
  }

  /** A DOM property, e.g. `value` of an input. */
  async property(name: string, options: WaitOptions = {}): Promise<unknown> {
    return this.read('prop', name, options);
  }

  /** The element's box in the viewport, in CSS pixels. */
  async box(options: WaitOptions = {}): Promise<{ x: number; y: number; width: number; height: number }> {
    return (await this.read('box', null, options)) as { x: number; y: number; width: number; height: number };
  }

  async computedStyle(property: string, options: WaitOptions = {}): Promise<string> {
    return (await this.read('style', property, options)) as string;
  }

  /** A trusted click at the element's centre once it is visible, enabled, still and on top. */
  async click(options: WaitOptions = {}): Promise<void> {
    let problem = 'missing';
    const point = await this.root.until(
      async () => {
        const answer = await this.root.run<{ x?: number; y?: number; problem?: string; missing?: true }>('point', this.query);
        if (answer && answer.x !== undefined && answer.y !== undefined) return { x: answer.x, y: answer.y };
        problem = answer?.problem ?? 'missing';
        return null;
      },
      options,
      () => `${this.describe} to be clickable (${problem})`,
    );
    await this.root.page.mouse.click(point.x, point.y);
  }

  /** Focus as a person gives it: a trusted click on the element. */
  async focus(options: WaitOptions = {}): Promise<void> {
    await this.click(options);
  }

  /** Replaces an input's text by typing (trusted key events): click, select all, type. */
  async fill(text: string, options: WaitOptions = {}): Promise<void> {
    await this.click(options);
    const keyboard = this.root.page.keyboard;
    await keyboard.press('ControlOrMeta+A');
    await keyboard.press('Backspace');
    if (text) await keyboard.type(text);
  }
}
