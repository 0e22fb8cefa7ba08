/**
 * `npm test` against its budget, under 120 s on this machine kind, and the ten
 * slowest test files. Reported, not yet enforced: the suite takes 120 to 145 s
 * here, almost all of it CPU on two cores (Chromium's pages and axe, the three
 * builds, the type check), and a budget it misses half the time would only make
 * CI fail at random; `ok` is false only when the suite itself fails. The time is the one .ci/run measured for its own `npm test`
 * (NAK_TEST_SECONDS), so that CI does not run the suite twice; without it, this
 * runs `npm test` itself, with CI set so that Vitest writes its JSON report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

export const TEST_BUDGET_S = 120;
const REPORT = 'test-results/vitest.json';

interface VitestReport {
  numPassedTests: number;
  testResults: { name: string; startTime: number; endTime: number }[];
}

export function measureTestTime(): { rows: string[]; ok: boolean } {
  let seconds = Number(process.env.NAK_TEST_SECONDS);
  let source = 'as .ci/run measured it';
  if (!process.env.NAK_TEST_SECONDS) {
    const t0 = performance.now();
    const r = spawnSync('npm', ['test'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    seconds = (performance.now() - t0) / 1000;
    source = 'measured here';
    if (r.status !== 0) return { rows: [`npm test failed (exit ${r.status}):`, r.stderr.slice(-2000), 'budget: npm test: NOT MEASURED'], ok: false };
  }
  if (!Number.isFinite(seconds) || seconds <= 0) return { rows: [`NAK_TEST_SECONDS=${process.env.NAK_TEST_SECONDS} is not a number of seconds`, 'budget: npm test: NOT MEASURED'], ok: false };
  const rows = [`npm test: ${seconds.toFixed(1)} s (${source})`];
  if (existsSync(REPORT)) {
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as VitestReport;
    rows.push(`${report.numPassedTests} tests passed; the ten slowest files (wall time, side by side with others):`);
    const files = report.testResults.map((f) => ({ file: relative(process.cwd(), f.name), s: (f.endTime - f.startTime) / 1000 })).sort((a, b) => b.s - a.s);
    for (const f of files.slice(0, 10)) rows.push(`  ${f.s.toFixed(1).padStart(6)} s  ${f.file}`);
  }
  const within = seconds < TEST_BUDGET_S;
  rows.push(`budget: npm test under ${TEST_BUDGET_S} s (reported, not yet enforced): ${within ? 'ok' : 'OVER BUDGET'}`);
  return { rows, ok: true };
}

if (import.meta.main) {
  const r = measureTestTime();
  process.stdout.write(r.rows.join('\n') + '\n');
  process.exitCode = r.ok ? 0 : 1;
}
