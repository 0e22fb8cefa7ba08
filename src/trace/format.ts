/**
 * The trace: one row per step, one column per task (as the NAK writes CPU1 and
 * CPU2 side by side), and what the step changed at the end of the row. Stable
 * text: no times, no addresses; the same run always prints the same bytes.
 */
import type { Run, RunStep } from '../explore/run.ts';

export interface TraceRow {
  /** "p1" for a prelude step, else the step number. */
  readonly label: string;
  readonly task: string;
  /** The column the step is written in: the task's own, or its CPU in the CPU layout. */
  readonly lane: string;
  /** What the lane's cell says: the call, or "task: call" in the CPU layout. */
  readonly cell: string;
  readonly call: string;
  /**
   * The model function the step ran (the op's; for a wake-up, the flush that
   * slept; for a timer or worker, its own), which names its kernel line
   * (src/reference/kernel-lines.ts). The text trace does not print it.
   */
  readonly fn: string;
  readonly changes: string;
  /** Properties first seen at this step. */
  readonly seen: readonly string[];
}

/**
 * How the columns are laid out: one per task, or the NAK's two CPUs (kernel
 * threads, timers and workers on CPU1; user tasks such as init on CPU2).
 */
export type TraceLayout = 'tasks' | 'cpus';

export const CPU_LANES = { kernel: 'CPU1', user: 'CPU2' } as const;

export interface TraceTable {
  readonly header: readonly string[];
  /** Tasks that take at least one step, in declaration order (or the CPUs used, in the CPU layout). */
  readonly columns: readonly string[];
  readonly rows: readonly TraceRow[];
  readonly footer: readonly string[];
}

/** The model function a step ran: see TraceRow.fn. */
function stepFunction(st: RunStep): string {
  const op = st.event.op;
  if (!op) return st.event.call;
  return op.fn === 'wait_for_work' ? op.caller : op.fn;
}

function rowOf(st: RunStep, firstAt: Map<string, RunStep>, laneOf: (task: string) => string | null): TraceRow {
  const cpu = laneOf(st.event.task);
  return {
    label: st.prelude ? `p${st.index}` : String(st.index),
    task: st.event.task,
    lane: cpu ?? st.event.task,
    cell: cpu ? `${st.event.task}: ${st.event.call}` : st.event.call,
    call: st.event.call,
    fn: stepFunction(st),
    changes: st.event.changes.join('; '),
    seen: st.observed.map((o) => o.property).filter((p) => firstAt.get(p) === st),
  };
}

/** The trace as data, for the text formatter and for the site's table. */
export function traceTable(run: Run, layout: TraceLayout = 'tasks'): TraceTable {
  const s = run.scenario;
  const kinds = new Map(run.world.tasks.map((t) => [t.name, t.kind]));
  const laneOf = (task: string): string | null => (layout === 'tasks' ? null : kinds.get(task) === 'user' ? CPU_LANES.user : CPU_LANES.kernel);
  const firstAt = new Map<string, RunStep>();
  for (const st of run.steps) for (const o of st.observed) if (!st.prelude && !firstAt.has(o.property)) firstAt.set(o.property, st);
  const used = new Set(run.steps.map((st) => laneOf(st.event.task) ?? st.event.task));
  const columns = (layout === 'tasks' ? run.world.tasks.map((t) => t.name) : [CPU_LANES.kernel, CPU_LANES.user]).filter((n) => used.has(n));
  const header = [`scenario ${s.id} (${s.kernel})`];
  if (s.prelude) header.push(`prelude  ${s.prelude}`);
  header.push(`schedule ${run.schedule || '(empty)'}`);
  const footer: string[] = [];
  for (const [p, at] of Object.entries(run.firstSeen)) footer.push(`${p} at step ${at.step}: ${at.evidence}`);
  if (run.world.halted === 'oops') footer.push(`end: the kernel oopsed: ${run.world.oops}`);
  else if (run.world.halted === 'restart') footer.push('end: the machine restarted');
  else if (run.runnable.length) footer.push(`end of schedule: runnable: ${run.runnable.join(', ')}`);
  else footer.push('end: no task can run');
  if (Object.keys(run.firstSeen).length === 0) footer.push('no property seen');
  if (layout === 'cpus') header.push(`layout   ${CPU_LANES.kernel}: kernel threads, timers and workers; ${CPU_LANES.user}: user tasks`);
  return { header, columns, rows: run.steps.map((st) => rowOf(st, firstAt, laneOf)), footer };
}

/** Plain-text trace: `# ` header lines, a column header, one line per step, `=> ` result lines. */
export function formatTrace(run: Run, layout: TraceLayout = 'tasks'): string {
  const t = traceTable(run, layout);
  const width = new Map<string, number>();
  for (const c of t.columns) width.set(c, c.length);
  for (const r of t.rows) width.set(r.lane, Math.max(width.get(r.lane)!, r.cell.length));
  const labelWidth = Math.max(4, ...t.rows.map((r) => r.label.length));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  const line = (label: string, cells: (c: string) => string, last: string) =>
    (pad(label, labelWidth) + '  ' + t.columns.map((c) => pad(cells(c), width.get(c)!)).join('  ') + '  ' + last).trimEnd();
  const out: string[] = t.header.map((h) => `# ${h}`);
  out.push(line('step', (c) => c, 'what changed'));
  for (const r of t.rows) {
    const mark = r.seen.length ? `  <= ${r.seen.join(', ')}` : '';
    out.push(line(r.label, (c) => (c === r.lane ? r.cell : ''), r.changes + mark));
  }
  for (const f of t.footer) out.push(`=> ${f}`);
  return out.join('\n') + '\n';
}
