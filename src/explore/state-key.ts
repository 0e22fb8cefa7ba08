/**
 * The explorer's compact state key. Every value in a state (a name, a count, a
 * flag, an op) is interned to a small number, and the key is those numbers, in
 * a fixed order, as the characters of a string: about a twentieth of the JSON
 * key's length, so it is quick to hash and small to store. A task's whole state
 * is one number, as SPIN's COLLAPSE mode stores each process's local state once:
 * a task has few states of its own, met in many global ones. Lists carry their
 * length first, so two different states never give the same key (a test checks
 * this against the JSON key over every state of the catalogue).
 *
 * A key is read back (decode) with its tasks and its groups of records (all the
 * files, all the mounts, ...) shared with every other decoded state that has
 * them: the explorer's states are never changed once made, and a step copies
 * each part of a state before it touches it (copyForStep in src/model/world.ts).
 * The sharing also makes keys quick: a part met before is known by its identity.
 *
 * One interner serves one exploration: keys are only compared within it.
 */
import { NakError } from '../errors.ts';
import type { Op } from '../model/ops.ts';
import { copyTask, type BlockDevice, type DelayedWork, type SuperState, type Task, type World } from '../model/world.ts';

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
  /** Ops are often the same object from state to state (a task's program); those are interned once by identity (one object per code, so that this stays small). */
  private readonly opCodes = new Map<Op, number>();
  private readonly opCodeTaken = new Set<number>();
  /** The codes of the key being made, and of the task being encoded (see taskCode()). */
  private out: number[] = [];
  private taskOut: number[] = [];
  /** The task last keyed at each place, and its code (see taskCode()). */
  private readonly lastTasks: Array<Task | null> = [];
  private readonly lastTaskCodes: number[] = [];
  /** Per place: each task state met there, as its codes in a string, to its code; and per code, that task state (never changed: decoded states share it). */
  private readonly taskCodes: Array<Record<string, number>>;
  private readonly taskByCode = new Map<number, Task>();
  /** The other way round, per place: the code of each task state object that decode() hands out. */
  private readonly codeOfTask: Array<Map<Task, number>>;
  /** Each task's program at the start: a step only consumes a program from the front, so a program is usually a suffix of it. */
  private readonly programs: ReadonlyArray<readonly Op[]>;

  /** What each value code stands for (index: the code), so that a key can be read back. */
  private readonly byCode: unknown[] = [null];
  /** The start state: where a decoded state takes what never changes (names, kinds, ids, which mount a file is on). */
  private readonly start: World;
  /** How many codes each group of records has, in key order: files, mounts, supers, bdevs, works (fixed by the start state). */
  private readonly lengths: readonly number[];

  constructor(start: World) {
    this.start = start;
    const n = (r: object) => Object.keys(r).length;
    this.lengths = [2 * n(start.files), 4 * n(start.mounts), 3 * n(start.supers), n(start.bdevs), 3 * n(start.works)];
    this.programs = start.tasks.map((t) => t.program.slice());
    this.taskCodes = start.tasks.map(() => Object.create(null) as Record<string, number>);
    this.codeOfTask = start.tasks.map(() => new Map<Task, number>());
  }

  /** The key of `w`; equal keys (from this interner) mean equal states. A state must not change once it has been keyed (the explorer's never do): a task is known again by its identity. */
  key(w: World): string {
    const o = this.out;
    o.length = 0;
    o.push(this.value(w.kernel), w.tasks.length);
    for (let i = 0; i < w.tasks.length; i++) o.push(this.taskCode(w.tasks[i]!, i));
    // A group of records that decode() handed out is known by its identity, with its codes; a step shares the groups it never touched (copyForStep).
    if (!this.again(w.files)) {
      for (const k in w.files) {
        const f = w.files[k]!;
        o.push(this.count(f.f_count), f.freed ? 1 : 0);
      }
    }
    if (!this.again(w.mounts)) {
      for (const k in w.mounts) {
        const m = w.mounts[k]!;
        o.push(this.count(m.mnt_count), this.value(m.mnt_ns), m.doomed ? 1 : 0, m.freed ? 1 : 0);
      }
    }
    for (const k in w.namespaces) {
      const n = w.namespaces[k]!;
      o.push(this.count(n.count));
      this.list(n.mounts);
    }
    if (!this.again(w.supers)) {
      for (const k in w.supers) {
        const s = w.supers[k]!;
        o.push(this.count(s.s_active), this.value(s.state), s.shutdown ? 1 : 0);
      }
    }
    if (!this.again(w.bdevs)) for (const k in w.bdevs) o.push(this.value(w.bdevs[k]!.state));
    this.list(w.delayed_fput_list);
    this.list(w.delayed_mntput_list);
    if (!this.again(w.works)) {
      for (const k in w.works) {
        const wk = w.works[k as keyof typeof w.works];
        o.push(this.value(wk.pending), wk.running ? 1 : 0, this.count(wk.completed));
      }
    }
    o.push(this.value(w.reboot_mutex), this.value(w.system_state), this.value(w.halted), this.value(w.oops));
    this.list(w.milestones);
    this.list(w.seen);
    return String.fromCharCode.apply(null, o);
  }

  /** If `group` is a group of records decode() handed out, push its codes and say so. */
  private again(group: object): boolean {
    const codes = this.groupCodes.get(group);
    if (codes === undefined) return false;
    const o = this.out;
    for (let j = 0; j < codes.length; j++) o.push(codes[j]!);
    return true;
  }

  /**
   * A task's code. A step copies only the task that steps (copyForStep) and a
   * decoded state shares its tasks with the states decoded before it, so at each
   * place the task is usually the very object of the last key: its code is kept,
   * per place, and reused. Else the task is encoded, and its codes interned as one.
   */
  private taskCode(t: Task, i: number): number {
    if (this.lastTasks[i] === t) return this.lastTaskCodes[i]!;
    const shared = this.codeOfTask[i]!.get(t);
    if (shared !== undefined) {
      this.lastTasks[i] = t;
      return (this.lastTaskCodes[i] = shared);
    }
    const keyOut = this.out;
    this.out = this.taskOut;
    this.out.length = 0;
    this.encodeTask(t, i);
    const text = String.fromCharCode.apply(null, this.out);
    this.taskOut = this.out;
    this.out = keyOut;
    const codes = this.taskCodes[i]!;
    let code = codes[text];
    if (code === undefined) {
      code = codes[text] = this.fresh(null);
      // A copy, so that no later change to the stepped state could reach the shared one. (Not frozen: a frozen task's arrays make every copy of them slow.)
      const copy = copyTask(t);
      this.taskByCode.set(code, copy);
      this.codeOfTask[i]!.set(copy, code);
    }
    this.lastTasks[i] = t;
    this.lastTaskCodes[i] = code;
    return code;
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
    for (const op of ops) this.out.push(this.opCode(op));
  }

  /** An op's code: the op objects decode() hands out are known by identity; a new one made by a step, by its content. */
  private opCode(op: Op): number {
    const known = this.opCodes.get(op);
    if (known !== undefined) return known;
    const id = this.value(opText(op));
    if (!this.opCodeTaken.has(id)) {
      this.opCodeTaken.add(id);
      this.opCodes.set(op, id);
    }
    return id;
  }

  /** A count from its code (see count()). */
  private countOf(c: number): number {
    return c < SMALL ? c : (this.byCode[c - SMALL] as number);
  }

  /**
   * Groups of records of decoded states (all the files, all the mounts, ...), each
   * by its codes as text: one object for each, shared by every decoded state that
   * has it, as a task is. A step copies a group before it touches it
   * (copyForStep), so none is ever changed. With each, its codes, for key().
   */
  private readonly groups: Array<Record<string, object>> = [0, 1, 2, 3, 4].map(() => Object.create(null) as Record<string, object>);
  private readonly groupCodes = new Map<object, number[]>();

  /** The shared group at `place` (files, mounts, supers, bdevs, works) whose codes start at key[at], made the first time it is met. */
  private group<T extends object>(place: number, key: string, at: number): T {
    const byText = this.groups[place]!;
    const text = key.slice(at, at + this.lengths[place]!);
    let g = byText[text] as T | undefined;
    if (g === undefined) {
      g = byText[text] = this.makeGroup(place, key, at) as T;
      this.groupCodes.set(g, Array.from(text, (ch) => ch.charCodeAt(0)));
    }
    return g;
  }

  private makeGroup(place: number, key: string, from: number): object {
    const s = this.start;
    const codeAt = (i: number): number => key.charCodeAt(i);
    let i = from;
    switch (place) {
      case 0: {
        const r: World['files'] = {};
        for (const k in s.files) {
          r[k] = { id: k, f_count: this.countOf(codeAt(i)), mnt: s.files[k]!.mnt, freed: codeAt(i + 1) === 1 };
          i += 2;
        }
        return r;
      }
      case 1: {
        const r: World['mounts'] = {};
        for (const k in s.mounts) {
          r[k] = { id: k, sb: s.mounts[k]!.sb, mnt_count: this.countOf(codeAt(i)), mnt_ns: this.byCode[codeAt(i + 1)] as string | null, doomed: codeAt(i + 2) === 1, freed: codeAt(i + 3) === 1 };
          i += 4;
        }
        return r;
      }
      case 2: {
        const r: World['supers'] = {};
        for (const k in s.supers) {
          r[k] = { id: k, bdev: s.supers[k]!.bdev, s_active: this.countOf(codeAt(i)), state: this.byCode[codeAt(i + 1)] as SuperState, shutdown: codeAt(i + 2) === 1 };
          i += 3;
        }
        return r;
      }
      case 3: {
        const r: World['bdevs'] = {};
        for (const k in s.bdevs) r[k] = { id: k, state: this.byCode[codeAt(i++)] as BlockDevice['state'] };
        return r;
      }
      default: {
        const r = {} as World['works'];
        for (const k in s.works) {
          const id = k as keyof World['works'];
          r[id] = { id, pending: this.byCode[codeAt(i)] as DelayedWork['pending'], running: codeAt(i + 1) === 1, completed: this.countOf(codeAt(i + 2)) };
          i += 3;
        }
        return r;
      }
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
    const s = this.start;
    const kernel = value<World['kernel']>();
    const n = next();
    const tasks: Task[] = [];
    for (let i = 0; i < n; i++) tasks.push(this.taskByCode.get(next())!);
    const files = this.group<World['files']>(0, key, at);
    at += this.lengths[0]!;
    const mounts = this.group<World['mounts']>(1, key, at);
    at += this.lengths[1]!;
    const namespaces: World['namespaces'] = {};
    for (const k in s.namespaces) namespaces[k] = { id: k, count: count(), mounts: list() };
    const supers = this.group<World['supers']>(2, key, at);
    at += this.lengths[2]!;
    const bdevs = this.group<World['bdevs']>(3, key, at);
    at += this.lengths[3]!;
    const delayed_fput_list = list();
    const delayed_mntput_list = list();
    const works = this.group<World['works']>(4, key, at);
    at += this.lengths[4]!;
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

/** An op as text, field by field in its own order (ops of one kind are made by one literal); arrays as JSON. */
function opText(op: Op): string {
  let text = 'op:';
  for (const k in op) {
    const v = (op as unknown as Record<string, unknown>)[k];
    text += typeof v === 'object' ? `${k}=${JSON.stringify(v)};` : `${k}=${v as string};`;
  }
  return text;
}

