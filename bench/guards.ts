/**
 * The guards against bad input, timed against their budgets: a long schedule,
 * a scenario too large to explore, a module that never finishes loading. Each
 * runs in a child process (as a user runs `nak`), so its time includes start-up
 * and its memory is its own peak.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Guard {
  readonly name: string;
  /** A script for `node --input-type=module -e`, which must exit non-zero with the guard's message. */
  readonly script: string;
  readonly expect: RegExp;
  readonly budgetMs: number;
  readonly budgetMiB: number;
}

const dir = mkdtempSync(join(tmpdir(), 'nak-guards-'));
const hugeFile = join(dir, 'schedule.txt');
writeFileSync(hugeFile, 'init '.repeat(40_000_000)); // 200 MB

/** Run `main(argv)` in a child and report how it ended, its time and its peak memory. */
const cli = (argv: string[]) => `
import { main, exitStatusOf } from './src/cli/main.ts';
let code;
try { code = await main(${JSON.stringify(argv)}, { out: () => {}, err: (s) => process.stderr.write(s) }); }
catch (e) { process.stderr.write(e.message + '\\n'); code = exitStatusOf(e); }
process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n');
process.exit(code);`;

const GUARDS: Guard[] = [
  { name: '130 KB schedule (nak run)', script: cli(['run', 'just-past', '--schedule', 'init '.repeat(26_000)]), expect: /longer than 1000 steps/, budgetMs: 1000, budgetMiB: 200 },
  {
    name: '200 MB schedule (parse)',
    script: `
import { readFileSync } from 'node:fs';
import { parseSchedule } from './src/explore/schedule.ts';
const text = readFileSync(${JSON.stringify(hugeFile)}, 'latin1');
const t0 = performance.now();
try { parseSchedule(text, ['init']); } catch (e) { process.stderr.write(e.message + '\\n'); }
process.stderr.write('parse ms ' + (performance.now() - t0).toFixed(1) + '\\nmaxrss ' + process.resourceUsage().maxRSS + '\\n');
process.exit(2);`,
    expect: /longer than 1000 steps/,
    budgetMs: 1000,
    budgetMiB: 600,
  },
  { name: 'six kernel threads, unreduced (default limits)', script: cli(['explore', 'test/fixtures/scenarios/kthreads-6.ts', '--no-symmetry']), expect: /incomplete: .*max (seconds|memory|states)/, budgetMs: 5000, budgetMiB: 1024 },
  { name: 'module that loops at import', script: cli(['explore', 'test/fixtures/scenarios/loops-at-import.ts']), expect: /did not finish loading/, budgetMs: 10_000, budgetMiB: 300 },
];

export function measureGuards(): { rows: string[]; ok: boolean } {
  const rows = [`${'guard'.padEnd(46)} ${'ms'.padStart(7)} ${'budget'.padStart(7)} ${'MiB'.padStart(6)} ${'budget'.padStart(7)}  result`];
  let ok = true;
  try {
    for (const g of GUARDS) {
      const t0 = performance.now();
      const r = spawnSync('node', ['--input-type=module', '-e', g.script], { encoding: 'utf8', timeout: 60_000 });
      const ms = performance.now() - t0;
      // For the parse guard, the time that matters is the parse (reading 200 MB from disk is not the guard's).
      const parseMs = /parse ms ([0-9.]+)/.exec(r.stderr);
      const shownMs = parseMs ? Number(parseMs[1]) : ms;
      const mib = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
      const stopped = r.status !== 0 && g.expect.test(r.stderr);
      const pass = stopped && shownMs < g.budgetMs && mib < g.budgetMiB;
      ok &&= pass;
      rows.push(`${g.name.padEnd(46)} ${shownMs.toFixed(0).padStart(7)} ${String(g.budgetMs).padStart(7)} ${mib.toFixed(0).padStart(6)} ${String(g.budgetMiB).padStart(7)}  ${pass ? 'ok' : stopped ? 'OVER BUDGET' : `NOT STOPPED: ${r.stderr.trim().split('\n')[0]}`}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, ok };
}
