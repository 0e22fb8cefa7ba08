/**
 * The explorer's compact state key. Every value in a state (a name, a count, a
 * flag, an op) is interned to a small number, and the key is those numbers, in
 * a fixed order, as the characters of a string: about a tenth of the JSON key's
 * length, so it is quicker to hash and smaller to store. Lists carry their
 * length first, so two different states never give the same key (a test checks
 * this against the JSON key over every state of the catalogue).
 *
 * One interner serves one exploration: keys are only compared within it.
 */
import { NakError } from '../errors.ts';
import type { Op } from '../model/ops.ts';
import type { Task, World } from '../model/world.ts';

/** The fields of a World, in the order the key encodes them; a test checks that this is every field. */
export const KEYED_WORLD_FIELDS = [
  'kernel', 'tasks', 'files', 'mounts', 'namespaces', 'supers', 'bdevs', 'delayed_fput_list', 'delayed_mntput_list',
  'works', 'reboot_mutex', 'system_state', 'halted', 'oops', 'milestones', 'seen',
] as const;

/** Counts below this are encoded as themselves. */
const SMALL = 64;
const NULL_CODE = 0;
/** The largest code: a count past SMALL is SMALL + its code, and both must fit in a 16-bit character. */
const MAX_CODE = 0xffff - SMALL;

export class StateKeys {
  private readonly values = new Map<unknown, number>();
  private readonly strings: Record<string, number> = Object.create(null);
  /** The last code handed out; 0 is null's. */
  private lastCode = NULL_CODE;
  /** Ops are often the same object from state to state (a task's program); those are interned once by identity. */
  private readonly ops = new WeakMap<Op, number>();
  private readonly out: number[] = [];
  /** The task last keyed at each place, and its codes (see task()). */
  private readonly lastTasks: Array<Task | null> = [];
  private readonly lastCodes: number[][] = [];
  /** Each task's program at the start: a step only consumes a program from the front, so a program is usually a suffix of it. */
  private readonly programs: ReadonlyArray<readonly Op[]>;

  /** What each code stands for (index: the code), and one op object per op code, so that a key can be read back. */
  private readonly byCode: unknown[] = [null];
  private readonly opByCode = new Map<number, Op>();
  /** The start state: where a decoded state takes what never changes (names, kinds, ids, which mount a file is on). */
  private readonly start: World;

  constructor(start: World) {
    this.start = start;
    this.programs = start.tasks.map((t) => t.program.slice());
  }

  /** The key of `w`; equal keys (from this interner) mean equal states. A state must not change once it has been keyed (the explorer's never do): a task is known again by its identity. */
  key(w: World): string {
    const o = this.out;
    o.length = 0;
    o.push(this.value(w.kernel), w.tasks.length);
    for (let i = 0; i < w.tasks.length; i++) this.task(w.tasks[i]!, i);
    for (const k in w.files) {
      const f = w.files[k]!;
      o.push(this.count(f.f_count), f.freed ? 1 : 0);
    }
    for (const k in w.mounts) {
      const m = w.mounts[k]!;
      o.push(this.count(m.mnt_count), this.value(m.mnt_ns), m.doomed ? 1 : 0, m.freed ? 1 : 0);
    }
    for (const k in w.namespaces) {
      const n = w.namespaces[k]!;
      o.push(this.count(n.count));
      this.list(n.mounts);
    }
    for (const k in w.supers) {
      const s = w.supers[k]!;
      o.push(this.count(s.s_active), this.value(s.state), s.shutdown ? 1 : 0);
    }
    for (const k in w.bdevs) o.push(this.value(w.bdevs[k]!.state));
    this.list(w.delayed_fput_list);
    this.list(w.delayed_mntput_list);
    for (const k in w.works) {
      const wk = w.works[k as keyof typeof w.works];
      o.push(this.value(wk.pending), wk.running ? 1 : 0, this.count(wk.completed));
    }
    o.push(this.value(w.reboot_mutex), this.value(w.system_state), this.value(w.halted), this.value(w.oops));
    this.list(w.milestones);
    this.list(w.seen);
    return String.fromCharCode.apply(null, o);
  }

  /**
   * A step copies only the task that steps (cloneWorld), and the explorer keys the
   * successors of one state one after another, so at each task's place the task is
   * usually the very object of the last key: its codes are kept, per place, and reused.
   */
  private task(t: Task, i: number): void {
    const o = this.out;
    if (this.lastTasks[i] === t) {
      const codes = this.lastCodes[i]!;
      for (let j = 0; j < codes.length; j++) o.push(codes[j]!);
      return;
    }
    const from = o.length;
    this.encodeTask(t, i);
    this.lastTasks[i] = t;
    this.lastCodes[i] = o.slice(from);
  }

  private encodeTask(t: Task, i: number): void {
    const o = this.out;
    o.push(this.value(t.ns), t.exited ? 1 : 0, this.value(t.work));
    this.program(t.program, this.programs[i]!);
    this.opList(t.stack);
    this.opList(t.task_works);
    const c = t.syscall;
    if (c) o.push(1, this.value(c.name), this.value(c.mnt), this.value(c.sb), this.value(c.ret));
    else o.push(0);
  }

  /** How many distinct values have been interned (for the memory estimate and the bench). */
  get interned(): number {
    return this.lastCode;
  }

  /** A count is its own code while it is small and not negative (the invariants forbid negative counts); otherwise it is interned like any other value, past the small ones. */
  private count(n: number): number {
    return n >= 0 && n < SMALL && Number.isInteger(n) ? n : SMALL + this.value(n);
  }

