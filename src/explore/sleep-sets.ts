/**
 * Partial-order reduction by sleep sets (Godefroid, "Partial-Order Methods for
 * the Verification of Concurrent Systems", 1996, chapter 5), with the states
 * stored as in the rest of the explorer. When a state's successors are taken in
 * order, a task whose step commutes with a step already taken from that state is
 * put to sleep in the later successor: its step there would only reach, in the
 * other order, a state the earlier branch reaches. It sleeps on until a step
 * that does not commute with it is taken. Commuting is decided per state, from
 * what both steps touched there (src/explore/footprint.ts).
 *
 * What it keeps: every reachable state is still stored (so every final state,
 * every verdict, and every state's shortest distance: the explorer searches the
 * reduced graph again for shortest paths, and each witness is a real schedule of
 * the same length as the unreduced search's). What it cuts: transitions, and so
 * the steps taken; the schedules counted are the paths of the reduced graph.
 *
 * A state reached again with a smaller sleep set is explored again for the
 * tasks that woke (the fix for stored states, Godefroid's section 5.3), so no
 * state is missed because the first way to it slept more.
 */
import { NakError } from '../errors.ts';
import type { StepResult } from '../model/step.ts';
import type { World } from '../model/world.ts';
import { observeStep, type Observation } from '../properties/index.ts';
import { checkedStep, type StepPlace } from './checked-step.ts';
import { Locations, StepWatch, type Footprint } from './footprint.ts';

/** A task asleep in a state, with the footprint its step has there (the same as where it fell asleep: nothing since touched what it reads). */
export interface Sleeper {
  readonly task: number;
  readonly fp: Footprint;
}

/** A state to explore again, for the tasks that woke there. */
export interface Awakening {
  readonly node: number;
  /** The tasks to explore, as a bit set of task numbers. */
  readonly woke: number;
  /** The sleep set to explore them with. */
  readonly asleep: readonly Sleeper[];
}

/** Bit sets of task numbers fit in 31 bits. */
const MAX_TASKS = 31;

/** What the explorer asks of a partial-order search (see explore.ts). */
export interface PartialOrderSearch {
  expand(node: number): readonly Sleeper[];
  asleep(z: readonly Sleeper[], task: number): boolean;
  /** One step and its monitors, with what they touched. */
  step(world: World, name: string, place: StepPlace): { r: StepResult; observed: Observation[]; fp: Footprint };
  after(z: readonly Sleeper[], taken: readonly Sleeper[], fp: Footprint): Sleeper[];
  added(node: number, z: readonly Sleeper[]): void;
  reached(node: number, z: readonly Sleeper[], expanded: boolean): void;
  next(): Awakening | undefined;
}

/** How the explorer starts a partial-order search, from the start state: `sleepSets` is one. */
export type StartPartialOrder = (start: World) => PartialOrderSearch;

/** Partial-order reduction by sleep sets, for explore()'s `partialOrder` option. */
export const sleepSets: StartPartialOrder = (start) => new SleepSets(start);

export class SleepSets implements PartialOrderSearch {
  /** Per stored state: its sleep set, as a bit set (the intersection of every way in). */
  private readonly masks: number[] = [0];
  /** The sleepers of each state not yet expanded. */
  private readonly pending = new Map<number, readonly Sleeper[]>([[0, []]]);
  /** The states to explore again, in order; those before `nextAgain` are done (and let go). */
  private readonly again: Array<Awakening | undefined> = [];
  private nextAgain = 0;
  private readonly locs: Locations;

  constructor(start: World) {
    const tasks = start.tasks.length;
    if (tasks > MAX_TASKS) throw new NakError('bound-exceeded', `partial-order reduction handles at most ${MAX_TASKS} tasks; this scenario has ${tasks} (explore it without --por)`);
    this.locs = new Locations(start);
  }

  /**
   * One step, and the monitors after it, through a view that notes what they
   * read; what the step changed is found after it. The task's own record is
   * always read and written (every step consumes one of its calls).
   */
  step(world: World, name: string, place: StepPlace): { r: StepResult; observed: Observation[]; fp: Footprint } {
    const watch = new StepWatch(this.locs);
    const view = (w: World) => watch.view(w);
    const r = checkedStep(world, name, place, view);
    watch.finish(world, r.world);
    const observed = observeStep(view(r.world), r.event);
    const own = this.locs.record('task', name);
    watch.fp.read(own);
    watch.fp.write(own);
    return { r, observed, fp: watch.fp };
  }

  /** The sleepers of a state about to be expanded for the first time. */
  expand(node: number): readonly Sleeper[] {
    const z = this.pending.get(node)!;
    this.pending.delete(node);
    return z;
  }

  asleep(z: readonly Sleeper[], task: number): boolean {
    return z.some((e) => e.task === task);
  }

  /** The sleep set after a step with footprint `fp`: those of `z`, and of the steps already taken from the state, that commute with it. */
  after(z: readonly Sleeper[], taken: readonly Sleeper[], fp: Footprint): Sleeper[] {
    const out: Sleeper[] = [];
    for (const e of z) if (e.fp.independentOf(fp)) out.push(e);
    for (const e of taken) if (e.fp.independentOf(fp)) out.push(e);
    return out;
  }

  /** A new state, first reached with sleep set `z`. */
  added(node: number, z: readonly Sleeper[]): void {
    this.masks[node] = maskOf(z);
    this.pending.set(node, z);
  }

  /**
   * A stored state reached again with sleep set `z`: it keeps only the sleepers
   * both ways in have; if it was expanded already, the tasks that woke are queued
   * to be explored from it.
   */
  reached(node: number, z: readonly Sleeper[], expanded: boolean): void {
    const old = this.masks[node]!;
    const both = old & maskOf(z);
    if (both === old) return;
    this.masks[node] = both;
    const kept = z.filter((e) => (both & (1 << e.task)) !== 0);
    if (expanded) this.again.push({ node, woke: old & ~both, asleep: kept });
    else this.pending.set(node, this.pending.get(node)!.filter((e) => (both & (1 << e.task)) !== 0));
  }

  /** The next state to explore again, if any. */
  next(): Awakening | undefined {
    const a = this.again[this.nextAgain];
    if (a) this.again[this.nextAgain++] = undefined;
    return a;
  }
}

function maskOf(z: readonly Sleeper[]): number {
  let m = 0;
  for (const e of z) m |= 1 << e.task;
  return m;
}
