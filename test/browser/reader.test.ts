/**
 * The built site in Chromium as a reader uses it: the landing page, dark mode,
 * search from the keyboard, scrolling traces, the stepper in a chapter and in
 * the playground (by keyboard, and its links), "Explore all", the site under a
 * base path, and a chapter without JavaScript. (Every page's requests, errors
 * and axe are in pages.test.ts.)
 */
import { describe, expect, inject, it } from 'vitest';
import { axeViolations, CH1, CH2, CH7, useSite } from './chromium.ts';
import { serve } from './static-server.ts';

const site = useSite();
const open = (path: string, theme?: 'light' | 'dark') => site.open(path, { theme });

describe('the site published under a base path', () => {
  it("a cell's playground link opens the playground, under the base, with the cell's run", async () => {
    const { out, base } = inject('siteUnderBase');
    const under = await serve(out, base);
    const page = await (await site.browser().newContext()).newPage();
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

describe('the site in a browser', () => {
  it('tutorial: the landing page starts the reader on chapter 1', async () => {
    const { page, errors, close } = await open('/');
    await page.getByRole('link', { name: 'Start with chapter 1' }).click();
    await page.waitForURL(`**${CH1}`);
    expect(await page.title()).toBe('The crash and the patch | umount-wait-nak');
    expect(errors).toEqual([]);
    await close();
  });

  it('dark mode applies to the highlighted scenario source', async () => {
    // It picks the dark theme, which Starlight keeps in local storage: a context of its own.
    const { page, close } = await site.open(CH2, { own: {} });
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
    await close();
  });

  it('search opens from the keyboard and finds the chapter on lifetimes', async () => {
    const { page, close } = await open('/');
    await page.keyboard.press('Control+k');
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill('lifetimes');
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('href')).toContain(CH2);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pagefind-ui__search-input'))).toBe(true);
    await close();
  });

  it("a long trace keeps its lane header in view while it scrolls", async () => {
    const { page, close } = await open(CH7);
    const region = page.locator('.nak-scroll:has(.nak-trace)').first();
    const offset = await region.evaluate((el) => {
      el.scrollTop = 400;
      return el.querySelector('thead th')!.getBoundingClientRect().top - el.getBoundingClientRect().top;
    });
    expect(await region.evaluate((el) => el.scrollTop)).toBe(400);
    expect(Math.abs(offset)).toBeLessThan(2);
    await close();
  });

  it('wide traces scroll in a region that the keyboard can reach', async () => {
    const { page, close } = await open(CH1);
    const region = page.getByRole('region', { name: /^trace of kthread-lazy-umount, schedule / });
    await region.focus();
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    await close();
  });

  it('a trace cell links to the playground, which opens at step 0 of the same run and steps it from the keyboard', async () => {
    const { page, errors, close } = await open(CH1);
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
    await close();
  });

  it('the playground opens on the NAK trace of just-past, runs to the oops from the keyboard, says so, and keeps the focus', async () => {
    const { page, errors, close } = await open('/play/');
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
    await close();
  });

  it('the playground drawn at build time is the one the script draws: nothing moves when it arrives', async () => {
    const page = await (await site.browser().newContext()).newPage();
    await page.route('**/*.js', (r) => r.abort());
    await page.goto(site.url() + '/play/', { waitUntil: 'networkidle' });
    const drawn = await page.locator('.nak-stepper-view').innerHTML();
    await page.context().close();
    const { page: live, close: closeLive } = await open('/play/');
    expect(await live.locator('.nak-stepper-view').innerHTML()).toBe(drawn);
    expect(await live.evaluate(() => location.hash)).toBe('');
    await closeLive();
  });

  it('in a chapter, a reader steps the NAK trace to the oops with the keyboard alone, hears each step, and shares the link', async () => {
    const { page, errors, close } = await open(CH7);
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
    const { page: other, close: closeOther } = await open(href!);
    // Replaying 23 steps on a busy machine can take more than a poll's default second.
    await expect.poll(() => other.locator('.nak-stepper-outcome').textContent(), { timeout: 10_000 }).toMatch(/^The kernel oopsed: /);
    expect(await other.locator('.nak-state-facts').textContent()).toBe(facts);
    await closeOther();
    // Close the stepper: the checked trace is back, and the focus on the button that opens it.
    await cell.getByRole('button', { name: /^Close the stepper/ }).click();
    expect(await cell.locator('.nak-static').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('without JavaScript a chapter shows its checked output and no control that would do nothing', async () => {
    const page = await (await site.browser().newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(site.url() + CH7, { waitUntil: 'networkidle' });
    expect(await page.locator('.nak-static .nak-trace').first().isVisible()).toBe(true);
    expect(await page.locator('.nak-live-open').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Step through it here' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Explore all here, in your browser' }).count()).toBe(0);
    await page.context().close();
  });

  it('"Explore all" runs every interleaving in a worker and finds what the page shows', async () => {
    const { page, errors, close } = await open(CH7);
    const cell = page.locator('figure.nak-cell', { has: page.locator('.nak-verdicts') }).first();
    await cell.getByRole('button', { name: 'Explore all here, in your browser' }).click();
    const status = cell.locator('.nak-explore-status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Explored [\d,]+ states in \d+ ms in your browser: the same verdicts/);
    expect(await cell.locator('.nak-explore-live').getAttribute('data-same')).toBe('true');
    expect(errors).toEqual([]);
    await close();
  });

  it('a chapter with a stepper open and an exploration run has no accessibility violations (axe), nor of colour in the dark theme', async () => {
    const { page, close } = await open(CH7, 'light');
    await page.getByRole('button', { name: 'Step through it here' }).first().click();
    await page.locator('.nak-stepper button[data-act="next"]').first().waitFor();
    await page.keyboard.press('n');
    await page.getByRole('button', { name: 'Explore all here, in your browser' }).first().click();
    await page.locator('.nak-explore-live[data-same]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The themes differ only in colours (see pages.test.ts): the dark theme, switched in place, by the colour rules.
    await page.evaluate(() => void (document.documentElement.dataset.theme = 'dark'));
    expect(await axeViolations(page, 'colour')).toEqual([]);
    await close();
  });

  it('a tampered playground link shows what is wrong and no run', async () => {
    for (const [hash, message] of [
      ['#just-pats:init', "unknown scenario 'just-pats'"],
      ['#just-past:init*3+kworker:mntput', "step 4: 'kworker:mntput' cannot run now"],
      ['#just%20past', 'the link should read #<scenario>:<schedule>'],
    ]) {
      const { page, errors, close } = await open(`/play/${hash}`);
      const alert = page.getByRole('alert');
      expect(await alert.textContent()).toContain(message);
      expect(await page.locator('#nak-play-body').isHidden()).toBe(true);
      expect(errors).toEqual([]);
      await close();
    }
  });
});
