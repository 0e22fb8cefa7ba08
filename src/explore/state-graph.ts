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
   * each final state weighted by `atFinal` (0 or 1), in post-order over the graph
   * (which has no cycles: every step consumes a call or moves a work item on).
   * Exact: a number while every partial sum is a safe integer, else a bigint.
   * Needs every state expanded.
   */
  countPaths(atFinal: (state: number) => number): number | bigint {
    const fast = this.sumPaths<number>(atFinal, 0, (a, b) => a + b, (x) => x);
    if (fast.max <= Number.MAX_SAFE_INTEGER) return fast.total;
    return this.sumPaths<bigint>(atFinal, 0n, (a, b) => a + b, (x) => BigInt(x)).total;
  }

  private sumPaths<T extends number | bigint>(atFinal: (state: number) => number, zero: T, add: (a: T, b: T) => T, of: (x: number) => T): { total: T; max: number } {
    const n = this.parent.length;
    const start = this.edgeStart;
    const edges = this.edges;
    const end = (i: number) => (i + 1 < n ? start[i + 1]! : edges.length);
    const memo = new Array<T | undefined>(n);
    const next = new Int32Array(n); // per open state: how many of its edges have been followed
    const open = new Uint8Array(n);
    const stack: number[] = [0];
    let max = 0;
    open[0] = 1;
    next[0] = start[0]!;
    while (stack.length) {
      const i = stack[stack.length - 1]!;
      const e = end(i);
      let k = next[i]!;
      while (k < e && memo[edges[k]!] !== undefined) k++;
      next[i] = k;
      if (k < e) {
        const c = edges[k]!;
        if (open[c]) throw new Error('the state graph has a cycle: a run need not end');
        open[c] = 1;
        next[c] = start[c]!;
        stack.push(c);
        continue;
      }
      stack.pop();
      open[i] = 0;
      let sum = zero;
      for (let j = start[i]!; j < e; j++) sum = add(sum, memo[edges[j]!]!);
      const v = start[i]! === e ? of(atFinal(i)) : sum;
      memo[i] = v;
      if (typeof v === 'number' && v > max) max = v;
    }
    return { total: memo[0]!, max };
  }
}
