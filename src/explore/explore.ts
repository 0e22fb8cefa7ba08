/**
 * Exhaustive exploration: breadth-first over every interleaving, with equal
 * states merged by their canonical key. Breadth-first order makes each witness
 * a shortest schedule, and, among those, the first in task-declaration order.
 */
import { enabled } from '../model/step.ts';
import { checkedStep } from './checked-step.ts';
import { stateKey, type World } from '../model/world.ts';
import { PROPERTY_NAMES, observeEnd, observeStep } from '../properties/index.ts';
import { NakError } from '../errors.ts';
import type { Scenario, Situation, Verdict } from '../scenario/define.ts';
import { replay, startWorld } from './run.ts';
import { formatSchedule } from './schedule.ts';
import { conditionHolds, describeCondition, isNamedStep, situationOf } from './situation.ts';

export interface ExploreLimits {
  /** Stop (incomplete) once this many distinct states have been found. */
  readonly maxStates: number;
  /** Stop (incomplete) if a state this many steps deep can still move. */
  readonly maxDepth: number;
  /** Stop (incomplete) after this many seconds of exploring. */
  readonly maxSeconds: number;
  /**
   * Stop (incomplete) once the states the explorer holds come to about this many MiB, by
   * a deterministic estimate (key bytes plus a fixed cost per state, and the states still
   * to expand), so the bound trips at the same state wherever the explorer runs.
   */
  readonly maxMemoryMiB: number;
}

/**
 * Bounds that stop a scenario too large to finish within a few seconds and
 * well under 1 GiB; the book's scenarios need a fraction of each.
 */
export const DEFAULT_LIMITS: ExploreLimits = { maxStates: 200_000, maxDepth: 500, maxSeconds: 3, maxMemoryMiB: 768 };

/** How often (in new states) the clock and the memory estimate are read. */
const CHECK_EVERY = 256;

/** Estimated bytes per stored state beyond its key: map entry, node, successor list. */
const PER_STATE_BYTES = 160;
/** A state still to expand is held as objects, a few times the size of its key. */
const FRONTIER_FACTOR = 4;

/**
 * The bounds of one search (the explorer's or a map's): states, time, and a
 * deterministic estimate of the memory the stored states and the frontier take.
 */
export class SearchBounds {
  private readonly limits: ExploreLimits;
  private readonly t0 = globalThis.performance.now();
  private heldBytes = 0;
  constructor(limits: ExploreLimits) {
    this.limits = limits;
  }

  /** Before storing state number `stored` (with a key of `keyLength`): null, or why the search must stop. */
  admit(stored: number, keyLength: number): string | null {
    const l = this.limits;
    if (stored >= l.maxStates) return `more than ${l.maxStates} states (max states ${l.maxStates})`;
    if (stored % CHECK_EVERY === 0) {
      if ((globalThis.performance.now() - this.t0) / 1000 > l.maxSeconds) return `still going after ${l.maxSeconds} s (max seconds ${l.maxSeconds})`;
      const mib = this.heldBytes / 1048576;
      if (mib > l.maxMemoryMiB) return `holding about ${Math.round(mib)} MiB of states (max memory ${l.maxMemoryMiB} MiB)`;
    }
    this.heldBytes += keyLength + PER_STATE_BYTES + keyLength * FRONTIER_FACTOR;
    return null;
  }

  /** A stored state has been expanded: its world is no longer held. */
  expanded(keyLength: number): void {
    this.heldBytes -= keyLength * FRONTIER_FACTOR;
  }
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
  readonly schedulesSeen: number;
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
  readonly schedules: number;
  readonly depth: number;
  readonly elapsedMs: number;
  readonly properties: Readonly<Record<string, PropertyResult>>;
  /** Every verdict is the declared one. */
  readonly matches: boolean;
}

interface Node {
  readonly parent: number;
  readonly via: string;
  readonly depth: number;
  /** Length of the state's key, for the memory estimate. */
  readonly keyBytes: number;
}

/** The steps from the start to node `index`, following each node's parent. */
export function stepsTo(nodes: ReadonlyArray<{ readonly parent: number; readonly via: string }>, index: number): string[] {
  const names: string[] = [];
  for (let i = index; i > 0; i = nodes[i]!.parent) names.push(nodes[i]!.via);
  return names.reverse();
}

function pathTo(nodes: readonly Node[], index: number): string {
  return formatSchedule(stepsTo(nodes, index));
}

const now = (): number => globalThis.performance.now();

/**
 * Explore every interleaving of `s`, or, with `situationName`, only the runs
 * that meet that situation of the scenario (see Situation in scenario/define.ts).
 */
