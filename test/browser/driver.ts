/**
 * One way to drive a browser with Pullboard loaded, whichever browser it is: the journeys in
 * test/e2e/journeys/ are written once against this and run in Chromium (playwright-core) and Firefox
 * (puppeteer-core over WebDriver BiDi). Elements are found by the same in-page query in both (CSS, text,
 * label, inside the dock's or the full-page board's shadow root); clicks and keys are the browser's own
 * trusted input, so what needs a user gesture (a permission request, Firefox's sidebar) gets one.
 */

export type BrowserName = 'chromium' | 'firefox';

/**
 * Run in every page before its scripts: the test build then opens Pullboard's shadow roots in it, so both
 * drivers query the dock with the same in-page search (the Chromium-only suites reach the closed roots
 * over the DevTools protocol instead; the hostile suite keeps them closed).
 */
export const OPEN_SHADOW_ROOTS = "try { localStorage.setItem('pullboard.test.openShadowRoots', '1') } catch {}";

/** Where an element lives: the page itself, the dock's shadow root, or the full-page board's. */
export type Root = 'page' | 'dock' | 'overlay';

export interface Query {
  /** A CSS selector inside the root (`*` with `text` or `label` alone). */
  css?: string;
  /** The element's text, whitespace collapsed: a string matches whole, a RegExp anywhere. */
  text?: string | RegExp;
  /** The form control a `<label>` (or `aria-label`) with this text names. */
  label?: string;
  root?: Root;
  /** Which of the matches (after `text`), from 0. */
  nth?: number;
}

export interface Found {
  text: string;
  value: string | null;
  /** The viewport point at the element's centre, after scrolling it into view. */
  x: number;
  y: number;
  count: number;
}

