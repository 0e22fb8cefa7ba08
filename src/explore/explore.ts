/**
 * Exhaustive exploration: breadth-first over every interleaving, with equal
 * states merged by their canonical key. Breadth-first order makes each witness
 * a shortest schedule, and, among those, the first in task-declaration order.
 */
import { enabled } from '../model/step.ts';
import { checkedStep } from './checked-step.ts';
import type { Task, World } from '../model/world.ts';
import { PROPERTY_NAMES, observeEnd, observeStep } from '../properties/index.ts';
import { NakError } from '../errors.ts';
import type { Scenario, Situation, Verdict } from '../scenario/define.ts';
import { replay, startWorld } from './run.ts';
import { formatSchedule } from './schedule.ts';
import { DEFAULT_LIMITS, SLEEP_SET_BYTES, SearchBounds, type ExploreLimits } from './bounds.ts';
import { StateGraph } from './state-graph.ts';
import { StateKeys } from './state-key.ts';
import { Sequences } from './sequence-table.ts';
import { canonicalWorld, findSymmetry } from './symmetry.ts';
// Types only: the sleep-set search is passed in (options.partialOrder), so that the browser's explorer does not carry it.
import type { PartialOrderSearch, Sleeper, StartPartialOrder } from './sleep-sets.ts';
import type { StepResult } from '../model/step.ts';
import type { Observation } from '../properties/index.ts';
import { conditionHolds, describeCondition, isNamedStep, situationOf } from './situation.ts';

/**
 * A count of schedules: a number while it is a safe integer (below 2^53), else
 * its exact value as a decimal string (with a few kernel threads the count of
 * interleavings passes 2^53 quickly; a rounded count would be a wrong one).
 */
export type Count = number | string;

export function asCount(n: number | bigint): Count {
  return typeof n === 'bigint' ? n.toString() : n;
}

export interface PropertyResult {
  readonly reachable: boolean;
  readonly verdict: Verdict;
  readonly expected: Verdict;
  /** Shortest schedule to a state where the property has been seen. */
  readonly witness: string | null;
  readonly witnessSteps: number | null;
  readonly evidence: string | null;
  /** Shortest complete schedule in which the property is never seen. */
  readonly avoidedBy: string | null;
  /** How many of the complete schedules see the property. */
  readonly schedulesSeen: Count;
}

/** The situation an exploration was judged in, as the report shows it. */
export interface SituationReport {
  readonly name: string;
  readonly description: string;
  /** "init calls flush_delayed_fput while file1 is on delayed_fput_list" */
  readonly guard: string;
}

export interface ExploreReport {
  readonly scenario: string;
  /** Null for the whole scenario; else the runs counted are only those that meet this situation. */
  readonly situation: SituationReport | null;
  readonly complete: boolean;
  /** Why exploration stopped early; null when complete. */
  readonly incomplete: string | null;
  readonly states: number;
  readonly transitions: number;
  /** Final states: no task can run (in a situation: only those of runs that meet it). */
  readonly finalStates: number;
  /** Complete schedules (paths from the start to a final state), counted over the state graph (in a situation: only those that meet it). */
  readonly schedules: Count;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly properties: Readonly<Record<string, PropertyResult>>;
  /** Every verdict is the declared one. */
  readonly matches: boolean;
  /**
   * The reductions that were applied. With symmetry, `states`, `transitions` and
   * `finalStates` count one state per orbit of interchangeable kernel threads;
   * `schedules` and every property's `schedulesSeen` are still those of the unreduced graph.
   * With partial-order reduction, see PartialOrderReport.
   */
  readonly reductions: { readonly symmetry: SymmetryReport | null; readonly partialOrder: PartialOrderReport | null };
}

/**
 * Partial-order reduction by sleep sets (src/explore/sleep-sets.ts). Every state is
 * still stored, so `states`, `finalStates`, `depth`, the verdicts and the witness
 * lengths are the unreduced search's; `transitions` counts the steps explored,
 * and `schedules` and every `schedulesSeen` count the paths of the reduced graph.
 */
