/**
 * The state graph a breadth-first search builds: each distinct state once (by
 * its key), with the parent and the step it was first reached by, its depth,
 * and its edges. Columns of small integers rather than an object per state, so
 * that a stored state costs its key and a few dozen bytes.
 */
import { SequenceTable } from './sequence-table.ts';

export class StateGraph {
  /** Each state's key (StateKeys.codes), by the state's number. */
  readonly keys = new SequenceTable();
  /** Per state: the state it was first reached from (-1 for the start), by which task (an index into `taskNames`), at what depth. */
  private readonly parent: number[] = [];
  private readonly via: number[] = [];
  private readonly depthOf: number[] = [];
  /** Edges, in the order the states were expanded: the successors of state i are edges[edgeStart[i] .. edgeStart[i + 1]). */
  private edgeStart: number[] = [];
  private edges: number[] = [];
  /** With partial-order reduction: the task of each edge, and the edges found after their state was expanded (see seal()). */
  private edgeTask: number[] = [];
  private readonly late: Array<[from: number, to: number, task: number]> = [];
  private readonly taskNames: readonly string[];

  constructor(taskNames: readonly string[], startKey: readonly number[]) {
    this.taskNames = taskNames;
    this.keys.add(startKey, startKey.length, this.keys.find(startKey, startKey.length));
    this.parent.push(-1);
    this.via.push(-1);
    this.depthOf.push(0);
  }

  get size(): number {
    return this.parent.length;
  }

  /** The number of the state with this key; else a negative number, for add(). */
  find(key: readonly number[]): number {
    return this.keys.find(key, key.length);
  }

  /** Store a new state (`where` is what find() returned for its key), reached from `from` by task number `task`; returns its number. */
  add(key: readonly number[], where: number, from: number, task: number): number {
    const i = this.keys.add(key, key.length, where);
    this.order = null;
    this.parent.push(from);
    this.via.push(task);
    this.depthOf.push(this.depthOf[from]! + 1);
    return i;
  }

  /** Begin the edges of state `i`; states are expanded in order, each once. */
  expand(i: number): void {
    this.edgeStart[i] = this.edges.length;
  }

  /** An edge of the state being expanded; with its task, when the graph is to be searched again for shortest paths (see shortestPaths()). */
  addEdge(to: number, task?: number): void {
    this.edges.push(to);
    if (task !== undefined) this.edgeTask.push(task);
  }

  /** An edge from a state expanded earlier (partial-order reduction explores a state again when a task there wakes from its sleep set). */
  addLateEdge(from: number, to: number, task: number): void {
    this.late.push([from, to, task]);
  }

