/**
 * The explorer's compact state key. A state is a handful of parts: each task,
 * the files, the mounts, the namespaces, ..., each list, and a few scalars. Each
 * part's whole value is interned to one number at its place, as SPIN's COLLAPSE
 * mode stores each process's local state once: a part has few values of its own,
 * met in many states. The key is those numbers, in a fixed order, each below
 * 2^16 (25 of them at four kernel threads): quick to hash and small to store
 * (the explorer keeps keys in a SequenceTable). Within a part, every name, op
 * and large count is interned to a small number too (flags and small counts are
 * their own numbers), and those numbers, with each list's length first, are the
 * part's own sequence: two different values of a part never share one, so two
 * different states never share a key (a test checks this against the JSON over
 * every state of the catalogue). A group of records is its records' fields in
 * the order the start state lists them, without their ids or fixed fields: every
 * state of one exploration has the same records, in that order (each copy keeps
 * it), with the same fixed fields.
 *
 * A key is read back (decode) as a state whose parts are the interned values
 * themselves, shared with every other decoded state that has them: the
 * explorer's states are never changed once made, and a step copies each part of
 * a state before it touches it (copyForStep in src/model/world.ts). The sharing
 * also makes keys quick: a step's successor shares every part the step did not
 * touch with the state just decoded, and each place remembers the value it last
 * saw there, so only the parts the step touched are encoded.
 *
 * One interner serves one exploration: keys are only compared within it.
 */
import { NakError } from '../errors.ts';
import { SequenceTable } from './sequence-table.ts';
import type { Op } from '../model/ops.ts';
import {
  copyBdevs, copyFiles, copyMounts, copyNamespaces, copySupers, copyTask, copyWorks,
  type Task, type World,
} from '../model/world.ts';

/** The fields of a World, in the order the key encodes them; a test checks that this is every field. */
export const KEYED_WORLD_FIELDS = [
  'kernel', 'tasks', 'files', 'mounts', 'namespaces', 'supers', 'bdevs', 'delayed_fput_list', 'delayed_mntput_list',
  'works', 'milestones', 'seen', 'reboot_mutex', 'system_state', 'halted', 'oops',
] as const;

/** Counts below this are encoded as themselves. */
const SMALL = 64;
const NULL_CODE = 0;
/** The largest value code: a count past SMALL is SMALL + its code, and both must fit in 16 bits. */
const MAX_CODE = 0xffff - SMALL;
/** A part's code from this one on takes three numbers in a key: this one, then the code's high and low 16 bits. */
const WIDE = 0xffff;

/**
 * One place in a key (one task's slot, or one part of the state) and every value
 * met there, each once. `encode` writes a value's numbers; `copy` makes the
 * interned copy that decode() hands out, so that the interned value is not the
 * object keyed (which is known by its identity while it is the last keyed here:
 * hence no state may change once keyed).
 */
class Place<T extends object> {
  /** The value of the state last decoded here, and its code: that state's successors share every part their step did not touch. */
  decoded: T | null = null;
  decodedCode = -1;
  /** The last other value keyed here, and its code (a successor can be keyed twice: as itself and in its orbit's order). */
  last: T | null = null;
  lastCode = -1;
  /** Per code, the interned value: never changed, shared by every decoded state that has it. */
  readonly byCode: T[] = [];
  /** Every value met here, as its numbers; a value's code is its number in this table. */
  readonly table = new SequenceTable();
  readonly encode: (v: T, out: number[]) => void;
  readonly copy: (v: T) => T;

  constructor(encode: (v: T, out: number[]) => void, copy: (v: T) => T) {
    this.encode = encode;
    this.copy = copy;
  }
}

const copyList = (xs: string[]): string[] => xs.slice();

export class StateKeys {
  private readonly values = new Map<unknown, number>();
  private readonly strings: Record<string, number> = Object.create(null);
  /** The last value code handed out; 0 is null's. */
  private lastCode = NULL_CODE;
  /** What each value code stands for (index: the code). */
  private readonly byCode: unknown[] = [null];
  /** Ops are often the same object from state to state (a task's program); those are interned once by identity (one object per code, so that this stays small). */
  private readonly opCodes = new Map<Op, number>();
  /** Every op met, by its content: a trie of each field's name and value in turn (an array value as JSON), its code at the end. */
  private readonly opTrie = new Map<unknown, unknown>();
  /** The codes of the key being made, and of the part being encoded. */
  private readonly out: number[] = [];
  private readonly partOut: number[] = [];
  /** Where decode() is in the key it reads. */
  private at = 0;