export interface PartialOrderReport {
  readonly method: 'sleep sets';
  /** What `transitions`, `schedules` and `schedulesSeen` count. */
  readonly counts: 'reduced graph';
}

export interface SymmetryReport {
  /** Each group of interchangeable kernel threads, by name. */
  readonly groups: ReadonlyArray<readonly string[]>;
}

/** A property set as bits, in PROPERTY_NAMES order. */
function bitsOf(seen: readonly string[]): number {
  let bits = 0;
  for (const p of seen) bits |= 1 << PROPERTY_NAMES.indexOf(p);
  return bits;
}

export interface ExploreOptions {
  /**
   * Partial-order reduction: `sleepSets` from src/explore/sleep-sets.ts, or none (the
   * default). Never used with a situation; symmetry is off with it.
   */
  readonly partialOrder?: StartPartialOrder;
  /** Store one state per orbit of interchangeable kernel threads (src/explore/symmetry.ts); on unless false. Never with a situation. */
  readonly symmetry?: boolean;
  /** Called every few hundred new states, e.g. to report progress from a worker. */
  readonly progress?: (states: number, transitions: number) => void;
}

const EXPLORE_OPTIONS: readonly string[] = ['symmetry', 'partialOrder', 'progress'];

/** How often (in new states) `progress` is called. */
const PROGRESS_EVERY = 1024;

const now = (): number => globalThis.performance.now();

/**
 * Explore every interleaving of `s`, or, with `situationName`, only the runs
 * that meet that situation of the scenario (see Situation in scenario/define.ts).
 */
export { DEFAULT_LIMITS, SearchBounds, type ExploreLimits } from './bounds.ts';