export interface DriverTab {
  readonly browser: BrowserName;
  url(): Promise<string>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The first match, waited for while it is missing (throws with the query when it never comes). */
  waitFor(query: Query, timeoutMs?: number): Promise<Found>;
  /** The match now, or null. */
  find(query: Query): Promise<Found | null>;
  count(query: Query): Promise<number>;
  attribute(query: Query, name: string): Promise<string | null>;
  /** A trusted mouse click at the element's centre. */
  click(query: Query): Promise<void>;
  /** Types into a field as a person would (focus, select all, type). */
  fill(query: Query, value: string): Promise<void>;
  /** Chooses an option of a `<select>` by its visible text. */
  select(query: Query, optionText: string): Promise<void>;
  focus(query: Query): Promise<void>;
  /** A trusted key press: `Enter`, `ArrowRight`, `Shift+ArrowDown`, `Escape`. */
  press(key: string): Promise<void>;
  /** Runs an expression in the page (extension pages may use `browser.*` / `chrome.*`). */
  evaluate<T>(expression: string): Promise<T>;
  waitForUrl(pattern: RegExp, timeoutMs?: number): Promise<string>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionDriver {
  readonly browser: BrowserName;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly extensionBase: string;
  openExtensionPage(path: string): Promise<DriverTab>;
  openPage(url: string): Promise<DriverTab>;
  /** Stops the background as the browser does when idle (Chromium's worker, Firefox's event page); the next event starts it. */
  stopBackground(): Promise<void>;
  /**
   * The address the browser's own side panel (Firefox's sidebar) shows, or null when it is closed — where the
   * browser lets a test see it (Firefox); undefined where it does not (Chromium's side panel is no target).
   */
  sidePanelUrl?(): Promise<string | null>;
  /** The whole browser window as PNG, its own sidebar included, where the driver can take one (Firefox). */
  screenshotWindow?(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface LaunchDriverOptions {
  extensionDir?: string;
  headless?: boolean;
  /** Host names to send to the simulator, e.g. `na.myconnectwise.net`. */
  hostMap?: { hosts: string[]; port: number };
  viewport?: { width: number; height: number };
}

/** Both drivers' launchers, chosen by name, so a journey file or the demo names only the browser. */
export async function launchDriver(browser: BrowserName, options: LaunchDriverOptions = {}): Promise<ExtensionDriver> {
  if (browser === 'firefox') return (await import('./firefox-driver')).launchFirefoxDriver(options);
  return (await import('./chromium-driver')).launchChromiumDriver(options);
}

/** The query as plain data for the page (a RegExp does not cross the boundary). */
function serialize(query: Query): object {
  const text = query.text;
  return {
    css: query.css ?? '*',
    text: text === undefined ? null : typeof text === 'string' ? { exact: text } : { source: text.source, flags: text.flags },
    label: query.label ?? null,
    root: query.root ?? 'page',
    nth: query.nth ?? 0,
  };
}

/**
 * The in-page search, as source text: both drivers evaluate it the same way, and no bundler helper
 * (`__name` and the like) can slip into the function the page receives.
 */
const LOCATE = String.raw`(q, action) => {
  const hosts = { dock: 'pullboard-dock', overlay: 'pullboard-board' };
  const root = q.root === 'page' ? document : document.querySelector(hosts[q.root])?.shadowRoot;
  if (!root) return null;
  const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  let all = [...root.querySelectorAll(q.css)];
  if (q.label !== null) {
    const named = [];
    for (const label of root.querySelectorAll('label')) {
      if (squash(label.textContent) === q.label || squash(label.firstChild?.textContent) === q.label) {
        const control = label.control ?? label.querySelector('input, select, textarea');
        if (control) named.push(control);
      }
    }
    for (const el of root.querySelectorAll('[aria-label]')) if (el.getAttribute('aria-label') === q.label) named.push(el);
    all = all.filter((el) => named.includes(el));
  }
  if (q.text !== null) {
    const re = q.text.exact === undefined ? new RegExp(q.text.source, q.text.flags) : null;
    all = all.filter((el) => (re ? re.test(squash(el.textContent)) : squash(el.textContent) === q.text.exact));
  }
  const el = all[q.nth];
  if (!el) return null;
  if (action === 'scroll') el.scrollIntoView({ block: 'center', inline: 'center' });
  if (action === 'focus') el.focus();
  if (action && action.select !== undefined) {
    const options = [...el.options];
    const index = options.findIndex((o) => squash(o.textContent) === action.select);
    if (index < 0) return { missingOption: options.map((o) => squash(o.textContent)) };
    el.focus();
    return { steps: index - el.selectedIndex };
  }
  if (action && action.attribute !== undefined) return { attribute: el.getAttribute(action.attribute) };
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return null;
  return { text: squash(el.textContent), value: 'value' in el ? String(el.value) : null, x: box.x + box.width / 2, y: box.y + box.height / 2, count: all.length };
}`;

type Evaluate = <T>(expression: string) => Promise<T>;

/** The query parts of a tab that are the same in both browsers: all of them run LOCATE in the page. */
export function queriesOver(evaluate: Evaluate, press: (key: string) => Promise<void>) {
  const run = <T>(query: Query, action: unknown = null) =>
    evaluate<T | null>(`(${LOCATE})(${JSON.stringify(serialize(query))}, ${JSON.stringify(action)})`);

  async function find(query: Query): Promise<Found | null> {
    return run<Found>(query);
  }

  async function waitFor(query: Query, timeoutMs = 20_000): Promise<Found> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await run<Found>(query).catch(() => null); // a page between documents answers nothing
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Nothing matched ${describeQuery(query)} within ${timeoutMs} ms.`);
      await sleep(100);
    }
  }

  return {
    find,
    waitFor,
    async count(query: Query): Promise<number> {
      return (await run<Found>({ ...query, nth: 0 }))?.count ?? 0;
    },
    async scrolled(query: Query): Promise<Found> {
      await waitFor(query);
      const found = await run<Found>(query, 'scroll');
      if (!found) throw new Error(`${describeQuery(query)} went away before it could be used.`);
      return found;
    },
    async focus(query: Query): Promise<void> {
      await waitFor(query);
      await run(query, 'focus');
    },
    async attribute(query: Query, name: string): Promise<string | null> {
      await waitFor(query);
      return (await run<{ attribute: string | null }>(query, { attribute: name }))?.attribute ?? null;
    },
    /**
     * Chooses an option with the arrow keys, as a person with the keyboard would: a change a script
     * dispatches is no user input, and Firefox refuses what needs one (a permission request) after it.
     */
    async select(query: Query, optionText: string): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        await waitFor(query);
        const result = await run<{ missingOption?: string[]; steps?: number }>(query, { select: optionText });
        if (result?.steps !== undefined) {
          for (let i = 0; i < Math.abs(result.steps); i++) await press(result.steps > 0 ? 'ArrowDown' : 'ArrowUp');
          return;
        }
        if (Date.now() > deadline) throw new Error(`${describeQuery(query)} has no option "${optionText}" (it has: ${result?.missingOption?.join(', ')}).`);
        await sleep(100);
      }
    },
  };
}

export function describeQuery(query: Query): string {
  const parts = [query.css ?? '*', query.label && `label "${query.label}"`, query.text !== undefined && `text ${String(query.text)}`, query.root && query.root !== 'page' && `in the ${query.root}`];
  return parts.filter(Boolean).join(', ');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something other than undefined/false, or throws what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(200);
  }
}