  /** Merge the late edges in, each after its state's others, so that every state's edges are together again. */
  seal(): void {
    if (this.late.length === 0) return;
    const n = this.parent.length;
    const extra = new Map<number, Array<[number, number]>>();
    for (const [from, to, task] of this.late) {
      let list = extra.get(from);
      if (!list) extra.set(from, (list = []));
      list.push([to, task]);
    }
    const starts: number[] = [];
    const edges: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i < n; i++) {
      starts.push(edges.length);
      const from = this.edgeStart[i];
      if (from !== undefined) {
        const to = i + 1 < n && this.edgeStart[i + 1] !== undefined ? this.edgeStart[i + 1]! : this.edges.length;
        for (let j = from; j < to; j++) {
          edges.push(this.edges[j]!);
          tasks.push(this.edgeTask[j]!);
        }
      }
      for (const [to, task] of extra.get(i) ?? []) {
        edges.push(to);
        tasks.push(task);
      }
    }
    this.edgeStart = starts;
    this.edges = edges;
    this.edgeTask = tasks;
    this.late.length = 0;
    this.order = null;
  }

  /**
   * Search the graph again, breadth first, for each state's shortest path from
   * the start, and make those the parents and depths (partial-order reduction
   * can first reach a state by a longer way). Needs labelled edges and seal().
   * Returns the states in the order the search reached them.
   */
  shortestPaths(): Int32Array {
    const n = this.parent.length;
    const depth = new Int32Array(n).fill(-1);
    const order = new Int32Array(n);
    let tail = 0;
    depth[0] = 0;
    order[tail++] = 0;
    this.parent[0] = -1;
    this.via[0] = -1;
    for (let head = 0; head < tail; head++) {
      const i = order[head]!;
      const to = i + 1 < n ? this.edgeStart[i + 1]! : this.edges.length;
      for (let j = this.edgeStart[i]!; j < to; j++) {
        const c = this.edges[j]!;
        if (depth[c] !== -1) continue;
        depth[c] = depth[i]! + 1;
        this.parent[c] = i;
        this.via[c] = this.edgeTask[j]!;
        order[tail++] = c;
      }
    }
    for (let i = 0; i < n; i++) this.depthOf[i] = depth[i]!;
    return order.subarray(0, tail);
  }

  depth(i: number): number {
    return this.depthOf[i]!;
  }

  /** The steps (task names) from the start to state `i`, along first-reached parents: a shortest schedule. */
  stepsTo(i: number): string[] {
    const names: string[] = [];
    for (let at = i; at > 0; at = this.parent[at]!) names.push(this.taskNames[this.via[at]!]!);
    return names.reverse();
  }

  /**
   * The number of complete schedules (paths from the start to a final state),
   * each final state weighted by `atFinal` (0 or 1), summed in post-order over the
   * graph (which has no cycles: every step consumes a call or moves a work item on).
   * Exact: a number while every partial sum is a safe integer, else a bigint.
   * Needs every state expanded.
   */
  countPaths(atFinal: (state: number) => number): number | bigint {
    const order = this.postOrder();
    const n = this.parent.length;
    const start = this.edgeStart;
    const edges = this.edges;
    const end = (i: number) => (i + 1 < n ? start[i + 1]! : edges.length);
    // First as doubles: exact for every state whose count is a safe integer (its partial sums are no larger).
    const paths = new Float64Array(n);
    for (const i of order) {
      const from = start[i]!;
      const to = end(i);
      let sum = from === to ? atFinal(i) : 0;
      for (let j = from; j < to; j++) sum += paths[edges[j]!]!;
      paths[i] = sum;
    }
    // The start's count is the largest (every state is reached from it); past 2^53, count again as bigints the states whose doubles may be rounded.
    if (paths[0]! <= Number.MAX_SAFE_INTEGER) return paths[0]!;
    const exact = new Map<number, bigint>();
    const of = (c: number): bigint => (paths[c]! <= Number.MAX_SAFE_INTEGER ? BigInt(paths[c]!) : exact.get(c)!);
    for (const i of order) {
      if (paths[i]! <= Number.MAX_SAFE_INTEGER) continue;
      let sum = 0n;
      for (let j = start[i]!, to = end(i); j < to; j++) sum += of(edges[j]!);
      exact.set(i, sum);
    }
    return exact.get(0)!;
  }

  private order: Int32Array | null = null;

  /** Every state, each after all its successors (computed once, by an iterative depth-first search: the graph can be deeper than the call stack). */
  private postOrder(): Int32Array {
    if (this.order) return this.order;
    const n = this.parent.length;
    const start = this.edgeStart;
    const edges = this.edges;
    const end = (i: number) => (i + 1 < n ? start[i + 1]! : edges.length);
    const order = new Int32Array(n);
    let done = 0;
    const next = new Int32Array(n); // per open state: how many of its edges have been followed
    const state = new Uint8Array(n); // 0 new, 1 open, 2 done
    const stack: number[] = [0];
    state[0] = 1;
    next[0] = start[0]!;
    while (stack.length) {
      const i = stack[stack.length - 1]!;
      const e = end(i);
      let k = next[i]!;
      while (k < e && state[edges[k]!] === 2) k++;
      next[i] = k;
      if (k < e) {
        const c = edges[k]!;
        if (state[c] === 1) throw new Error('the state graph has a cycle: a run need not end');
        state[c] = 1;
        next[c] = start[c]!;
        stack.push(c);
        continue;
      }
      stack.pop();
      state[i] = 2;
      order[done++] = i;
    }
    this.order = order.subarray(0, done);
    return this.order;
  }
}