export function explore(s: Scenario, given: Partial<ExploreLimits> = {}, situationName?: string, options: ExploreOptions = {}): ExploreReport {
  for (const k of Object.keys(options)) {
    if (!EXPLORE_OPTIONS.includes(k)) throw new NakError('bad-usage', `explore: no option '${k}' (it takes ${EXPLORE_OPTIONS.join(', ')})`);
  }
  const limits: ExploreLimits = { ...DEFAULT_LIMITS, ...given };
  const sit: Situation | null = situationName === undefined ? null : situationOf(s, situationName);
  const t0 = now();
  const prelude = startWorld(s);
  const start = prelude.world;
  const keys = new StateKeys(start);
  // Partial-order reduction is asked for; it is never used with a situation (which names steps) and does not combine with symmetry.
  const por = options.partialOrder !== undefined && !sit;
  const groups = sit || por || options.symmetry === false ? [] : findSymmetry(start);
  const startPrograms = start.tasks.map((t) => t.program.slice());
  const held = new WeakMap<Task, string>();
  // The key a state is stored by. In a situation, whether the run has met it yet comes first; with symmetry, it is the key of the orbit's representative.
  const keyOf = sit
    ? (w: World, met: boolean): readonly number[] => keys.codes(w, met ? 1 : 0)
    : groups.length
      ? (w: World): readonly number[] => keys.codes(canonicalWorld(w, groups, startPrograms, held))
      : (w: World): readonly number[] => keys.codes(w);
  const met: boolean[] = [!sit];
  const taskNames = start.tasks.map((t) => t.name);
  const graph = new StateGraph(taskNames, keyOf(start, !sit));
  // Each state is read back from its key when it is expanded; with symmetry, from its own key (not its representative's), kept by state number.
  const own = groups.length ? new Sequences() : null;
  own?.append(keys.codes(start));
  const stateAt = (node: number): World => (own ? keys.decode(own.all(), own.start(node)) : keys.decode(graph.keys.all(), graph.keys.start(node) + (sit ? 1 : 0)));
  const firstSeen = new Map<string, { node: number; evidence: string }>();
  const avoided = new Map<string, number>();
  const alwaysBroken = new Set<string>();
  const finalSeen = new Map<number, readonly string[]>();
  let transitions = 0;
  let finalStates = 0;
  // Each stored state costs its key and its place in the graph; with symmetry, its own key too (as long as the other); with partial-order reduction, its sleep set.
  const bounds = new SearchBounds(limits, por ? SLEEP_SET_BYTES : 0);
  const keyCopies = own ? 2 : 1;
  let depth = 0;
  let incomplete: string | null = null;
  // A property the prelude already showed holds in every run from the start state.
  if (!sit) {
    for (const st of prelude.steps) {
      for (const o of st.observed) if (!firstSeen.has(o.property)) firstSeen.set(o.property, { node: 0, evidence: `in the prelude: ${o.evidence}` });
    }
  }

  // Partial-order reduction: the sleep sets, where each state stands, and the properties each stored state has seen (witnesses are found after the search).
  const sleep: PartialOrderSearch | null = por ? options.partialOrder!(start) : null;
  const seenBits: number[] = [bitsOf(start.seen)];

  let head = 0;
  while (!incomplete) {
    // The next state to expand, or, with partial-order reduction, a state to explore again for the tasks that woke there.
    let node: number;
    let world: World;
    let asleep: readonly Sleeper[] = [];
    let woke = -1;
    if (head < graph.size) {
      node = head++;
      world = stateAt(node);
      graph.expand(node);
      if (sleep) asleep = sleep.expand(node);
    } else {
      const a = sleep?.next();
      if (!a) break;
      // Exploring states again finds few new states, so admit() alone would seldom read the clock.
      incomplete = bounds.overTime();
      if (incomplete) break;
      ({ node, asleep, woke } = a);
      world = stateAt(node);
    }
    const can = enabled(world);
    if (can.length === 0 && woke !== -1) continue; // (a state explored again had tasks asleep, so it is never final)
    if (can.length === 0 && !met[node]) continue; // a run that never met the situation: cut
    if (can.length === 0) {
      finalStates++;
      const end = observeEnd(world);
      for (const o of end) if (!por && !firstSeen.has(o.property)) firstSeen.set(o.property, { node, evidence: o.evidence });
      finalSeen.set(node, world.seen);
      if (sleep) seenBits[node] = bitsOf(world.seen);
      for (const p of PROPERTY_NAMES) {
        if (!world.seen.includes(p)) {
          alwaysBroken.add(p);
          if (!por && !avoided.has(p)) avoided.set(p, node);
        }
      }
      continue;
    }
    const headDepth = graph.depth(node);
    if (headDepth >= limits.maxDepth) {
      incomplete = `a state ${headDepth} steps deep can still move (max depth ${limits.maxDepth})`;
      break;
    }
    // Where the step is, for a model error's replay hint (read only then).
    let stepping = '';
    const from = node;
    const place = { scenario: s.id, prelude: false, path: () => [...graph.stepsTo(from), stepping] };
    const taken: Sleeper[] = [];
    for (const name of can) {
      const task = taskNames.indexOf(name);
      if (sleep && (woke === -1 ? sleep.asleep(asleep, task) : (woke & (1 << task)) === 0)) continue;
      stepping = name;
      let childMet = met[node]!;
      if (sit && !childMet && isNamedStep(world, name, sit.at)) {
        if (!conditionHolds(world, sit.when)) continue; // the named step, with the condition false: cut
        childMet = true;
      }
      let r: StepResult;
      let observed: Observation[];
      let childSleep: Sleeper[] = [];
      if (sleep) {
        const watched = sleep.step(world, name, place);
        ({ r, observed } = watched);
        // A step explored again, for a task that woke, leaves out its siblings from the sleep set: fewer sleepers are always sound.
        childSleep = sleep.after(asleep, woke === -1 ? taken : [], watched.fp);
        taken.push({ task, fp: watched.fp });
      } else {
        r = checkedStep(world, name, place);
        observed = observeStep(r.world, r.event);
      }
      transitions++;
      const key = keyOf(r.world, childMet);
      let child = graph.find(key);
      if (child < 0) {
        incomplete = bounds.admit(graph.size, keyCopies * key.length);
        if (incomplete) break;
        child = graph.add(key, child, node, task);
        if (options.progress && child % PROGRESS_EVERY === 0) options.progress(child, transitions);
        met.push(childMet);
        own?.append(keys.codes(r.world));
        depth = Math.max(depth, headDepth + 1);
        if (sleep) {
          sleep.added(child, childSleep);
          seenBits[child] = bitsOf(r.world.seen);
        } else if (!sit) {
          for (const o of observed) if (!firstSeen.has(o.property)) firstSeen.set(o.property, { node: child, evidence: o.evidence });
        } else if (childMet) {
          // Seen in a run that meets the situation; the evidence is read off a replay below.
          for (const p of r.world.seen) if (!firstSeen.has(p)) firstSeen.set(p, { node: child, evidence: '' });
        }
      } else if (sleep) {
        sleep.reached(child, childSleep, child < head);
      }
      if (woke === -1) graph.addEdge(child, sleep ? task : undefined);
      else graph.addLateEdge(node, child, task);
    }
  }

  if (sleep && !incomplete) {
    // The reduced graph can first reach a state by a longer way: search it again for shortest paths, and take each witness from those.
    graph.seal();
    depth = 0;
    for (const i of graph.shortestPaths()) {
      depth = Math.max(depth, graph.depth(i));
      for (let p = 0; p < PROPERTY_NAMES.length; p++) {
        const name = PROPERTY_NAMES[p]!;
        if ((seenBits[i]! & (1 << p)) !== 0) {
          if (!firstSeen.has(name)) firstSeen.set(name, { node: i, evidence: '' });
        } else if (finalSeen.has(i) && !avoided.has(name)) avoided.set(name, i);
      }
    }
  }

  const elapsedMs = Math.round((now() - t0) * 10) / 10;
  const situation = sit ? { name: situationName!, description: sit.description, guard: `${sit.at.task} calls ${sit.at.call} while ${describeCondition(sit.when)}` } : null;
  const reductions = {
    symmetry: groups.length ? { groups: groups.map((g) => g.tasks.map((i) => taskNames[i]!)) } : null,
    partialOrder: por ? { method: 'sleep sets' as const, counts: 'reduced graph' as const } : null,
  };
  const base = { scenario: s.id, situation, states: graph.size, transitions, finalStates, depth, elapsedMs, reductions };
  if (incomplete) {
    return { ...base, complete: false, incomplete, schedules: 0, properties: {}, matches: false };
  }
  if (sit && finalStates === 0) {
    throw new NakError('bad-situation', `${s.id}: situation '${situationName}' holds in no run (${situation!.guard}): its verdicts would be vacuous`);
  }
  if (sit || por) {
    for (const [p, seen] of firstSeen) {
      if (seen.evidence === '') firstSeen.set(p, { node: seen.node, evidence: replay(s, formatSchedule(graph.stepsTo(seen.node))).firstSeen[p]?.evidence ?? p });
    }
  }
  // Only a final state ends a schedule (with partial-order reduction, a state whose every step sleeps has no edges and ends none).
  const counted = (i: number): number => (met[i] && finalSeen.has(i) ? 1 : 0);
  const paths = asCount(graph.countPaths(counted));
  const properties: Record<string, PropertyResult> = {};
  let matches = true;
  for (const p of PROPERTY_NAMES) {
    const seen = firstSeen.get(p);
    const verdict: Verdict = !seen ? 'never' : alwaysBroken.has(p) ? 'sometimes' : 'always';
    const expected = (sit ? sit.expect : s.expect)[p]!;
    if (verdict !== expected) matches = false;
    const avoid = avoided.get(p);
    properties[p] = {
      reachable: !!seen,
      verdict,
      expected,
      witness: seen ? formatSchedule(graph.stepsTo(seen.node)) : null,
      witnessSteps: seen ? graph.depth(seen.node) : null,
      evidence: seen?.evidence ?? null,
      avoidedBy: avoid === undefined ? null : formatSchedule(graph.stepsTo(avoid)),
      schedulesSeen: seen ? asCount(graph.countPaths((i) => (met[i] && finalSeen.get(i)?.includes(p) ? 1 : 0))) : 0,
    };
  }
  return { ...base, complete: true, incomplete: null, schedules: paths, properties, matches };
}