  /** One place per task, then one per part (KEYED_WORLD_FIELDS order). */
  private readonly tasks: ReadonlyArray<Place<Task>>;
  private readonly files = new Place<World['files']>((r, o) => {
    for (const k in r) {
      const f = r[k]!;
      o.push(this.count(f.f_count), f.freed ? 1 : 0);
    }
  }, copyFiles);
  private readonly mounts = new Place<World['mounts']>((r, o) => {
    for (const k in r) {
      const m = r[k]!;
      o.push(this.count(m.mnt_count), this.value(m.mnt_ns), m.doomed ? 1 : 0, m.freed ? 1 : 0);
    }
  }, copyMounts);
  private readonly namespaces = new Place<World['namespaces']>((r, o) => {
    for (const k in r) {
      const n = r[k]!;
      o.push(this.count(n.count));
      this.list(n.mounts, o);
    }
  }, copyNamespaces);
  private readonly supers = new Place<World['supers']>((r, o) => {
    for (const k in r) {
      const s = r[k]!;
      o.push(this.count(s.s_active), this.value(s.state), s.shutdown ? 1 : 0, s.discards_queued ? 1 : 0, s.discard_thread ? 1 : 0);
    }
  }, copySupers);
  private readonly bdevs = new Place<World['bdevs']>((r, o) => {
    for (const k in r) o.push(this.value(r[k]!.state));
  }, copyBdevs);
  private readonly works = new Place<World['works']>((r, o) => {
    for (const k in r) {
      const wk = r[k as keyof typeof r];
      o.push(this.value(wk.pending), wk.running ? 1 : 0, this.count(wk.completed));
    }
  }, copyWorks);
  private readonly delayedFputList = new Place<string[]>((xs, o) => this.list(xs, o), copyList);
  private readonly delayedMntputList = new Place<string[]>((xs, o) => this.list(xs, o), copyList);
  private readonly milestones = new Place<string[]>((xs, o) => this.list(xs, o), copyList);
  private readonly seen = new Place<string[]>((xs, o) => this.list(xs, o), copyList);

  constructor(start: World) {
    // Each task's program at the start: a step only consumes a program from the front, so a program is usually a suffix of it.
    this.tasks = start.tasks.map((t) => {
      const program = t.program.slice();
      return new Place<Task>((task, o) => this.encodeTask(task, program, o), copyTask);
    });
  }

  /**
   * The key of `w`, as numbers below 2^16 (after `prefix`, if given: what else
   * tells two states apart, such as whether a run has met a situation); equal
   * keys from this interner mean equal states. The array is this interner's own,
   * valid until the next call. A state must not change once it has been keyed
   * (the explorer's never do): a part is known again by its identity.
   */
  codes(w: World, prefix?: number): readonly number[] {
    const o = this.out;
    o.length = 0;
    if (prefix !== undefined) o.push(prefix);
    o.push(this.value(w.kernel), w.tasks.length);
    for (let i = 0; i < w.tasks.length; i++) this.part(this.tasks[i]!, w.tasks[i]!);
    this.part(this.files, w.files);
    this.part(this.mounts, w.mounts);
    this.part(this.namespaces, w.namespaces);
    this.part(this.supers, w.supers);
    this.part(this.bdevs, w.bdevs);
    this.part(this.delayedFputList, w.delayed_fput_list);
    this.part(this.delayedMntputList, w.delayed_mntput_list);
    this.part(this.works, w.works);
    this.part(this.milestones, w.milestones);
    this.part(this.seen, w.seen);
    o.push(this.value(w.reboot_mutex), this.value(w.system_state), this.value(w.halted), this.value(w.oops));
    return o;
  }

  /** Push the code of `v` at `place`: known by identity if `v` is the very value last decoded or keyed there, else by its numbers (interned the first time). */
  private part<T extends object>(place: Place<T>, v: T): void {
    let c: number;
    if (place.decoded === v) c = place.decodedCode;
    else if (place.last === v) c = place.lastCode;
    else {
      const o = this.partOut;
      o.length = 0;
      place.encode(v, o);
      c = place.table.find(o, o.length);
      if (c < 0) {
        c = place.table.add(o, o.length, c);
        place.byCode.push(place.copy(v));
      }
      place.last = v;
      place.lastCode = c;
    }
    if (c < WIDE) this.out.push(c);
    else this.out.push(WIDE, c >>> 16, c & 0xffff);
  }