  private value(v: unknown): number {
    if (v === null) return NULL_CODE;
    if (typeof v === 'string') {
      // Names and states are most of a key; a plain dictionary finds them fastest.
      const id = this.strings[v];
      if (id !== undefined) return id;
      return (this.strings[v] = this.fresh(v));
    }
    let id = this.values.get(v);
    if (id === undefined) {
      id = this.fresh(v);
      this.values.set(v, id);
    }
    return id;
  }

  private fresh(v: unknown): number {
    // A key's characters are 16-bit: past that a code would wrap onto another and merge two states.
    if (this.lastCode >= MAX_CODE) throw new NakError('bound-exceeded', `more than ${MAX_CODE} distinct values in one exploration (names, counts, ops): too many for the compact state key`);
    this.byCode.push(v);
    return ++this.lastCode;
  }

  private list(xs: readonly string[]): void {
    this.out.push(xs.length);
    for (const x of xs) this.out.push(this.value(x));
  }

  /** The start program's suffix of this length, as one code (identity of every op checked); anything else, op by op. */
  private program(ops: readonly Op[], start: readonly Op[]): void {
    if (isSuffixOf(ops, start)) this.out.push(0, ops.length);
    else {
      this.out.push(1);
      this.opList(ops);
    }
  }

  private opList(ops: readonly Op[]): void {
    this.out.push(ops.length);
    for (const op of ops) {
      let id = this.ops.get(op);
      if (id === undefined) {
        // A new op object (made by a step) with the same content as an earlier one gets the same number.
        id = this.value(`op:${JSON.stringify(op)}`);
        this.ops.set(op, id);
        if (!this.opByCode.has(id)) this.opByCode.set(id, op);
      }
      this.out.push(id);
    }
  }

  /**
   * The state a key (from this interner) stands for, read back field by field in
   * the order key() wrote them; the explorer keeps the states still to expand as
   * their keys alone. Ops are shared with the states they came from (no step changes an op).
   */
  decode(key: string): World {
    let at = 0;
    const next = () => key.charCodeAt(at++);
    const value = <T>() => this.byCode[next()] as T;
    const count = () => {
      const c = next();
      return c < SMALL ? c : (this.byCode[c - SMALL] as number);
    };
    const list = (): string[] => {
      const out: string[] = [];
      for (let k = next(); k > 0; k--) out.push(value<string>());
      return out;
    };
    const ops = (): Op[] => {
      const out: Op[] = [];
      for (let k = next(); k > 0; k--) out.push(this.opByCode.get(next())!);
      return out;
    };
    const s = this.start;
    const kernel = value<World['kernel']>();
    const n = next();
    const tasks: Task[] = [];
    for (let i = 0; i < n; i++) {
      const t = s.tasks[i]!;
      const ns = value<string | null>();
      const exited = next() === 1;
      const work = value<Task['work']>();
      const program = next() === 0 ? suffixOf(this.programs[i]!, next()) : ops();
      const stack = ops();
      const task_works = ops();
      const syscall = next() === 1 ? { name: value<string>(), mnt: value<string | null>(), sb: value<string | null>(), ret: value<number>() } : null;
      // In the order copyTask (src/model/world.ts) writes a task, so that both give objects of one shape.
      tasks.push({ name: t.name, kind: t.kind, ns, work, exited, program, stack, task_works, syscall });
    }
    const files: World['files'] = {};
    for (const k in s.files) files[k] = { id: k, f_count: count(), mnt: s.files[k]!.mnt, freed: next() === 1 };
    const mounts: World['mounts'] = {};
    for (const k in s.mounts) mounts[k] = { id: k, sb: s.mounts[k]!.sb, mnt_count: count(), mnt_ns: value<string | null>(), doomed: next() === 1, freed: next() === 1 };
    const namespaces: World['namespaces'] = {};
    for (const k in s.namespaces) namespaces[k] = { id: k, count: count(), mounts: list() };
    const supers: World['supers'] = {};
    for (const k in s.supers) supers[k] = { id: k, bdev: s.supers[k]!.bdev, s_active: count(), state: value(), shutdown: next() === 1 };
    const bdevs: World['bdevs'] = {};
    for (const k in s.bdevs) bdevs[k] = { id: k, state: value() };
    const delayed_fput_list = list();
    const delayed_mntput_list = list();
    const works = {} as World['works'];
    for (const k in s.works) {
      const id = k as keyof World['works'];
      works[id] = { id, pending: value(), running: next() === 1, completed: count() };
    }
    const reboot_mutex = value<string | null>();
    const system_state = value<World['system_state']>();
    const halted = value<World['halted']>();
    const oops = value<string | null>();
    const milestones = list();
    const seen = list();
    return { kernel, tasks, files, mounts, namespaces, supers, bdevs, delayed_fput_list, delayed_mntput_list, works, reboot_mutex, system_state, halted, oops, milestones, seen };
  }
}

/** Whether `ops` are the last ops of `start`, the very objects (what a program is after steps have consumed its front). */
export function isSuffixOf(ops: readonly Op[], start: readonly Op[]): boolean {
  const skip = start.length - ops.length;
  if (skip < 0) return false;
  for (let j = 0; j < ops.length; j++) if (ops[j] !== start[skip + j]) return false;
  return true;
}

export function suffixOf(program: readonly Op[], length: number): Op[] {
  return program.slice(program.length - length);
}
