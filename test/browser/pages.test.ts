/**
 * Every page of the built site in Chromium: it makes no request to another host,
 * logs no error, and axe finds no accessibility violation of ours, in the light
 * theme and then, switched to the dark theme in place, none of the colour rules'
 * (the themes differ only in colours; a test below loads pages in each theme and
 * checks that every other rule has the same outcome). On a phone nothing scrolls
 * the page sideways.
 */
import { describe, expect, it } from 'vitest';
import { axeResults, axeViolations, CH7, CHAPTERS, COLOUR_RULES, useSite } from './chromium.ts';

const site = useSite();

/** The NAK's trace in the playground, at its start and at its end. */
const PLAY_RUNS = ['/play/#just-past:init*6', '/play/#just-past:init*6+kworker:fput*3+init*8+timer:mntput+kworker:mntput*5@23'];
const PAGES = ['/', ...CHAPTERS, '/play/', ...PLAY_RUNS, '/no-such-page/'];

describe.concurrent('every page', () => {
  for (const path of PAGES) {
    it(`${path} makes no request to another host, logs no error, and has no accessibility violations (axe) in the light theme, nor of colour in the dark`, async () => {
      const { page, requests, errors, close } = await site.open(path, { theme: 'light' });
      try {
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
        expect(requests.filter((u) => !u.startsWith(site.url()) && !u.startsWith('data:'))).toEqual([]);
        // A page that does not exist is served with status 404, which Chromium reports as a console error.
        const expected = path === '/no-such-page/' ? ['Failed to load resource: the server responded with a status of 404 (Not Found)'] : [];
        expect(errors).toEqual(expected);
        if (path === '/no-such-page/') expect(await page.getByRole('link', { name: 'Back to the start' }).getAttribute('href')).toBe('/');
        expect(await axeViolations(page)).toEqual([]);
        // As Starlight's theme picker does, less the stored choice (the page is shared between tests).
        await page.evaluate(() => void (document.documentElement.dataset.theme = 'dark'));
        expect(await axeViolations(page, 'colour')).toEqual([]);
        expect(errors).toEqual(expected);
      } finally {
        await close();
      }
    });
  }

  // The landing page and the chapter with the stepper's trace: the themes' CSS is the site's, not a page's.
  for (const path of ['/', CH7]) {
    it(`${path}, loaded in each theme: every axe rule but the colour rules has the same outcome, and the dark page loads as cleanly`, async () => {
      const [light, dark] = await Promise.all((['light', 'dark'] as const).map(async (theme) => {
        const { page, requests, errors, close } = await site.open(path, { theme });
        try {
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          expect(requests.filter((u) => !u.startsWith(site.url()) && !u.startsWith('data:'))).toEqual([]);
          expect(errors).toEqual([]);
          return await axeResults(page);
        } finally {
          await close();
        }
      }));
      for (const rule of COLOUR_RULES) {
        expect(dark.get(rule)).not.toContain('violations');
        light.delete(rule);
        dark.delete(rule);
      }
      expect(light.size).toBeGreaterThan(50);
      expect(dark).toEqual(light);
    });
  }
});

describe.concurrent('on a phone (390 px wide)', () => {
  for (const path of CHAPTERS) {
    it(`${path}: nothing scrolls the page sideways, and every OOPS badge is in view`, async () => {
      const { page, close } = await site.open(path, { viewport: { width: 390, height: 844 } });
      try {
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
        await close();
      }
    });
  }
});
