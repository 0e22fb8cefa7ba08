/**
 * `npm test`'s time and its slowest files (bench/test-time.ts), the README's
 * `./nak` end to end (bench/nak-time.ts); then explores the whole catalogue and
 * reports states, states/s and time per scenario and in total, against the
 * budget: the whole catalogue in under 0.5 s. Then the explorer at scale
 * (bench/scaling.ts), the guards against bad input (bench/guards.ts), and, on one
 * build of the site: each page's weight, the script a chapter loads, "Explore
 * all" in the browser, layout shift on every page (bench/layout-shift.ts), and
 * Lighthouse on every page.
 * Each pass explores every scenario once; the figures are the median of 3 passes
 * (the first pass includes the JIT's warm-up, so it is reported too).
 */
import { explore } from '../src/explore/explore.ts';
import { catalogue } from '../src/scenario/catalogue.ts';
import { measureGuards } from './guards.ts';
import { measureScaling } from './scaling.ts';
import { measureBrowserExplore } from './browser-explore.ts';
import { measureLighthouse } from './lighthouse.ts';
import { measureLayoutShift } from './layout-shift.ts';
import { measureScripts, withBuiltSite } from './script-weight.ts';
import { measureSite } from './site-weight.ts';
import { measureNakTime } from './nak-time.ts';
import { measureTestTime } from './test-time.ts';

const tests = measureTestTime();
process.stdout.write(tests.rows.join('\n') + '\n\n');
const nak = measureNakTime();
process.stdout.write(nak.rows.join('\n') + '\n\n');

const BUDGET_MS = 500;
const PASSES = 3;
const scenarios = [...catalogue().values()];
const times = new Map<string, number[]>();
const states = new Map<string, number>();
const passTotals: number[] = [];

for (let pass = 0; pass < PASSES; pass++) {
  const t0 = performance.now();
  for (const s of scenarios) {
    const a = performance.now();
    const r = explore(s);
    const ms = performance.now() - a;
    if (!r.complete) throw new Error(`${s.id}: incomplete: ${r.incomplete}`);
    states.set(s.id, r.states);
    times.set(s.id, [...(times.get(s.id) ?? []), ms]);
  }
  passTotals.push(performance.now() - t0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
rows.push(`${'scenario'.padEnd(24)} ${'states'.padStart(7)} ${'ms'.padStart(8)} ${'states/s'.padStart(10)}`);
let totalStates = 0;
for (const s of scenarios) {
  const ms = median(times.get(s.id)!);
  const n = states.get(s.id)!;
  totalStates += n;
  rows.push(`${s.id.padEnd(24)} ${String(n).padStart(7)} ${ms.toFixed(1).padStart(8)} ${Math.round((n / ms) * 1000).toString().padStart(10)}`);
}
const total = median(passTotals);
rows.push(`${'total'.padEnd(24)} ${String(totalStates).padStart(7)} ${total.toFixed(1).padStart(8)} ${Math.round((totalStates / total) * 1000).toString().padStart(10)}`);
rows.push(`first (cold) pass: ${passTotals[0]!.toFixed(1)} ms`);
const ok = passTotals[0]! < BUDGET_MS;
rows.push(`budget: whole catalogue, cold, under ${BUDGET_MS} ms: ${ok ? 'ok' : 'OVER BUDGET'}`);
process.stdout.write(rows.join('\n') + '\n\n');
const scaling = measureScaling();
process.stdout.write(scaling.rows.join('\n') + '\n\n');
const guards = measureGuards();
process.stdout.write(guards.rows.join('\n') + '\n\n');
// One build of the site for the page weights, the scripts, "Explore all" in the browser and Lighthouse.
const site = await withBuiltSite(async (dir) => [measureSite(dir), measureScripts(dir), await measureBrowserExplore(dir), await measureLayoutShift(dir), await measureLighthouse(dir)] as const);
for (const part of site) process.stdout.write(part.rows.join('\n') + '\n\n');
process.exitCode = tests.ok && nak.ok && ok && scaling.ok && guards.ok && site.every((p) => p.ok) ? 0 : 1;
