/**
 * What the browser test files share: Debian's Chromium (or NAK_CHROMIUM), one
 * browser and one static server per file, pages that tests take turns with,
 * each opened with the requests it makes and the errors it logs, and axe run in
 * the page.
 */
import axe from 'axe-core';
import { existsSync, readdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { serve } from './static-server.ts';

/** Debian's Chromium, or the browser NAK_CHROMIUM names (a CI runner's own Chrome, say). */
const CHROMIUM = process.env.NAK_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const CH1 = '/chapters/01-the-crash-and-the-patch/';
export const CH2 = '/chapters/02-lifetimes/';
export const CH7 = '/chapters/07-just-past/';
/** Every chapter page, from the chapter files. */
export const CHAPTERS = readdirSync('content/chapters').filter((f) => f.endsWith('.mdx')).sort().map((f) => `/chapters/${f.replace(/\.mdx$/, '')}/`);

export type Theme = 'light' | 'dark';

export interface Opened {
  page: Page;
  /** Every URL the page requested since it was opened. */
  requests: string[];
  /** Every script error and console error since it was opened. */
  errors: string[];
  /** Done with the page: back to its pool, its storage cleared (or its own context closed). */
  close: () => Promise<void>;
}

export interface Site {
  browser: () => Browser;
  /** The origin the default build is served at, e.g. http://127.0.0.1:PORT. */
  url: () => string;
  /**
   * A page of the default build, loaded until the network is idle. It is a page
   * that an earlier test closed, where there is one for the same options: a page
   * reused costs Chromium about a quarter of a new one (no new renderer, scripts
   * already compiled). Pages opened with the same options share a context, so a
   * test on such a page may not change its storage (closing it checks) nor its
   * context: with `own`, a context of its own that is closed with the page, for a
   * test that changes the theme, routes requests or turns JavaScript off.
   */
  open: (path: string, options?: { theme?: Theme; viewport?: { width: number; height: number }; own?: BrowserContextOptions }) => Promise<Opened>;
}

/** Launches Chromium and serves the default build for the test file that calls it. */
export function useSite(): Site {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  const contexts = new Map<string, Promise<BrowserContext>>();
  const free = new Map<string, Page[]>();
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`browser tests need ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
    server = await serve(inject('site').out);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const newContext = async (theme: Theme | undefined, options: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    // Not on about:blank, whose storage is off limits.
    if (theme) await context.addInitScript((t) => void (location.protocol.startsWith('http') && localStorage.setItem('starlight-theme', t)), theme);
    return context;
  };
  return {
    browser: () => browser,
    url: () => server.url,
    open: async (path, { theme, viewport, own } = {}) => {
      if (own) {
        const context = await newContext(theme, { ...own, ...(viewport && { viewport }) });
        return load(await context.newPage(), server.url + path, () => context.close());
      }
      // Pages with the same options share a context (Chromium then shares renderers and cache between them).
      const key = JSON.stringify([theme, viewport]);
      if (!contexts.has(key)) contexts.set(key, newContext(theme, viewport ? { viewport } : {}));
      const page = free.get(key)?.pop() ?? (await (await contexts.get(key)!).newPage());
      const stored = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
      let before = '';
      const opened = await load(page, server.url + path, async () => {
        // Storage is the context's, shared with the other pages: a test that changes it must have a context of its own.
        const after = await stored();
        if (after !== before) throw new Error(`the test changed local storage (${before} -> ${after}): open its page with { own: {} }`);
        free.set(key, [...(free.get(key) ?? []), page]);
      });
      before = await stored();
      return opened;
    },
  };
}

/** Loads `url` in `page` until the network is idle, recording the requests it makes and the errors it logs until it is closed. */
async function load(page: Page, url: string, release: () => Promise<void>): Promise<Opened> {
  // A URL that differs from the page's only in its hash would not load the document again.
  const [was, next] = [new URL(page.url()), new URL(url)];
  if (was.origin === next.origin && was.pathname === next.pathname && was.search === next.search) await page.goto('about:blank');
  const requests: string[] = [];
  const errors: string[] = [];
  const onRequest = (r: { url(): string }) => void requests.push(r.url());
  const onPageError = (e: Error) => void errors.push(e.message);
  const onConsole = (m: { type(): string; text(): string }) => void (m.type() === 'error' && errors.push(m.text()));
  page.on('request', onRequest);
  page.on('pageerror', onPageError);
  page.on('console', onConsole);
  const close = async () => {
    page.off('request', onRequest);
    page.off('pageerror', onPageError);
    page.off('console', onConsole);
    await release();
  };
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
  } catch (e) {
    await close();
    throw e;
  }
  return { page, requests, errors, close };
}

/** axe-core in the page, once per document. */
async function injectAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
}

/**
 * The rules of axe's default set that read colours: the only ones whose result a
 * theme can change, since the themes differ only in colours (a test in
 * pages.test.ts checks that every other rule has the same outcome in both).
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Every rule's outcome on the page (violations, passes, incomplete or inapplicable;
 * a rule with nodes in more than one says so), for comparing two runs. Nodes are
 * not compared: Starlight adds its search form to the page when it gets to it.
 */
export async function axeResults(page: Page): Promise<Map<string, string>> {
  await injectAxe(page);
  return new Map(await page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document);
    const outcomes = new Map<string, string[]>();
    for (const kind of ['violations', 'passes', 'incomplete', 'inapplicable'] as const) for (const v of r[kind]) outcomes.set(v.id, [...(outcomes.get(v.id) ?? []), kind]);
    return [...outcomes].map(([id, kinds]) => [id, kinds.join(' and ')] as [string, string]);
  }));
}

/**
 * axe-core's violations on the page, as "rule: targets", besides Starlight's
 * search button (axe 4.14 newly flags it, label-content-name-mismatch; it is
 * not our markup). axe runs in the page itself, with its default rules, as
 * @axe-core/playwright's legacy mode does: our pages have no frames (checked),
 * so the cross-frame machinery would only cost time. With `colour`, only the
 * rules that read colours.
 */
export async function axeViolations(page: Page, rules: 'all' | 'colour' = 'all'): Promise<string[]> {
  const frames = await page.evaluate(() => document.querySelectorAll('iframe, frame').length);
  if (frames > 0) throw new Error(`the page has ${frames} frames: axeViolations() checks only the top document`);
  await injectAxe(page);
  const violations = await page.evaluate(async (only) => {
    const options: axe.RunOptions = { resultTypes: ['violations'], ...(only && { runOnly: { type: 'rule', values: only } }) };
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, options);
    return r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, rules === 'colour' ? COLOUR_RULES : null);
  return violations.filter((v) => v.id !== 'label-content-name-mismatch').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}
