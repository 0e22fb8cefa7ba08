/**
 * One row of the scaling benchmark, in its own process (so each heap starts
 * empty): explore N kernel threads, with or without symmetry, and print the
 * states, time and peak heap as JSON. Run with --expose-gc.
 */
import { explore } from '../src/explore/explore.ts';
import { kthreadsScenario } from './kthreads.ts';

const n = Number(process.argv[2]);
const symmetry = process.argv[3] === 'symmetry';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const s = kthreadsScenario(n);
gc();
const base = process.memoryUsage().heapUsed;
let peak = base;
const sample = () => void (peak = Math.max(peak, process.memoryUsage().heapUsed));
const t0 = performance.now();
const r = explore(s, { maxStates: 2_000_000, maxSeconds: 20, maxMemoryMiB: 4096 }, undefined, { symmetry, progress: sample });
const ms = performance.now() - t0;
sample();
process.stdout.write(JSON.stringify({ n, symmetry, complete: r.complete, incomplete: r.incomplete, states: r.states, ms, peakBytes: peak - base, schedules: r.schedules }) + '\n');
