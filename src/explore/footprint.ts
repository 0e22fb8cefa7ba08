/**
 * What one step reads and writes, recorded as it runs, for partial-order
 * reduction (src/explore/sleep-sets.ts). Two steps of different tasks that
 * touch disjoint state (neither writes what the other reads or writes) commute:
 * run in either order, they end in the same state, and neither enables or
 * disables the other, because a task's enabledness is read too.
 *
 * A footprint is found, not declared, so no table of what each kernel function
 * touches can drift from the model: the step runs on a view of the state (a
 * Proxy) that notes every record, list and field it reaches, and what it changed
 * is found by comparing those before and after (StepWatch). What it counts:
 *   - each task, file, mount, namespace, superblock, block device and delayed
 *     work is one location (any field of it: a coarse but safe grain);
 *   - each of the two llists, the milestones, reboot_mutex, system_state, and
 *     halted with oops, is one location;
 *   - the fields that never change (a record's id, a task's name and kind, which
 *     mount a file is on, ...) and the set of records (no step adds or removes
 *     one) are not reads;
 *   - World.seen is not a location: the monitors only ever add to it, as a
 *     sorted set, so two steps' additions commute.
 * The monitors' reads of the state after the step (a superblock's state when
 * umount(2) returns, every superblock at device_shutdown()) are part of the
 * step's footprint, so that a step that changes what a monitor would see is
 * never taken to commute with it.
 */
import type { Task, World } from '../model/world.ts';

/** Fields of a record that no step changes: reading them is not a read of the record. */
const FIXED_FIELDS: ReadonlySet<PropertyKey> = new Set(['id', 'name', 'kind', 'mnt', 'sb', 'bdev', 'work']);

/** The parts of a World that are dictionaries of records, each record one location. */
const RECORD_PARTS = ['files', 'mounts', 'namespaces', 'supers', 'bdevs', 'works'] as const;
type RecordPart = (typeof RECORD_PARTS)[number];
/** The other fields of a World that are one location each (World.seen is none: see above; kernel and tasks are fixed). */
const FIELD_LOCATIONS: Readonly<Record<string, string>> = {
  delayed_fput_list: 'delayed_fput_list',
  delayed_mntput_list: 'delayed_mntput_list',
  milestones: 'milestones',
  reboot_mutex: 'reboot_mutex',
  system_state: 'system_state',
  halted: 'halted',
  oops: 'halted',
};

/** Every location of one scenario's states, numbered. */
export class Locations {
  readonly names: string[] = [];
  /** The number of each record's location, by part and id ('task' for tasks), and of each World field's. */
  private readonly records: Record<string, Record<string, number>> = Object.create(null);
  private readonly fields: Record<string, number> = Object.create(null);

  constructor(start: World) {
    this.records.task = Object.create(null) as Record<string, number>;
    for (const t of start.tasks) this.records.task[t.name] = this.add(`task:${t.name}`);
    for (const part of RECORD_PARTS) {
      const ids = (this.records[part] = Object.create(null) as Record<string, number>);
      for (const id in start[part]) ids[id] = this.add(`${part}:${id}`);
    }
    for (const [field, name] of Object.entries(FIELD_LOCATIONS)) this.fields[field] = this.names.includes(name) ? this.names.indexOf(name) : this.add(name);
  }

  private add(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }

  /** A record's location: `part` is a part of the World that holds records, or 'task'. */
  record(part: string, id: string): number {
    const i = this.records[part]?.[id];
    if (i === undefined) throw new Error(`no location ${part}:${id}`);
    return i;
  }

  /** A World field's location (both halted and oops are 'halted'). */
  field(name: string): number {
    return this.fields[name]!;
  }

  get size(): number {
    return this.names.length;
  }
}

/** The locations one step read and wrote, as bit sets: 32 locations to a word, reads then writes. */
export class Footprint {
  private readonly bits: number[];
  private readonly words: number;

  constructor(size: number) {
    this.words = Math.ceil(size / 32);
    this.bits = new Array<number>(2 * this.words).fill(0);
  }

  read(loc: number): void {
    this.bits[loc >>> 5]! |= 1 << (loc & 31);
  }

  write(loc: number): void {
    this.bits[this.words + (loc >>> 5)]! |= 1 << (loc & 31);
  }

  /** Whether this step and `other` commute: neither writes a location the other reads or writes. */
  independentOf(other: Footprint): boolean {
    const a = this.bits;
    const b = other.bits;
    const n = this.words;
    for (let i = 0; i < n; i++) {
      const w = a[n + i]!;
      const v = b[n + i]!;
      if ((w & (b[i]! | v)) !== 0 || (v & a[i]!) !== 0) return false;
    }
    return true;
  }

