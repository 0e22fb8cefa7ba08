/**
 * The built site in Debian's Chromium: no third-party requests, no script
 * errors, dark mode reaches the highlighted code, search works from the
 * keyboard, and axe finds no accessibility violations of ours.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from './static-server.ts';

/** Debian's Chromium, or the browser NAK_CHROMIUM names (a CI runner's own Chrome, say). */
const CHROMIUM = process.env.NAK_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CH1 = '/chapters/01-the-crash-and-the-patch/';
const CH2 = '/chapters/02-lifetimes/';
/** Every chapter page, from the chapter files. */
const CHAPTERS = readdirSync('content/chapters').filter((f) => f.endsWith('.mdx')).sort().map((f) => `/chapters/${f.replace(/\.mdx$/, '')}/`);

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  server = await serve(inject('site').out);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, theme?: 'light' | 'dark'): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  if (theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => void requests.push(r.url()));
  page.on('pageerror', (e) => void errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await page.goto(server.url + path, { waitUntil: 'networkidle' });
  return { page, requests, errors };
}

describe('the site published under a base path', () => {
  it("a cell's playground link opens the playground, under the base, with the cell's run", async () => {
    const { out, base } = inject('siteUnderBase');
    const under = await serve(out, base);
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => void errors.push(e.message));
    try {
      await page.goto(`${under.url}${base}chapters/07-just-past/`, { waitUntil: 'networkidle' });
      const cell = page.locator('figure.nak-cell').first();
      const schedule = (await cell.locator('caption code').filter({ hasText: /^schedule / }).textContent())!.replace(/^schedule\s+/, '');
      await cell.getByRole('link', { name: 'Step through this run in the playground' }).click();
      await page.waitForURL(`**${base}play/**`);
      expect(new URL(page.url()).pathname).toBe(`${base}play/`);
      // At step 0 of the cell's run, ready to step: the link holds the whole run and the step shown.
      expect(decodeURIComponent(new URL(page.url()).hash).replace(/\+/g, ' ')).toBe(`#just-past:${schedule}@0`);
      await expect.poll(() => page.locator('.nak-stepper-meta').textContent()).toContain("Step 0 of this run's 23");
      expect(await page.locator('button[data-act="next"]').textContent()).toBe('Next step of this run (init)');
      expect(await page.locator('#nak-play-scenario').inputValue()).toBe('just-past');
      expect(await page.getByRole('link', { name: 'Link to this step' }).getAttribute('href')).toMatch(new RegExp(`^${base}play/#just-past:`));
      await page.getByRole('link', { name: 'umount-wait-nak' }).first().click();
      await page.waitForURL(`${under.url}${base}`);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await under.close();
    }
  });
});

