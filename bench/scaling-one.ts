/**
 * One row of the scaling benchmark, in its own process (so each heap starts
 * empty): explore N kernel threads in one mode (symmetry, plain: no reduction,
 * or por: partial-order reduction) and print the states, transitions, time and
 * memory held (heap and typed arrays) as JSON. Run with --expose-gc.
 * First one run that collects garbage at every progress report (every 1024 new
 * states) and samples the memory held then, so that the figure is what the explorer
 * holds, not garbage it has yet to collect (too small a search to report
 * progress gives none); it also warms the JIT up. Then five timed runs, each
 * after a garbage collection, of which the quickest is reported: a shared
 * 2-core machine is noisy, and the quickest run is the least disturbed.
 */
import { explore } from '../src/explore/explore.ts';
import { sleepSets } from '../src/explore/sleep-sets.ts';
import { kthreadsScenario } from './kthreads.ts';

const n = Number(process.argv[2]);
const mode = process.argv[3] ?? 'plain';
if (!['symmetry', 'plain', 'por'].includes(mode)) throw new Error(`mode must be symmetry, plain or por, not '${mode}'`);
const symmetry = mode === 'symmetry';
const partialOrder = mode === 'por' ? sleepSets : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const s = kthreadsScenario(n);
const limits = { maxStates: 2_000_000, maxSeconds: 20, maxMemoryMiB: 4096 };
// What the explorer holds: its objects on the heap, and the contents of its typed arrays (the keys), which live outside the heap.
const holding = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
gc();
const base = holding();
let held = 0;
let samples = 0;
const sample = () => {
  gc();
  samples++;
  held = Math.max(held, holding() - base);
};
const measured = explore(s, limits, undefined, { symmetry, partialOrder, progress: sample });
sample(); // once more at the end, with the report (and its counts) made
if (!measured.complete) throw new Error(`kthreads-${n}: the measured run stopped early (${measured.incomplete}): its memory would be an underestimate`);
const TIMED_RUNS = 5;
let ms = Infinity;
let r = measured;
for (let i = 0; i < TIMED_RUNS; i++) {
  gc(); // so that no run pays for collecting the one before it
  const t0 = performance.now();
  r = explore(s, limits, undefined, { symmetry, partialOrder });
  ms = Math.min(ms, performance.now() - t0);
}
process.stdout.write(JSON.stringify({ n, mode, complete: r.complete, incomplete: r.incomplete, states: r.states, transitions: r.transitions, ms, timedRuns: TIMED_RUNS, peakBytes: samples ? held : null, schedules: r.schedules }) + '\n');
