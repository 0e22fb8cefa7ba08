/**
 * The state graph a breadth-first search builds: each distinct state once (by
 * its key), with the parent and the step it was first reached by, its depth,
 * and its edges. Columns of small integers rather than an object per state, so
 * that a stored state costs its key and a few dozen bytes.
 */
export class StateGraph {
  private readonly index = new Map<string, number>();
  /** Per state: the state it was first reached from (-1 for the start), by which task (an index into `taskNames`), at what depth. */
  private readonly parent: number[] = [];
  private readonly via: number[] = [];
  private readonly depthOf: number[] = [];
  /** Edges, in the order the states were expanded: the successors of state i are edges[edgeStart[i] .. edgeStart[i + 1]). */
  private readonly edgeStart: number[] = [];
  private readonly edges: number[] = [];
  private readonly taskNames: readonly string[];

  constructor(taskNames: readonly string[], startKey: string) {
    this.taskNames = taskNames;
    this.index.set(startKey, 0);
    this.parent.push(-1);
    this.via.push(-1);
    this.depthOf.push(0);
  }

  get size(): number {
    return this.parent.length;
  }

  /** The state with this key, or undefined. */
  find(key: string): number | undefined {
    return this.index.get(key);
  }

  /** Store a new state, reached from `from` by task number `task`; returns its number. */
  add(key: string, from: number, task: number): number {
    const i = this.parent.length;
    this.order = null;
    this.index.set(key, i);
    this.parent.push(from);
    this.via.push(task);
    this.depthOf.push(this.depthOf[from]! + 1);
    return i;
  }

  /** Begin the edges of state `i`; states are expanded in order, each once. */
  expand(i: number): void {
    this.edgeStart[i] = this.edges.length;
  }

  addEdge(to: number): void {
    this.edges.push(to);
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
    // First as doubles, exact while every sum stays a safe integer; else again as bigints.
    const paths = new Float64Array(n);
    let max = 0;
    for (const i of order) {
      const from = start[i]!;
      const to = end(i);
      let sum = from === to ? atFinal(i) : 0;
      for (let j = from; j < to; j++) sum += paths[edges[j]!]!;
      paths[i] = sum;
      if (sum > max) max = sum;
    }
    if (max <= Number.MAX_SAFE_INTEGER) return paths[0]!;
    const exact = new Array<bigint>(n);
    for (const i of order) {
      const from = start[i]!;
      const to = end(i);
      let sum = from === to ? BigInt(atFinal(i)) : 0n;
      for (let j = from; j < to; j++) sum += exact[edges[j]!]!;
      exact[i] = sum;
    }
    return exact[0]!;
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