describe('on a phone (390 px wide)', () => {
  for (const path of CHAPTERS) {
    it(`${path}: nothing scrolls the page sideways, and every OOPS badge is in view`, async () => {
      const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      try {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        const r = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth,
          // Traces and verdict tables stack; other tables (the map's numbers) may scroll inside their region.
          scrollers: [...document.querySelectorAll('.nak-scroll')].filter((el) => el.querySelector('.nak-trace, .nak-verdicts') && el.scrollWidth > el.clientWidth + 1).length,
          badges: [...document.querySelectorAll('.nak-trace .nak-badge')].map((b) => b.getBoundingClientRect()).filter((b) => b.right > document.documentElement.clientWidth + 1 || b.left < 0).length,
        }));
        expect(r.page).toBeLessThanOrEqual(r.view);
        expect(r.badges).toBe(0);
        expect(r.scrollers).toBe(0);
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('the site in a browser', () => {
  it('tutorial: the landing page starts the reader on chapter 1', async () => {
    const { page, errors } = await open('/');
    await page.getByRole('link', { name: 'Start with chapter 1' }).click();
    await page.waitForURL(`**${CH1}`);
    expect(await page.title()).toBe('The crash and the patch | umount-wait-nak');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const path of ['/', ...CHAPTERS, '/play/', '/no-such-page/']) {
    it(`${path} makes no request to another host and logs no error`, async () => {
      const { page, requests, errors } = await open(path);
      expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
      // A page that does not exist is served with status 404, which Chromium reports as a console error.
      const expected = path === '/no-such-page/' ? ['Failed to load resource: the server responded with a status of 404 (Not Found)'] : [];
      expect(errors).toEqual(expected);
      if (path === '/no-such-page/') expect(await page.getByRole('link', { name: 'Back to the start' }).getAttribute('href')).toBe('/');
      await page.context().close();
    });
  }

  it('dark mode applies to the highlighted scenario source', async () => {
    const { page } = await open(CH2);
    const token = page.locator('.nak-details pre.shiki span[style*="--shiki-dark"]').first();
    await page.locator('.nak-details summary').first().click();
    const light = await token.evaluate((el) => getComputedStyle(el).color);
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await token.evaluate((el) => getComputedStyle(el).color);
    const wanted = await token.evaluate((el) => {
      const probe = document.createElement('span');
      probe.style.color = el.style.getPropertyValue('--shiki-dark');
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    });
    expect(dark).not.toBe(light);
    expect(dark).toBe(wanted);
    await page.context().close();
  });

  it('search opens from the keyboard and finds the chapter on lifetimes', async () => {
    const { page } = await open('/');
    await page.keyboard.press('Control+k');
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill('lifetimes');
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('href')).toContain(CH2);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pagefind-ui__search-input'))).toBe(true);
    await page.context().close();
  });

  it("a long trace keeps its lane header in view while it scrolls", async () => {
    const { page } = await open('/chapters/07-just-past/');
    const region = page.locator('.nak-scroll:has(.nak-trace)').first();
    const offset = await region.evaluate((el) => {
      el.scrollTop = 400;
      return el.querySelector('thead th')!.getBoundingClientRect().top - el.getBoundingClientRect().top;
    });
    expect(await region.evaluate((el) => el.scrollTop)).toBe(400);
    expect(Math.abs(offset)).toBeLessThan(2);
    await page.context().close();
  });

  it('wide traces scroll in a region that the keyboard can reach', async () => {
    const { page } = await open(CH1);
    const region = page.getByRole('region', { name: /^trace of kthread-lazy-umount, schedule / });
    await region.focus();
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });

  for (const [path, theme] of (['light', 'dark'] as const).flatMap((t) => ['/', ...CHAPTERS, '/play/#just-past:init*6', '/play/#just-past:init*6+kworker:fput*3+init*8+timer:mntput+kworker:mntput*5@23'].map((p) => [p, t] as const))) {
    it(`${path} in the ${theme} theme has no accessibility violations (axe), besides Starlight's search button`, async () => {
      const { page } = await open(path, theme);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const r = await new AxeBuilder({ page }).analyze();
      // axe 4.14 newly flags Starlight's own search button (label-content-name-mismatch); it is not our markup.
      const ours = r.violations.filter((v) => v.id !== 'label-content-name-mismatch').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(ours).toEqual([]);
      await page.context().close();
    });
  }

  it('a trace cell links to the playground, which opens at step 0 of the same run and steps it from the keyboard', async () => {
    const { page, errors } = await open(CH1);
    await page.getByRole('link', { name: 'Step through this run in the playground' }).first().click();
    await page.waitForURL('**/play/#kthread-lazy-umount:*@0');
    const next = page.locator('button[data-act="next"]');
    await expect.poll(() => next.textContent()).toBe('Next step of this run (init)');
    await next.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('n');
    expect(await page.locator('.nak-stepper-view').textContent()).toContain('oops at step 20');
    expect(await page.locator('.nak-stepper-outcome').textContent()).toMatch(/^The kernel oopsed: /);
    await page.keyboard.press('z');
    expect(await page.locator('.nak-stepper-meta code').textContent()).toBe('init*8 kthread timer:fput kworker:fput*4 timer:mntput kworker:mntput*4');
    expect(await page.locator('.nak-stepper-view').textContent()).not.toContain('oops at step');
    await page.keyboard.press('y'); // redo
    expect(await page.locator('.nak-stepper-view').textContent()).toContain('oops at step 20');
    expect(await page.evaluate(() => location.hash)).toBe('#kthread-lazy-umount:init*8+kthread+timer:fput+kworker:fput*4+timer:mntput+kworker:mntput*5@20');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the playground opens on the NAK trace of just-past, runs to the oops from the keyboard, says so, and keeps the focus', async () => {
    const { page, errors } = await open('/play/');
    expect(await page.locator('#nak-play-scenario').inputValue()).toBe('just-past');
    const oops = page.locator('button[data-act="oops"]');
    await oops.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.nak-stepper-outcome').textContent()).toContain('The kernel oopsed');
    expect(await page.locator('.nak-stepper-live').textContent()).toMatch(/by the shortest way to the oops: init\*5 kworker:fput\*3 init\*8 timer:mntput kworker:mntput\*5/);
    // The oops button is disabled now; the focus moved to a control that still works, not to the page.
    const focused = await page.evaluate(() => ({ act: (document.activeElement as HTMLElement | null)?.dataset.act, disabled: (document.activeElement as HTMLButtonElement | null)?.disabled }));
    expect(focused).toEqual({ act: 'undo', disabled: false });
    await page.keyboard.press('Enter'); // Undo, the control that has the focus
    expect(await page.locator('.nak-stepper-outcome').count()).toBe(0);
    expect(await page.locator('.nak-stepper-live').textContent()).toMatch(/^Undone\. Step 21: /);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the playground drawn at build time is the one the script draws: nothing moves when it arrives', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.route('**/*.js', (r) => r.abort());
    await page.goto(server.url + '/play/', { waitUntil: 'networkidle' });
    const drawn = await page.locator('.nak-stepper-view').innerHTML();
    await page.context().close();
    const { page: live } = await open('/play/');
    expect(await live.locator('.nak-stepper-view').innerHTML()).toBe(drawn);
    expect(await live.evaluate(() => location.hash)).toBe('');
    await live.context().close();
  });

  it('in a chapter, a reader steps the NAK trace to the oops with the keyboard alone, hears each step, and shares the link', async () => {
    const { page, errors } = await open('/chapters/07-just-past/');
    const cell = page.locator('figure.nak-cell').first();
    const open_ = cell.getByRole('button', { name: 'Step through it here' });
    await open_.focus();
    await page.keyboard.press('Enter');
    const next = cell.locator('button[data-act="next"]');
    await next.waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.act)).toBe('next');
    expect(await cell.locator('.nak-static').isHidden()).toBe(true);
    const heard: string[] = [];
    for (let i = 0; i < 23; i++) {
      await page.keyboard.press('n');
      heard.push((await cell.locator('.nak-stepper-live').textContent())!);
    }
    expect(heard[0]).toMatch(/^Step 1: init umount\(2\)\. /);
    expect(heard[22]).toMatch(/^Step 23: kworker:mntput kill_block_super\(sb1\)\. .*The kernel oopsed: /);
    expect(await cell.locator('.nak-stepper-outcome').textContent()).toMatch(/^The kernel oopsed: /);
    // The state diagram follows: the device is shut down, and the superblock is being killed.
    expect(await cell.locator('.nak-state-facts').textContent()).toContain('block device sda: shut down');
    // The next-step button is spent; the focus stayed in the stepper, on a control that works.
    expect(await page.evaluate(() => {
      const a = document.activeElement as HTMLButtonElement;
      return !!a.closest('.nak-stepper') && !a.disabled;
    })).toBe(true);
    const href = await cell.getByRole('link', { name: 'Link to this step' }).getAttribute('href');
    expect(href).toBe('/play/#just-past:init*6+kworker:fput*3+init*8+timer:mntput+kworker:mntput*5@23');
    // A colleague opening the link sees the same state.
    const facts = await cell.locator('.nak-state-facts').textContent();
    const { page: other } = await open(href!);
    await expect.poll(() => other.locator('.nak-stepper-outcome').textContent()).toMatch(/^The kernel oopsed: /);
    expect(await other.locator('.nak-state-facts').textContent()).toBe(facts);
    await other.context().close();
    // Close the stepper: the checked trace is back, and the focus on the button that opens it.
    await cell.getByRole('button', { name: /^Close the stepper/ }).click();
    expect(await cell.locator('.nak-static').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('without JavaScript a chapter shows its checked output and no control that would do nothing', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(server.url + '/chapters/07-just-past/', { waitUntil: 'networkidle' });
    expect(await page.locator('.nak-static .nak-trace').first().isVisible()).toBe(true);
    expect(await page.locator('.nak-live-open').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Step through it here' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Explore all here, in your browser' }).count()).toBe(0);
    await page.context().close();
  });

  it('"Explore all" runs every interleaving in a worker and finds what the page shows', async () => {
    const { page, errors } = await open('/chapters/07-just-past/');
    const cell = page.locator('figure.nak-cell', { has: page.locator('.nak-verdicts') }).first();
    await cell.getByRole('button', { name: 'Explore all here, in your browser' }).click();
    const status = cell.locator('.nak-explore-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Explored [\d,]+ states in \d+ ms in your browser: the same verdicts/);
    expect(await cell.locator('.nak-explore-live').getAttribute('data-same')).toBe('true');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`a chapter with a stepper open and an exploration run in the ${theme} theme has no accessibility violations (axe)`, async () => {
      const { page } = await open('/chapters/07-just-past/', theme);
      await page.getByRole('button', { name: 'Step through it here' }).first().click();
      await page.locator('.nak-stepper button[data-act="next"]').first().waitFor();
      await page.keyboard.press('n');
      await page.getByRole('button', { name: 'Explore all here, in your browser' }).first().click();
      await page.locator('.nak-explore-live[data-same]').waitFor();
      const r = await new AxeBuilder({ page }).analyze();
      const ours = r.violations.filter((v) => v.id !== 'label-content-name-mismatch').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(ours).toEqual([]);
      await page.context().close();
    });
  }

  it('a tampered playground link shows what is wrong and no run', async () => {
    for (const [hash, message] of [
      ['#just-pats:init', "unknown scenario 'just-pats'"],
      ['#just-past:init*3+kworker:mntput', "step 4: 'kworker:mntput' cannot run now"],
      ['#just%20past', 'the link should read #<scenario>:<schedule>'],
    ]) {
      const { page, errors } = await open(`/play/${hash}`);
      const alert = page.getByRole('alert');
      expect(await alert.textContent()).toContain(message);
      expect(await page.locator('#nak-play-body').isHidden()).toBe(true);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