export function explore(s: Scenario, given: Partial<ExploreLimits> = {}, situationName?: string): ExploreReport {
  const limits: ExploreLimits = { ...DEFAULT_LIMITS, ...given };
  const sit: Situation | null = situationName === undefined ? null : situationOf(s, situationName);
  const t0 = now();
  const prelude = startWorld(s);
  const start = prelude.world;
  // In a situation, whether the run has met it yet is part of the state.
  const keyOf = (w: World, met: boolean): string => (sit ? (met ? 'met:' : 'not-yet:') : '') + stateKey(w);
  const met: boolean[] = [!sit];
  const index = new Map<string, number>([[keyOf(start, !sit), 0]]);
  const nodes: Node[] = [{ parent: -1, via: '', depth: 0, keyBytes: 0 }];
  const worlds: Array<World | null> = [start];
  const successors: number[][] = [];
  const firstSeen = new Map<string, { node: number; evidence: string }>();
  const avoided = new Map<string, number>();
  const alwaysBroken = new Set<string>();
  const finalSeen = new Map<number, readonly string[]>();
  let transitions = 0;
  let finalStates = 0;
  const bounds = new SearchBounds(limits);
  let depth = 0;
  let incomplete: string | null = null;
  // A property the prelude already showed holds in every run from the start state.
  if (!sit) {
    for (const st of prelude.steps) {
      for (const o of st.observed) if (!firstSeen.has(o.property)) firstSeen.set(o.property, { node: 0, evidence: `in the prelude: ${o.evidence}` });
    }
  }

  for (let head = 0; head < worlds.length && !incomplete; head++) {
    const world = worlds[head]!;
    worlds[head] = null;
    const node = nodes[head]!;
    bounds.expanded(node.keyBytes);
    const can = enabled(world);
    successors[head] = [];
    if (can.length === 0 && !met[head]) continue; // a run that never met the situation: cut
    if (can.length === 0) {
      finalStates++;
      const end = observeEnd(world);
      for (const o of end) if (!firstSeen.has(o.property)) firstSeen.set(o.property, { node: head, evidence: o.evidence });
      finalSeen.set(head, world.seen);
      for (const p of PROPERTY_NAMES) {
        if (!world.seen.includes(p)) {
          alwaysBroken.add(p);
          if (!avoided.has(p)) avoided.set(p, head);
        }
      }
      continue;
    }
    if (node.depth >= limits.maxDepth) {
      incomplete = `a state ${node.depth} steps deep can still move (max depth ${limits.maxDepth})`;
      break;
    }
    for (const name of can) {
      let childMet = met[head]!;
      if (sit && !childMet && isNamedStep(world, name, sit.at)) {
        if (!conditionHolds(world, sit.when)) continue; // the named step, with the condition false: cut
        childMet = true;
      }
      const r = checkedStep(world, name, { scenario: s.id, prelude: false, path: () => [...stepsTo(nodes, head), name] });
      const observed = observeStep(r.world, r.event);
      transitions++;
      const key = keyOf(r.world, childMet);
      let child = index.get(key);
      if (child === undefined) {
        incomplete = bounds.admit(nodes.length, key.length);
        if (incomplete) break;
        child = nodes.length;
        index.set(key, child);
        nodes.push({ parent: head, via: name, depth: node.depth + 1, keyBytes: key.length });
        met.push(childMet);
        worlds.push(r.world);
        depth = Math.max(depth, node.depth + 1);
        if (!sit) {
          for (const o of observed) if (!firstSeen.has(o.property)) firstSeen.set(o.property, { node: child, evidence: o.evidence });
        } else if (childMet) {
          // Seen in a run that meets the situation; the evidence is read off a replay below.
          for (const p of r.world.seen) if (!firstSeen.has(p)) firstSeen.set(p, { node: child, evidence: '' });
        }
      }
      successors[head]!.push(child);
    }
  }

  const elapsedMs = Math.round((now() - t0) * 10) / 10;
  const situation = sit ? { name: situationName!, description: sit.description, guard: `${sit.at.task} calls ${sit.at.call} while ${describeCondition(sit.when)}` } : null;
  const base = { scenario: s.id, situation, states: nodes.length, transitions, finalStates, depth, elapsedMs };
  if (incomplete) {
    return { ...base, complete: false, incomplete, schedules: 0, properties: {}, matches: false };
  }
  if (sit && finalStates === 0) {
    throw new NakError('bad-situation', `${s.id}: situation '${situationName}' holds in no run (${situation!.guard}): its verdicts would be vacuous`);
  }
  if (sit) {
    for (const [p, seen] of firstSeen) {
      if (seen.evidence === '') firstSeen.set(p, { node: seen.node, evidence: replay(s, pathTo(nodes, seen.node)).firstSeen[p]?.evidence ?? p });
    }
  }
  const counted = (i: number): number => (met[i] ? 1 : 0);
  const paths = countPaths(successors, counted);
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
      witness: seen ? pathTo(nodes, seen.node) : null,
      witnessSteps: seen ? nodes[seen.node]!.depth : null,
      evidence: seen?.evidence ?? null,
      avoidedBy: avoid === undefined ? null : pathTo(nodes, avoid),
      schedulesSeen: seen ? countPaths(successors, (i) => (met[i] && finalSeen.get(i)!.includes(p) ? 1 : 0)) : 0,
    };
  }
  return { ...base, complete: true, incomplete: null, schedules: paths, properties, matches };
}

/**
 * The number of complete schedules (paths from the start to a final state),
 * each final state weighted by `atFinal`, counted over the state graph in post-order (the graph has no cycles: every
 * step consumes a call or moves a work item on).
 */
export function countPaths(successors: readonly number[][], atFinal: (state: number) => number): number {
  const memo = new Array<number>(successors.length).fill(-1);
  const open = new Uint8Array(successors.length);
  const stack: number[] = [0];
  while (stack.length) {
    const i = stack[stack.length - 1]!;
    const succ = successors[i]!;
    open[i] = 1;
    const pending = succ.filter((c) => memo[c] === -1);
    if (pending.length) {
      if (pending.some((c) => open[c] === 1)) throw new Error('the state graph has a cycle: a run need not end');
      stack.push(...pending);
      continue;
    }
    stack.pop();
    open[i] = 0;
    memo[i] = succ.length === 0 ? atFinal(i) : succ.reduce((a, c) => a + memo[c]!, 0);
  }
  return memo[0]!;
}