  private encodeTask(t: Task, start: readonly Op[], o: number[]): void {
    o.push(this.value(t.ns), t.exited ? 1 : 0, this.value(t.work));
    // The start program's suffix of this length, as one code (identity of every op checked); anything else, op by op.
    if (isSuffixOf(t.program, start)) o.push(0, t.program.length);
    else {
      o.push(1);
      this.opList(t.program, o);
    }
    this.opList(t.stack, o);
    this.opList(t.task_works, o);
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
      // Names and states are most of a part's numbers; a plain dictionary finds them fastest (they are the scenario's own strings, already interned by the engine).
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
    // A value's code is one 16-bit number in a part's sequence: past that a code would wrap onto another and merge two states.
    if (this.lastCode >= MAX_CODE) throw new NakError('bound-exceeded', `more than ${MAX_CODE} distinct values in one exploration (names, counts, ops): too many for the compact state key`);
    this.byCode.push(v);
    return ++this.lastCode;
  }

  private list(xs: readonly string[], o: number[]): void {
    o.push(xs.length);
    for (let i = 0; i < xs.length; i++) o.push(this.value(xs[i]));
  }

  private opList(ops: readonly Op[], o: number[]): void {
    o.push(ops.length);
    for (let i = 0; i < ops.length; i++) o.push(this.opCode(ops[i]!));
  }

  /** An op's code: an op met before is known by identity; a new one made by a step, by its content. */
  private opCode(op: Op): number {
    const known = this.opCodes.get(op);
    if (known !== undefined) return known;
    let node = this.opTrie;
    for (const k in op) {
      const v = (op as unknown as Record<string, unknown>)[k];
      node = branch(branch(node, k), typeof v === 'object' && v !== null ? JSON.stringify(v) : v);
    }
    let id = node.get(END) as number | undefined;
    if (id === undefined) {
      id = this.fresh(op);
      node.set(END, id);
      this.opCodes.set(op, id);
    }
    return id;
  }

  /**
   * The state whose key (from this interner, without its prefix) starts at
   * `words[from]`: its parts are the interned values, shared, never changed (a
   * step copies a part before it touches it). The explorer keeps the states
   * still to expand as their keys alone (see SequenceTable).
   */
  decode(words: ArrayLike<number>, from = 0): World {
    this.at = from;
    const kernel = this.byCode[words[this.at++]!] as World['kernel'];
    const n = words[this.at++]!;
    const tasks: Task[] = [];
    for (let i = 0; i < n; i++) tasks.push(this.read(this.tasks[i]!, words));
    const files = this.read(this.files, words);
    const mounts = this.read(this.mounts, words);
    const namespaces = this.read(this.namespaces, words);
    const supers = this.read(this.supers, words);
    const bdevs = this.read(this.bdevs, words);
    const delayed_fput_list = this.read(this.delayedFputList, words);
    const delayed_mntput_list = this.read(this.delayedMntputList, words);
    const works = this.read(this.works, words);
    const milestones = this.read(this.milestones, words);
    const seen = this.read(this.seen, words);
    const at = this.at;
    const reboot_mutex = this.byCode[words[at]!] as string | null;
    const system_state = this.byCode[words[at + 1]!] as World['system_state'];
    const halted = this.byCode[words[at + 2]!] as World['halted'];
    const oops = this.byCode[words[at + 3]!] as string | null;
    return { kernel, tasks, files, mounts, namespaces, supers, bdevs, delayed_fput_list, delayed_mntput_list, works, reboot_mutex, system_state, halted, oops, milestones, seen };
  }

  /** The value at `place` whose code is next in `words`; remembered there as the one last decoded, since the states keyed next are this one's successors. */
  private read<T extends object>(place: Place<T>, words: ArrayLike<number>): T {
    let c = words[this.at++]!;
    if (c === WIDE) {
      c = words[this.at]! * 0x10000 + words[this.at + 1]!;
      this.at += 2;
    }
    const v = place.byCode[c]!;
    place.decoded = v;
    place.decodedCode = c;
    return v;
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

/** Where an op's code is kept in its node of the op trie. */
const END = Symbol('op');

/** The node under `key` in a trie node, made if absent. */
function branch(node: Map<unknown, unknown>, key: unknown): Map<unknown, unknown> {
  let next = node.get(key) as Map<unknown, unknown> | undefined;
  if (next === undefined) node.set(key, (next = new Map()));
  return next;
}
