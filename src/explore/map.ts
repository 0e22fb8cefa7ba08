/**
 * A map: every complete schedule of a scenario, sorted by where a marked step
 * falls among another task's steps (chapter 9: where the kernel thread's final
 * fput() falls among init's) and by how the run ends. Breadth-first over the
 * same state graph as the explorer, with the mark's position added to the state.
 */
import { NakError } from '../errors.ts';
import { callLabel, enabled } from '../model/step.ts';
import type { World } from '../model/world.ts';
import { observeEnd, observeStep } from '../properties/index.ts';
import type { Mark, Scenario } from '../scenario/define.ts';
import { checkedStep } from './checked-step.ts';
import { DEFAULT_LIMITS, SearchBounds, type ExploreLimits } from './bounds.ts';
import { StateGraph } from './state-graph.ts';
import { StateKeys } from './state-key.ts';
import { startWorld } from './run.ts';
import { conditionHolds, isNamedStep } from './situation.ts';

/** How a run ends, as the map sorts it. */
export const OUTCOMES = ['clean restart', 'restart with a live filesystem', 'oops'] as const;
export type Outcome = (typeof OUTCOMES)[number] | 'no restart';

export interface MapRow {
  /** "before umount(2)", "after do_umount(mnt1)", "after mntput_no_expire(mnt1) #2", or "never". */
  readonly position: string;
  /** How many steps the measured task had taken; null for "never". */
  readonly progress: number | null;
  readonly counts: Readonly<Record<Outcome, number>>;
}

export interface MapReport {
  readonly scenario: string;
  readonly kernel: string;
  readonly mark: string;
  readonly description: string;
  readonly schedules: number;
  readonly rows: readonly MapRow[];
}

interface Node {
  /** Before the mark: the measured task's calls so far; after it, null. */
  readonly history: readonly string[] | null;
  /** After the mark: its position; before it, null. */
  readonly position: string | null;
}

function markOf(s: Scenario, name: string): Mark {
  const m = s.marks?.[name];
  if (!m) throw new NakError('bad-usage', `${s.id} has no mark '${name}'; it has: ${Object.keys(s.marks ?? {}).join(', ') || 'none'}`);
  return m;
}

/** The row a mark falls in, from the measured task's calls before it. */
function positionOf(history: readonly string[], first: string): string {
  if (history.length === 0) return `before ${first}`;
  const last = history[history.length - 1]!;
  const n = history.filter((c) => c === last).length;
  return `after ${last}${n > 1 ? ` #${n}` : ''}`;
}

function outcomeOf(w: World): Outcome {
  if (w.halted === 'oops') return 'oops';
  if (w.halted !== 'restart') return 'no restart';
  return w.seen.includes('device-shutdown-under-live-fs') ? 'restart with a live filesystem' : 'clean restart';
}

export function mapMark(s: Scenario, markName: string, bounds: Partial<ExploreLimits> = {}): MapReport {
  const mark = markOf(s, markName);
  const start = startWorld(s).world;
  const measured = start.tasks.find((t) => t.name === mark.progressOf)!;
  const first = callLabel((measured.stack[0] ?? measured.program[0])!);
  const keys = new StateKeys(start);
  // Where the run stands with the mark is part of the state: its position, or the calls so far before it, numbered in the order met.
  const stands = new Map<string, number>();
  const keyOf = (w: World, n: Node): readonly number[] => {
    const at = n.position ?? `pre:${n.history!.join(',')}`;
    let code = stands.get(at);
    if (code === undefined) stands.set(at, (code = stands.size));
    if (code > 0xffff) throw new NakError('bound-exceeded', `${s.id}: map of ${markName}: more than ${0x10000} ways to stand with the mark; no map`);
    return keys.codes(w, code);
  };
  const taskNames = start.tasks.map((t) => t.name);
  const nodes: Node[] = [{ history: [], position: null }];
  const limits = new SearchBounds({ ...DEFAULT_LIMITS, ...bounds });
  const graph = new StateGraph(taskNames, keyOf(start, nodes[0]!));
  const finals = new Map<number, { position: string; outcome: Outcome }>();
  const order = new Map<string, number>();
  for (let head = 0; head < graph.size; head++) {
    // Each state is read back from its key (after where it stands with the mark) when it is expanded, as the explorer does.
    const world = keys.decode(graph.keys.all(), graph.keys.start(head) + 1);
    const node = nodes[head]!;
    graph.expand(head);
    const can = enabled(world);
    if (can.length === 0) {
      observeEnd(world);
      finals.set(head, { position: node.position ?? 'never', outcome: outcomeOf(world) });
      continue;
    }
    for (const name of can) {
      let position = node.position;
      let history = node.history;
      if (position === null && isNamedStep(world, name, mark.at) && (!mark.when || conditionHolds(world, mark.when))) {
        position = positionOf(history!, first);
        if (!order.has(position)) order.set(position, history!.length);
        history = null;
      }
      const r = checkedStep(world, name, { scenario: s.id, prelude: false, path: () => [...graph.stepsTo(head), name] });
      observeStep(r.world, r.event);
      if (history !== null && name === mark.progressOf) history = [...history, r.event.call];
      const child: Node = { history, position };
      const key = keyOf(r.world, child);
      let i = graph.find(key);
      if (i < 0) {
        const stop = limits.admit(graph.size, key.length);
        if (stop) throw new NakError('bound-exceeded', `${s.id}: map of ${markName}: ${stop}; no map`);
        i = graph.add(key, i, head, taskNames.indexOf(name));
        nodes.push(child);
      }
      graph.addEdge(i);
    }
  }
  const positions = [...order.keys()].sort((a, b) => order.get(a)! - order.get(b)!);
  if ([...finals.values()].some((f) => f.position === 'never')) positions.push('never');
  // A map's bars and sums need numbers; a map too large for exact numbers is refused rather than rounded.
  const exact = (n: number | bigint): number => {
    if (typeof n === 'bigint') throw new NakError('bound-exceeded', `${s.id}: map of ${markName}: ${n} schedules is beyond exact arithmetic (2^53); no map`);
    return n;
  };
  const rows: MapRow[] = positions.map((position) => {
    const counts = {} as Record<Outcome, number>;
    for (const outcome of [...OUTCOMES, 'no restart'] as const) {
      counts[outcome] = exact(graph.countPaths((i) => {
        const f = finals.get(i)!;
        return f.position === position && f.outcome === outcome ? 1 : 0;
      }));
    }
    return { position, progress: position === 'never' ? null : order.get(position)!, counts };
  });
  return { scenario: s.id, kernel: s.kernel, mark: markName, description: mark.description, schedules: exact(graph.countPaths(() => 1)), rows };
}
