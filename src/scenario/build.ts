/** Builds a scenario's first state from its setup; reference counts follow from who holds what. */
import { discardThreadName, type Task, type WorkId, type World } from '../model/world.ts';
import type { Scenario } from './define.ts';

/** The timers and workers every machine has, after the scenario's own tasks. */
export const IMPLICIT_TASKS: ReadonlyArray<{ name: string; kind: 'timer' | 'worker'; work: WorkId }> = [
  { name: 'timer:fput', kind: 'timer', work: 'delayed_fput_work' },
  { name: 'kworker:fput', kind: 'worker', work: 'delayed_fput_work' },
  { name: 'timer:mntput', kind: 'timer', work: 'delayed_mntput_work' },
  { name: 'kworker:mntput', kind: 'worker', work: 'delayed_mntput_work' },
];

/**
 * After the scenario's tasks, the timers and workers, then one f2fs discard
 * thread per filesystem mounted with -o discard.
 * mnt_count = 1 for the namespace's attachment (none for a detached mount) + 1 per open file;
 * s_active = 1 per mount of the superblock; a namespace counts its tasks.
 */
export function buildWorld(s: Scenario): World {
  const { setup } = s;
  const world: World = {
    kernel: s.kernel,
    tasks: [],
    files: {},
    mounts: {},
    namespaces: {},
    supers: {},
    bdevs: {},
    delayed_fput_list: [],
    delayed_mntput_list: [],
    works: {
      delayed_fput_work: { id: 'delayed_fput_work', pending: null, running: false, completed: 0 },
      delayed_mntput_work: { id: 'delayed_mntput_work', pending: null, running: false, completed: 0 },
    },
    reboot_mutex: null,
    system_state: 'SYSTEM_RUNNING',
    halted: null,
    oops: null,
    milestones: [],
    seen: [],
  };
  for (const fs of setup.filesystems) {
    world.bdevs[fs.bdev] = { id: fs.bdev, state: 'alive' };
    const discard = fs.discard === true;
    world.supers[fs.sb] = { id: fs.sb, bdev: fs.bdev, s_active: 0, state: 'active', shutdown: false, discard, discards_queued: false, discard_thread: discard };
  }
  for (const ns of setup.namespaces) {
    world.namespaces[ns] = { id: ns, count: s.tasks.filter((t) => t.ns === ns).length, mounts: [] };
  }
  for (const m of setup.mounts) {
    world.mounts[m.id] = { id: m.id, sb: m.sb, mnt_count: m.ns ? 1 : 0, mnt_ns: m.ns, doomed: false, freed: false };
    if (m.ns) world.namespaces[m.ns]!.mounts.push(m.id);
    world.supers[m.sb]!.s_active += 1;
  }
  for (const f of setup.files) {
    world.files[f.id] = { id: f.id, f_count: 1, mnt: f.mnt, freed: false };
    world.mounts[f.mnt]!.mnt_count += 1;
  }
  const task = (name: string, kind: Task['kind'], ns: string | null, program: Task['program'], work: WorkId | null): Task => ({
    name, kind, ns, program, stack: [], task_works: [], syscall: null, work, exited: false,
  });
  for (const t of s.tasks) world.tasks.push(task(t.name, t.kind, t.ns ?? null, structuredClone([...t.program]), null));
  for (const t of IMPLICIT_TASKS) world.tasks.push(task(t.name, t.kind, null, [], t.work));
  // The f2fs discard thread of each filesystem mounted with -o discard, asleep in its loop (src/model/fs/f2fs.ts).
  for (const fs of setup.filesystems) {
    if (fs.discard !== true) continue;
    const thread = task(discardThreadName(fs.bdev), 'kthread', null, [], null);
    thread.stack.push({ fn: 'issue_discard_thread', sb: fs.sb });
    world.tasks.push(thread);
  }
  return world;
}
