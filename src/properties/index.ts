/**
 * The properties every explored state is checked for. Each is a monitor over
 * one step (what happened, and the state after it), kept apart from the model
 * so that the model never knows what is being checked. A property, once seen
 * in a run, stays seen (World.seen).
 */
import type { StepEvent } from '../model/step.ts';
import type { World } from '../model/world.ts';

export interface Property {
  readonly name: string;
  /** One sentence, as the site and `nak list` show it. */
  readonly summary: string;
  /** Evidence if this step shows the property, else null. */
  readonly onStep?: (world: World, event: StepEvent) => string | null;
  /** Evidence if this final state (no task can run) shows the property, else null. */
  readonly atEnd?: (world: World) => string | null;
}

const oops: Property = {
  name: 'oops',
  summary: 'Device I/O after device_shutdown(): the crash the patch was about.',
  onStep: (_w, e) => {
    const s = e.signals.find((x) => x.type === 'oops');
    return s && s.type === 'oops' ? s.reason : null;
  },
};

const umountReturnedWhileAlive: Property = {
  name: 'umount-returned-while-alive',
  summary: 'umount(2) returned 0 while the superblock it unmounted had not been shut down.',
  onStep: (w, e) => {
    for (const s of e.signals) {
      if (s.type !== 'syscall_return' || s.syscall !== 'umount' || s.ret !== 0 || !s.sb) continue;
      const sb = w.supers[s.sb]!;
      if (sb.state !== 'dead') return `umount(2) returned 0 with ${sb.id} ${sb.state} (s_active ${sb.s_active})`;
    }
    return null;
  },
};

/**
 * A superblock that can still issue I/O: not dead, and either not shut down by
 * ioctl or, shut down, with discards still queued (v4.13's ioctl leaves them to
 * the discard thread and to the teardown: src/model/fs/f2fs.ts).
 */
const canIssueIo = (sb: World['supers'][string]): boolean => sb.state !== 'dead' && (!sb.shutdown || sb.discards_queued);

const deviceShutdownUnderLiveFs: Property = {
  name: 'device-shutdown-under-live-fs',
  summary: 'A block device was shut down while a superblock on it could still issue I/O (not dead, and not shut down by ioctl with nothing left queued).',
  onStep: (w, e) => {
    for (const s of e.signals) {
      if (s.type !== 'device_shutdown') continue;
      const live = Object.values(w.supers).filter((sb) => s.bdevs.includes(sb.bdev) && canIssueIo(sb));
      if (live.length) return `device_shutdown() with ${live.map((sb) => `${sb.id} ${sb.shutdown ? 'shut down by ioctl, discards queued' : sb.state} (s_active ${sb.s_active})`).join(', ')}`;
    }
    return null;
  },
};

const umountRanForeignFput: Property = {
  name: 'umount-ran-foreign-fput',
  summary: "umount(2) of one filesystem ran the final __fput() of a file on another filesystem.",
  onStep: (w, e) => {
    if (!e.signals.some((x) => x.type === '__fput')) return null;
    const task = w.tasks.find((t) => t.name === e.task)!;
    if (task.syscall?.name !== 'umount') return null;
    for (const s of e.signals) {
      if (s.type === '__fput' && s.sb !== task.syscall.sb) {
        return `${task.name}'s umount(2) of ${task.syscall.mnt} (${task.syscall.sb}) ran __fput(${s.file}) on ${s.sb}`;
      }
    }
    return null;
  },
};

const deadlock: Property = {
  name: 'deadlock',
  summary: 'No task can run, the machine has not restarted, and some task still has work to do.',
  atEnd: (w) => {
    if (w.halted) return null;
    // The f2fs discard thread asleep in its loop (or stopped) has nothing to do: idle, not stuck.
    const idle = (t: World['tasks'][number]): boolean => (t.stack[0] ?? t.program[0])?.fn === 'issue_discard_thread';
    const stuck = w.tasks.filter((t) => !t.exited && (t.stack.length > 0 || t.program.length > 0) && !idle(t));
    return stuck.length ? `stuck: ${stuck.map((t) => t.name).join(', ')}` : null;
  },
};

/** Every property, in the order reports list them. */
export const PROPERTIES: readonly Property[] = [
  oops,
  umountReturnedWhileAlive,
  deviceShutdownUnderLiveFs,
  umountRanForeignFput,
  deadlock,
];

export const PROPERTY_NAMES: readonly string[] = PROPERTIES.map((p) => p.name);

export interface Observation {
  readonly property: string;
  readonly evidence: string;
}

/** Add what was found to `world.seen`, as a new list: a state after a step may share its lists with the state before (copyForStep). */
function record(world: World, found: Observation[]): Observation[] {
  const fresh = found.map((o) => o.property).filter((p) => !world.seen.includes(p));
  if (fresh.length) world.seen = [...new Set([...world.seen, ...fresh])].sort();
  return found;
}

/** Check one step; marks what it saw in `world.seen` (world must be the step's fresh copy). */
export function observeStep(world: World, event: StepEvent): Observation[] {
  const found: Observation[] = [];
  for (const p of PROPERTIES) {
    const evidence = p.onStep?.(world, event);
    if (evidence) found.push({ property: p.name, evidence });
  }
  return record(world, found);
}

/** Check a final state. */
export function observeEnd(world: World): Observation[] {
  const found: Observation[] = [];
  for (const p of PROPERTIES) {
    const evidence = p.atEnd?.(world);
    if (evidence) found.push({ property: p.name, evidence });
  }
  return record(world, found);
}