  /** The locations, by name, for tests and messages. */
  describe(locs: Locations): { reads: string[]; writes: string[] } {
    const names = (from: number) => locs.names.filter((_, i) => (this.bits[from + (i >>> 5)]! & (1 << (i & 31))) !== 0);
    return { reads: names(0), writes: names(this.words) };
  }
}

/** The field of each kind of record that is a list: compared by content. */
const RECORD_LISTS: Readonly<Record<string, string>> = { namespaces: 'mounts' };

/**
 * What one step touches, noted as it runs. `view(w)` is the step's view of a
 * state: reading a record, a list or a scalar field through it notes a read of
 * that location (a record is read when it is reached, whatever is done with it).
 * `finish(before, after)` then notes as written every location whose value the
 * step changed, by comparing the records it reached, and the lists and fields of
 * the World, before and after: a step that writes a location back unchanged has
 * only read it, which is what commuting needs.
 */
export class StepWatch {
  readonly fp: Footprint;
  private readonly locs: Locations;
  /** The records the step reached, as part and id, in the order reached (repeats and all). */
  private readonly parts: string[] = [];
  private readonly ids: string[] = [];

  constructor(locs: Locations) {
    this.locs = locs;
    this.fp = new Footprint(locs.size);
  }

  /** A view of `world` through which reads are noted. */
  view(world: World): World {
    const { fp, locs } = this;
    const parts = new Map<PropertyKey, object>();
    let tasks: Task[] | null = null;
    // Reflect without the proxy as receiver: the state a step works on copies each part on first touch (copyForStep), in getters that must see the state itself.
    return new Proxy(world, {
      get: (t, p) => {
        const v = Reflect.get(t, p) as unknown;
        if (p === 'tasks') return (tasks ??= this.tasks(v as Task[]));
        if ((RECORD_PARTS as readonly PropertyKey[]).includes(p)) {
          let part = parts.get(p);
          if (!part) parts.set(p, (part = this.records(v as Record<string, object>, p as string)));
          return part;
        }
        if (FIELD_LOCATIONS[p as string] !== undefined) fp.read(locs.field(p as string));
        return v;
      },
    });
  }

  /** Note as written what the step changed: the records it reached, and the World's lists and fields, compared before and after. */
  finish(before: World, after: World): void {
    const { fp, locs } = this;
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i]!;
      const id = this.ids[i]!;
      const was = (before[part as RecordPart] as unknown as Record<string, Record<string, unknown>>)[id]!;
      const now = (after[part as RecordPart] as unknown as Record<string, Record<string, unknown>>)[id]!;
      if (!sameRecord(was, now, RECORD_LISTS[part])) fp.write(locs.record(part, id));
    }
    for (const field in FIELD_LOCATIONS) {
      const was = before[field as keyof World];
      const now = after[field as keyof World];
      if (Array.isArray(was) ? !sameList(was, now as unknown[]) : was !== now) fp.write(locs.field(field));
    }
  }

  /** World.tasks, each task seen through task() when it is reached (a lookup that stops at the first match reaches only the tasks before it). */
  private tasks(list: Task[]): Task[] {
    const seen: Task[] = [];
    return new Proxy(list, {
      get: (t, p, r) => {
        if (typeof p === 'string') {
          const i = Number(p);
          if (Number.isInteger(i) && i >= 0 && i < t.length) return (seen[i] ??= this.task(t[i]!));
        }
        // The array's methods run with the view as `this`, so that they reach tasks through it.
        return Reflect.get(t, p, r) as unknown;
      },
    });
  }

  /** A task, reached through World.tasks (a step has its own task as its context's; the monitors look tasks up here): any field but the fixed ones is a read. */
  private task(task: Task): Task {
    const loc = this.locs.record('task', task.name);
    return new Proxy(task, {
      get: (t, p) => {
        if (!FIXED_FIELDS.has(p)) this.fp.read(loc);
        return Reflect.get(t, p) as unknown;
      },
    });
  }

  /** A part of the World that holds records: reaching a record is a read of it. Which records exist never changes, so listing them (Object.keys, for-in) reads none. */
  private records<T extends object>(records: Record<string, T>, part: string): Record<string, T> {
    return new Proxy(records, {
      get: (t, p) => {
        const v = Reflect.get(t, p) as unknown;
        if (typeof p === 'string' && v !== null && typeof v === 'object') {
          this.fp.read(this.locs.record(part, p));
          this.parts.push(part);
          this.ids.push(p);
        }
        return v;
      },
    });
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two versions of a record hold the same values (a list field by content). */
function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>, list: string | undefined): boolean {
  if (a === b) return true;
  for (const k in a) {
    if (k === list ? !sameList(a[k] as unknown[], b[k] as unknown[]) : a[k] !== b[k]) return false;
  }
  return true;
}
