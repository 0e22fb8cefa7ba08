/**
 * Layout shift as a reader on a laptop or a phone gets it: each page loaded four
 * times at 1350x940 and at 390x844, on a slow connection (150 ms, 200 KB/s) with
 * the CPU slowed four times, so that Chromium paints while the page is still
 * arriving; the worst cumulative shift of any load, against a budget of 0.1.
 * (Lighthouse's own runs are mobile only, and a shift that depends on when the
 * first paint falls shows in some loads and not others.)
 */
import { chromium } from 'playwright-core';
import { serve } from '../test/browser/static-server.ts';
import { sitePages } from './lighthouse.ts';

export const CLS_BUDGET = 0.1;
const LOADS = 4;
const VIEWPORTS = [
  { width: 1350, height: 940 },
  { width: 390, height: 844 },
];
const CHROMIUM = process.env.NAK_CHROMIUM || '/usr/bin/chromium';

export async function measureLayoutShift(siteDir: string): Promise<{ rows: string[]; ok: boolean }> {
  const server = await serve(siteDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const rows = [`${'layout shift (page)'.padEnd(40)} ${VIEWPORTS.map((v) => `${v.width}px`.padStart(8)).join(' ')}  worst of ${LOADS} loads`];
  let ok = true;
  const t0 = performance.now();
  try {
    for (const path of sitePages(siteDir)) {
      const worst: number[] = [];
      for (const viewport of VIEWPORTS) {
        let max = 0;
        for (let i = 0; i < LOADS; i++) {
          const context = await browser.newContext({ viewport });
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 50_000 });
          await page.addInitScript(() => {
            const w = window as unknown as { __cls: number };
            w.__cls = 0;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value;
            }).observe({ type: 'layout-shift', buffered: true });
          });
          await page.goto(server.url + path, { waitUntil: 'load' });
          await page.waitForTimeout(300);
          max = Math.max(max, await page.evaluate(() => (window as unknown as { __cls: number }).__cls));
          await context.close();
        }
        worst.push(max);
      }
      const over = worst.some((c) => !(c < CLS_BUDGET));
      ok &&= !over;
      rows.push(`${path.padEnd(40)} ${worst.map((c) => c.toFixed(3).padStart(8)).join(' ')}  ${over ? 'OVER BUDGET' : 'ok'}`);
    }
  } catch (e) {
    ok = false;
    rows.push(`layout shift could not be measured: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await browser.close();
    await server.close();
  }
  rows.push(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  rows.push(`budget: every page's worst layout shift under ${CLS_BUDGET}, at both widths: ${ok ? 'ok' : 'OVER BUDGET'}`);
  return { rows, ok };
}

if (import.meta.main) {
  const dir = process.argv[2];
  const { withBuiltSite } = await import('./script-weight.ts');
  const result = dir ? await measureLayoutShift(dir) : await withBuiltSite((out) => measureLayoutShift(out));
  process.stdout.write(result.rows.join('\n') + '\n');
  process.exitCode = result.ok ? 0 : 1;
}
