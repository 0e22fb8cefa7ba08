/**
 * "Explore all" in the browser, as a reader gets it: the site's own explore
 * worker, in Debian's Chromium, on every scenario of the catalogue, timed from
 * the request to the report. Budget: each under 1 s.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { reportText } from '../src/explore/report.ts';
import { explore } from '../src/explore/explore.ts';
import { catalogue } from '../src/scenario/catalogue.ts';
import { serve } from '../test/browser/static-server.ts';

const BUDGET_MS = 1000;
const CHROMIUM = process.env.NAK_CHROMIUM || '/usr/bin/chromium';

export async function measureBrowserExplore(siteDir: string): Promise<{ rows: string[]; ok: boolean }> {
  const worker = readdirSync(join(siteDir, '_astro')).find((f) => /^explore-worker.*\.js$/.test(f));
  if (!worker) return { rows: ['explore in the browser: no explore worker in the build: OVER BUDGET'], ok: false };
  const server = await serve(siteDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/404.html`);
    const ids = [...catalogue().keys()];
    const times = await page.evaluate(
      async ({ url, ids }) => {
        const w = new Worker(url, { type: 'module' });
        const out: Record<string, { ms: number; text: string } | string> = {};
        for (const id of ids) {
          const t0 = performance.now();
          const m = await new Promise<{ type: string; message?: string; text?: string }>((resolve) => {
            w.onmessage = (e) => e.data.type !== 'progress' && resolve(e.data);
            w.onerror = (e) => resolve({ type: 'error', message: e.message || 'the worker failed to load' });
            w.postMessage({ scenario: id, situation: null });
          });
          out[id] = m.type === 'done' ? { ms: performance.now() - t0, text: m.text! } : `error: ${m.message}`;
        }
        w.terminate();
        return out;
      },
      { url: `/_astro/${worker}`, ids },
    );
    const rows = [`${'explore in the browser (worker)'.padEnd(32)} ${'ms'.padStart(8)}`];
    let ok = true;
    let worst = 0;
    for (const [id, t] of Object.entries(times)) {
      // The browser's report must be the one Node's explorer gives, verdicts, counts and witnesses (the elapsed time aside).
      const s = catalogue().get(id)!;
      const same = typeof t !== 'string' && t.text === reportText(s, explore(s));
      if (!same) ok = false;
      if (typeof t !== 'string') worst = Math.max(worst, t.ms);
      rows.push(`${id.padEnd(32)} ${(typeof t === 'string' ? t : t.ms.toFixed(1)).padStart(8)}${typeof t !== 'string' && !same ? '  DIFFERS from nak explore' : ''}`);
    }
    ok &&= worst < BUDGET_MS;
    rows.push(`budget: "Explore all" of every book scenario in the browser, each under ${BUDGET_MS} ms (slowest ${worst.toFixed(0)} ms): ${ok ? 'ok' : 'OVER BUDGET'}`);
    return { rows, ok };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.main) {
  const r = await measureBrowserExplore(process.argv[2]!);
  process.stdout.write(r.rows.join('\n') + '\n');
  process.exitCode = r.ok ? 0 : 1;
}
