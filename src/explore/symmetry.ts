/**
 * Symmetry reduction. Kernel threads that run the same program, each on files
 * of its own that start alike, are interchangeable: the model treats tasks and
 * files by name only, so swapping two such threads together with their files
 * maps every run to a run, and no property names a thread or a file. The
 * explorer then stores one state per orbit: before keying a state it puts the
 * interchangeable threads in a canonical order (sorted by what each holds) and
 * renames their files to match.
 *
 * Sound for the properties checked here (each is the same for a state and its
 * swapped twin), and schedule counts stay those of the unreduced graph: the
 * runs from two swapped states correspond one to one, and every transition is
 * still counted as an edge. Only the number of states stored is reduced.
 * Not used with a situation or a map, which name tasks and files.
 */
import type { Op } from '../model/ops.ts';
import type { File, Task, World } from '../model/world.ts';
import { isSuffixOf, suffixOf } from './state-key.ts';

/** Interchangeable kernel threads: their indices in World.tasks, and each one's own files, in the order its program names them. */
export interface SymmetryGroup {
  readonly tasks: readonly number[];
  readonly files: ReadonlyArray<readonly string[]>;
}

const filesOf = (ops: readonly Op[]): string[] => ops.flatMap((op) => ('file' in op ? [op.file] : []));

function opsOf(t: Task): Op[] {
  return [...t.program, ...t.stack, ...t.task_works];
}

/** The ops with the files renamed: an op's `file`, and a file named in `from` (mntput_no_expire's "__fput(file1)", which the trace shows). The very array if no op names a renamed file. */
function renameOps(ops: readonly Op[], rename: ReadonlyMap<string, string>): Op[] {
  let changed = false;
  const out = ops.map((op) => {
    const renamed = renameOp(op, rename);
    if (renamed !== op) changed = true;
    return renamed;
  });
  return changed ? out : (ops as Op[]);
}

function renameOp(op: Op, rename: ReadonlyMap<string, string>): Op {
  if ('file' in op && rename.has(op.file)) return { ...op, file: rename.get(op.file)! };
  if (op.fn === 'mntput_no_expire') {
    const from = op.from.replace(/\(([^()]+)\)/, (all, f: string) => (rename.has(f) ? `(${rename.get(f)!})` : all));
    if (from !== op.from) return { ...op, from };
  }
  return op;
}

/** The groups of interchangeable kernel threads in a start state (each of two or more). */
export function findSymmetry(start: World): SymmetryGroup[] {
  const users = new Map<string, number>();
  for (const t of start.tasks) for (const f of new Set(filesOf(opsOf(t)))) users.set(f, (users.get(f) ?? 0) + 1);
  const bySignature = new Map<string, { tasks: number[]; files: string[][] }>();
  start.tasks.forEach((t, i) => {
    if (t.kind !== 'kthread' || t.syscall || t.exited) return;
    const own = [...new Set(filesOf(opsOf(t)))];
    // Every file the thread names must be its own, and not on a list yet.
    if (own.length === 0 || own.some((f) => users.get(f) !== 1 || start.delayed_fput_list.includes(f))) return;
    const placeholders = new Map(own.map((f, j) => [f, `#${j}`]));
    const signature = JSON.stringify({
      ns: t.ns,
      program: renameOps(t.program, placeholders),
      stack: renameOps(t.stack, placeholders),
      task_works: renameOps(t.task_works, placeholders),
      files: own.map((f) => {
        const file: File = start.files[f]!;
        return [file.f_count, file.mnt, file.freed];
      }),
    });
    const g = bySignature.get(signature) ?? { tasks: [], files: [] };
    g.tasks.push(i);
    g.files.push(own);
    bySignature.set(signature, g);
  });
  return [...bySignature.values()].filter((g) => g.tasks.length > 1);
}

/**
 * The representative of `w`'s orbit: the same state with each group's threads
 * sorted by what they hold, and their files renamed to follow them. Equal for
 * a state and any of its swapped twins, as far as the sort can tell them apart
 * (two threads it cannot order are left as they are, which can only keep two
 * twins apart, never merge two states that are not twins). `held` keeps, per
 * task, what it holds (memberKey()) for one exploration: a task is never changed
 * once made, and a state shares all its tasks but the one that stepped with the
 * state it came from. A task that keeps its place and names no renamed file is
 * the very task of `w`, so that the state key knows it by identity.
 */
export function canonicalWorld(w: World, groups: readonly SymmetryGroup[], startPrograms: ReadonlyArray<readonly Op[]>, held = new WeakMap<Task, string>()): World {
  const rename = new Map<string, string>();
  const moved = new Map<number, { task: Task; programRenamed: boolean }>();
  for (const g of groups) {
    const local = g.tasks.map((ti, k) => memberKey(w, w.tasks[ti]!, startPrograms[ti]!, g.files[k]!, held));
    const order = g.tasks.map((_, k) => k).sort((a, b) => (local[a]! < local[b]! ? -1 : local[a]! > local[b]! ? 1 : a - b));
    order.forEach((k, p) => {
      if (k === p) return;
      // Position p now holds member k, with member k's files named as position p's.
      g.files[k]!.forEach((f, j) => rename.set(f, g.files[p]![j]!));
      const from = g.tasks[k]!;
      const to = g.tasks[p]!;
      const t = w.tasks[from]!;
      // The programs of a group's members are alike up to their files, so a suffix of one is the same suffix of the other.
      const asSuffix = isSuffixOf(t.program, startPrograms[from]!);
      const program = asSuffix ? suffixOf(startPrograms[to]!, t.program.length) : t.program;
      moved.set(to, { task: { ...t, name: w.tasks[to]!.name, program }, programRenamed: asSuffix });
    });
  }
  if (rename.size === 0) return w;
  const tasks = w.tasks.map((t, i) => {
    const m = moved.get(i);
    const u = m?.task ?? t;
    const program = m?.programRenamed ? u.program : renameOps(u.program, rename);
    const stack = renameOps(u.stack, rename);
    const task_works = renameOps(u.task_works, rename);
    return m || program !== u.program || stack !== u.stack || task_works !== u.task_works ? { ...u, program, stack, task_works } : t;
  });
  const files: Record<string, File> = { ...w.files };
  for (const [from, to] of rename) files[to] = { ...w.files[from]!, id: to };
  return { ...w, tasks, files, delayed_fput_list: w.delayed_fput_list.map((f) => rename.get(f) ?? f) };
}


/** What a member holds, with its own files as placeholders (kept in `held`), and where its files are: the sort key of the canonical order. */
function memberKey(w: World, t: Task, startProgram: readonly Op[], own: readonly string[], held: WeakMap<Task, string>): string {
  let task = held.get(t);
  if (task === undefined) {
    const placeholders = new Map(own.map((f, j) => [f, `#${j}`]));
    task = JSON.stringify([
      isSuffixOf(t.program, startProgram) ? t.program.length : renameOps(t.program, placeholders),
      renameOps(t.stack, placeholders),
      renameOps(t.task_works, placeholders),
      t.syscall,
      t.exited,
    ]);
    held.set(t, task);
  }
  let files = '';
  for (const f of own) {
    const file = w.files[f]!;
    files += `|${file.f_count},${file.freed},${w.delayed_fput_list.indexOf(f)}`;
  }
  return task + files;
}
