/**
 * Checks a scenario before anything runs it, so that a mistake in a scenario
 * file is reported as such (with its place) rather than as a wrong verdict.
 */
import { NakError } from '../errors.ts';
import type { Op, OpName } from '../model/ops.ts';
import { discardThreadName, type KernelVariant } from '../model/world.ts';
import { PROPERTY_NAMES } from '../properties/index.ts';
import { IMPLICIT_TASKS } from './build.ts';
import { VERDICTS, type Scenario } from './define.ts';

const KERNELS: readonly KernelVariant[] = ['v4.13', 'v4.13+umount-wait-v2', 'vendor-4.14'];
const PROGRAM_CALLS = ['sys_umount', 'sys_reboot', 'sys_exit', 'sys_ioctl_shutdown', 'IsDataMounted', 'sys_statfs', 'sys_close', 'fput', 'wait_for'];
/** Program steps that only a user task takes: the syscalls, and Android init's look at /proc/mounts. */
const USER_ONLY = ['IsDataMounted'];
const REBOOT_CMDS = ['LINUX_REBOOT_CMD_RESTART', 'LINUX_REBOOT_CMD_RESTART2'];
/** MNT_FORCE only calls ->umount_begin, which f2fs and ext4 lack; MNT_EXPIRE is not modelled. */
const UMOUNT_FLAGS = ['MNT_DETACH', 'UMOUNT_WAIT', 'MNT_FORCE', 'UMOUNT_NOFOLLOW'];
const NAME = /^[a-z][a-z0-9-]*$/;
/** Every op of the model, by its kernel name (the type makes the list complete). */
const OPS: Record<OpName, true> = {
  sys_umount: true, sys_reboot: true, sys_exit: true, sys_ioctl_shutdown: true, IsDataMounted: true, sys_statfs: true, sys_close: true, fput: true, wait_for: true,
  do_umount: true, mntput_no_expire: true, cleanup_mnt: true, delayed_mntput: true, put_mnt_ns: true,
  flush_delayed_mntput_wait: true, vendor_umount_flush: true, __fput: true, delayed_fput: true,
  flush_delayed_fput: true, flush_delayed_fput_wait: true, deactivate_super: true, kill_block_super: true, issue_discard_thread: true,
  flush_scheduled_work: true, flush_delayed_work: true, wait_for_work: true, process_one_work: true, work_done: true,
  kernel_restart_prepare: true, device_shutdown: true, machine_restart: true, exit_task_work: true, exit_to_usermode: true,
};
/** Every call a step can make: what a situation's step may name (a timer's step is delayed_work_timer_fn). */
const CALLS: readonly string[] = [...Object.keys(OPS), 'delayed_work_timer_fn'];
/** The syscall name a milestone uses for each program step that makes one. */
const SYSCALL_OF: Record<string, string> = { sys_umount: 'umount', sys_reboot: 'reboot', sys_exit: 'exit', sys_ioctl_shutdown: 'ioctl', sys_statfs: 'statfs', sys_close: 'close' };
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Why `id` cannot name an object, or null. Ids become keys of the model's
 * records, so a name every JavaScript object already has ('constructor') is refused.
 */
function badId(id: unknown): string | null {
  if (typeof id !== 'string' || !NAME.test(id)) return `'${String(id)}' is not a name (lower-case letters, digits and dashes, starting with a letter)`;
  if (id in Object.prototype) return `'${id}' is reserved (every JavaScript object has it); choose another name`;
  return null;
}

/** Validate `raw` (a scenario module's default export) loaded from `source`. */
export function validateScenario(raw: unknown, source: string): Scenario {
  const problems: string[] = [];
  const bad = (where: string, what: string): void => void problems.push(`${where}: ${what}`);
  if (!isObject(raw)) {
    throw new NakError('bad-scenario', `${source}: the default export is not a scenario object (use defineScenario({...}))`);
  }
  const s = raw as Record<string, unknown>;
  for (const key of ['id', 'title', 'summary', 'kernel']) {
    if (typeof s[key] !== 'string' || s[key] === '') bad(key, 'missing or not a string');
  }
  if (typeof s.id === 'string' && !ID.test(s.id)) bad('id', `'${s.id}' is not kebab-case`);
  if (typeof s.kernel === 'string' && !KERNELS.includes(s.kernel as KernelVariant)) {
    bad('kernel', `'${s.kernel}' is not one of ${KERNELS.join(', ')}`);
  }

  const setup = s.setup;
  const bdevs = new Set<string>();
  const sbs = new Set<string>();
  const nss = new Set<string>();
  const mnts = new Set<string>();
  const files = new Set<string>();
  const detached = new Set<string>();
  const held = new Set<string>();
  /** The names of the f2fs discard threads the machine will have (one per filesystem mounted with -o discard). */
  const discardThreads = new Set<string>();
  if (!isObject(setup)) {
    bad('setup', 'missing');
  } else {
    const list = (key: string): unknown[] => {
      const v = setup[key];
      if (!Array.isArray(v)) {
        bad(`setup.${key}`, 'missing or not an array');
        return [];
      }
      return v;
    };
    list('filesystems').forEach((f, i) => {
      const at = `setup.filesystems[${i}]`;
      if (!isObject(f) || typeof f.bdev !== 'string' || typeof f.sb !== 'string') return bad(at, 'needs { bdev, sb } (and optionally discard: true)');
      if (f.discard !== undefined && typeof f.discard !== 'boolean') bad(`${at}.discard`, 'must be true or false');
      if (f.discard === true) {
        // Its discard thread, f2fs-discard:<bdev>, is named in schedules, whose names take letters only after the colon.
        if (!/^[a-z]+$/.test(f.bdev)) bad(`${at}.bdev`, `a filesystem mounted with discard needs a device named in letters only: its discard thread is '${discardThreadName(f.bdev)}'`);
        discardThreads.add(discardThreadName(f.bdev));
      }
      for (const k of ['bdev', 'sb'] as const) {
        const why = badId(f[k]);
        if (why) bad(`${at}.${k}`, why);
      }
      if (bdevs.has(f.bdev) || sbs.has(f.sb)) bad(at, 'duplicate device or superblock');
      bdevs.add(f.bdev);
      sbs.add(f.sb);
    });
    list('namespaces').forEach((n, i) => {
      const why = badId(n);
      if (why) bad(`setup.namespaces[${i}]`, why);
      else nss.add(n as string);
    });
    list('mounts').forEach((m, i) => {
      const at = `setup.mounts[${i}]`;
      if (!isObject(m) || typeof m.id !== 'string' || typeof m.sb !== 'string' || (typeof m.ns !== 'string' && m.ns !== null)) {
        return bad(at, 'needs { id, sb, ns } (ns: null for a detached mount)');
      }
      const why = badId(m.id);
      if (why) bad(`${at}.id`, why);
      if (!sbs.has(m.sb)) bad(`${at}.sb`, `unknown superblock '${m.sb}'`);
      if (m.ns !== null && !nss.has(m.ns)) bad(`${at}.ns`, `unknown namespace '${m.ns}'`);
      if (m.ns === null) detached.add(m.id);
      if (mnts.has(m.id)) bad(`${at}.id`, `duplicate mount '${m.id}'`);
      mnts.add(m.id);
    });
    list('files').forEach((f, i) => {
      const at = `setup.files[${i}]`;
      if (!isObject(f) || typeof f.id !== 'string' || typeof f.mnt !== 'string') return bad(at, 'needs { id, mnt }');
      const why = badId(f.id);
      if (why) bad(`${at}.id`, why);
      if (!mnts.has(f.mnt)) bad(`${at}.mnt`, `unknown mount '${f.mnt}'`);
      if (files.has(f.id)) bad(`${at}.id`, `duplicate file '${f.id}'`);
      files.add(f.id);
      held.add(f.mnt);
    });
    for (const m of detached) if (!held.has(m)) bad('setup.mounts', `detached mount '${m}' has no open file: nothing would keep it alive`);
  }

  const taskNames = new Set<string>();
  const nsUsers = new Set<string>();
  if (!Array.isArray(s.tasks) || s.tasks.length === 0) {
    bad('tasks', 'missing or empty');
  } else {
    s.tasks.forEach((t, i) => {
      const at = `tasks[${i}]`;
      if (!isObject(t)) return bad(at, 'not an object');
      const why = badId(t.name);
      if (why || typeof t.name !== 'string') return bad(`${at}.name`, why ?? 'missing');
      if (taskNames.has(t.name) || IMPLICIT_TASKS.some((x) => x.name === t.name)) bad(`${at}.name`, `'${t.name}' is taken`);
      taskNames.add(t.name);
      if (t.kind !== 'user' && t.kind !== 'kthread') bad(`${at}.kind`, `'${String(t.kind)}' is not 'user' or 'kthread'`);
      if (t.kind === 'user') {
        if (typeof t.ns !== 'string' || !nss.has(t.ns)) bad(`${at}.ns`, `a user task needs a known namespace, got '${String(t.ns)}'`);
        else nsUsers.add(t.ns);
      } else if (t.ns !== undefined) bad(`${at}.ns`, 'a kernel thread has no mount namespace of its own here');
      if (!Array.isArray(t.program)) return bad(`${at}.program`, 'missing');
      t.program.forEach((op: unknown, j: number) => checkOp(op, `${at}.program[${j}]`, t.kind === 'user'));
    });
  }
  for (const ns of nss) if (!nsUsers.has(ns)) bad('setup.namespaces', `namespace '${ns}' has no user task in it`);
  checkReferences();

  /**
   * Each open file has one reference, so it may be fput() once in all; a
   * waitFor() must name a milestone that some task's program can reach.
   */
  function checkReferences(): void {
    if (!Array.isArray(s.tasks)) return;
    const tasks = s.tasks.filter(isObject);
    const fputs = new Map<string, string[]>();
    const returns = new Set<string>();
    tasks.forEach((t, i) => {
      if (!Array.isArray(t.program)) return;
      t.program.forEach((op: unknown, j: number) => {
        if (!isObject(op)) return;
        if ((op.fn === 'fput' || op.fn === 'sys_close') && typeof op.file === 'string') fputs.set(op.file, [...(fputs.get(op.file) ?? []), `tasks[${i}].program[${j}]`]);
        const call = SYSCALL_OF[String(op.fn)];
        if (call) returns.add(`${String(t.name)}:${call}:returned`);
      });
    });
    for (const [file, at] of fputs) {
      if (at.length > 1) bad(at[1]!, `fput('${file}') again: ${file} has one reference, already dropped at ${at[0]}`);
    }
    tasks.forEach((t, i) => {
      if (!Array.isArray(t.program)) return;
      t.program.forEach((op: unknown, j: number) => {
        if (!isObject(op) || op.fn !== 'wait_for' || typeof op.milestone !== 'string') return;
        const m = /^([a-z][a-z0-9-]*):([a-z]+):returned$/.exec(op.milestone);
        if (!m) return;
        const at = `tasks[${i}].program[${j}]`;
        const [, who, call] = m;
        if (!tasks.some((x) => x.name === who)) bad(at, `waitFor('${op.milestone}') names no task '${who}'`);
        else if (call === 'reboot') bad(at, `waitFor('${op.milestone}'): reboot(2) never returns`);
        else if (!returns.has(op.milestone)) bad(at, `waitFor('${op.milestone}'): ${who} makes no ${call}(2) call`);
      });
    });
  }

  function checkOp(op: unknown, at: string, user: boolean): void {
    if (!isObject(op) || typeof op.fn !== 'string' || !PROGRAM_CALLS.includes(op.fn)) {
      return bad(at, `not a program step (${PROGRAM_CALLS.join(', ')})`);
    }
    const o = op as Op;
    const userOnly = o.fn.startsWith('sys_') || USER_ONLY.includes(o.fn);
    if (userOnly && !user) bad(at, `${o.fn} is ${o.fn.startsWith('sys_') ? 'a syscall' : "a step of a user task's"}: only a user task makes it`);
    if (o.fn === 'fput' && user) bad(at, "a user task drops its file with close('…'): its task_work must run as the syscall returns");
    if ((o.fn === 'fput' || o.fn === 'sys_close') && !files.has(o.file)) bad(at, `unknown file '${o.file}'`);
    if ((o.fn === 'sys_umount' || o.fn === 'sys_ioctl_shutdown' || o.fn === 'IsDataMounted' || o.fn === 'sys_statfs') && !mnts.has(o.mnt)) bad(at, `unknown mount '${o.mnt}'`);
    if (o.fn === 'sys_reboot' && o.cmd !== undefined && !REBOOT_CMDS.includes(o.cmd)) bad(at, `reboot command must be one of ${REBOOT_CMDS.join(', ')}, got '${String(o.cmd)}'`);
    if (o.fn === 'sys_umount') {
      if (!Array.isArray(o.flags)) bad(at, 'flags must be an array');
      else for (const f of o.flags) {
        if (f === 'MNT_EXPIRE') bad(at, 'MNT_EXPIRE is not modelled');
        else if (!UMOUNT_FLAGS.includes(f)) bad(at, `unknown umount flag '${String(f)}'`);
      }
    }
    if (o.fn === 'wait_for' && (typeof o.milestone !== 'string' || !/^[a-z][a-z0-9-]*:[a-z]+:returned$/.test(o.milestone))) {
      bad(at, `milestone must read '<task>:<syscall>:returned', got '${String(o.milestone)}'`);
    }
  }

  if (!isObject(s.expect)) {
    bad('expect', `missing: declare a verdict (${VERDICTS.join(', ')}) for each of ${PROPERTY_NAMES.join(', ')}`);
  } else {
    for (const p of PROPERTY_NAMES) {
      const v = s.expect[p];
      if (v === undefined) bad(`expect.${p}`, `missing: declare always, sometimes or never`);
      else if (!VERDICTS.includes(v as never)) bad(`expect.${p}`, `'${String(v)}' is not always, sometimes or never`);
    }
    for (const k of Object.keys(s.expect)) {
      if (!PROPERTY_NAMES.includes(k)) bad(`expect.${k}`, `unknown property; known: ${PROPERTY_NAMES.join(', ')}`);
    }
  }
  if (s.prelude !== undefined && typeof s.prelude !== 'string') bad('prelude', 'must be a schedule string');
  if (s.schedules !== undefined) {
    if (!isObject(s.schedules)) bad('schedules', 'must map names to { schedule, note }');
    else {
      for (const [name, p] of Object.entries(s.schedules)) {
        if (!ID.test(name)) bad(`schedules.${name}`, 'name must be kebab-case');
        if (!isObject(p) || typeof p.schedule !== 'string' || typeof p.note !== 'string') bad(`schedules.${name}`, 'needs { schedule, note }');
      }
    }
  }
  if (s.marks !== undefined) {
    if (!isObject(s.marks)) bad('marks', 'must map names to { description, at, when?, progressOf }');
    else for (const [name, m] of Object.entries(s.marks)) checkMark(name, m);
  }

  /** A mark names a task and a call, optionally a condition, and the task whose progress measures it. */
  function checkMark(name: string, m: unknown): void {
    const at = `marks.${name}`;
    const allTasks = [...taskNames, ...IMPLICIT_TASKS.map((t) => t.name), ...discardThreads];
    if (!ID.test(name)) bad(at, 'name must be kebab-case');
    if (!isObject(m)) return bad(at, 'needs { description, at: { task, call }, when?, progressOf }');
    if (typeof m.description !== 'string' || !m.description) bad(`${at}.description`, 'missing');
    if (!isObject(m.at) || typeof m.at.task !== 'string' || typeof m.at.call !== 'string') bad(`${at}.at`, 'needs { task, call }');
    else {
      if (!allTasks.includes(m.at.task)) bad(`${at}.at.task`, `unknown task '${m.at.task}'`);
      if (!CALLS.includes(m.at.call)) bad(`${at}.at.call`, `'${m.at.call}' is not a call the model makes`);
    }
    if (m.when !== undefined) checkCondition(m.when, `${at}.when`, allTasks);
    if (typeof m.progressOf !== 'string' || !taskNames.has(m.progressOf)) bad(`${at}.progressOf`, `must name one of the scenario's tasks, got '${String(m.progressOf)}'`);
  }

  if (s.situations !== undefined) {
    if (!isObject(s.situations)) bad('situations', 'must map names to { description, at, when, expect }');
    else for (const [name, sit] of Object.entries(s.situations)) checkSituation(name, sit);
  }

  /** A situation names a task that exists, a call it can make, a condition on known objects, and every verdict. */
  function checkSituation(name: string, sit: unknown): void {
    const at = `situations.${name}`;
    if (!ID.test(name)) bad(at, 'name must be kebab-case');
    if (!isObject(sit)) return bad(at, 'needs { description, at: { task, call }, when, expect }');
    if (typeof sit.description !== 'string' || !sit.description) bad(`${at}.description`, 'missing');
    const allTasks = [...taskNames, ...IMPLICIT_TASKS.map((t) => t.name), ...discardThreads];
    if (!isObject(sit.at) || typeof sit.at.task !== 'string' || typeof sit.at.call !== 'string') bad(`${at}.at`, 'needs { task, call }');
    else {
      if (!allTasks.includes(sit.at.task)) bad(`${at}.at.task`, `unknown task '${sit.at.task}'; tasks: ${allTasks.join(', ')}`);
      if (!CALLS.includes(sit.at.call)) bad(`${at}.at.call`, `'${sit.at.call}' is not a call the model makes; calls: ${CALLS.join(', ')}`);
    }
    checkCondition(sit.when, `${at}.when`, allTasks);
    if (!isObject(sit.expect)) bad(`${at}.expect`, `missing: declare a verdict for each of ${PROPERTY_NAMES.join(', ')}`);
    else {
      for (const p of PROPERTY_NAMES) {
        const v = sit.expect[p];
        if (!VERDICTS.includes(v as never)) bad(`${at}.expect.${p}`, v === undefined ? 'missing: declare always, sometimes or never' : `'${String(v)}' is not always, sometimes or never`);
      }
      for (const k of Object.keys(sit.expect)) if (!PROPERTY_NAMES.includes(k)) bad(`${at}.expect.${k}`, 'unknown property');
    }
  }

  function checkCondition(c: unknown, at: string, allTasks: string[]): void {
    if (!isObject(c)) return bad(at, 'needs a condition: { onList, item }, { work, is }, { task, at }, { sb, state }, { not }, { all } or { any }');
    if ('onList' in c) {
      if (c.onList === 'delayed_fput_list' ? !files.has(String(c.item)) : c.onList === 'delayed_mntput_list' ? !mnts.has(String(c.item)) : true) {
        bad(at, `onList must be delayed_fput_list (with a file) or delayed_mntput_list (with a mount), got ${String(c.onList)} and '${String(c.item)}'`);
      }
    } else if ('work' in c) {
      if (!['delayed_fput_work', 'delayed_mntput_work'].includes(String(c.work)) || !['timer-armed', 'queued', 'running', 'idle'].includes(String(c.is))) {
        bad(at, `work must be delayed_fput_work or delayed_mntput_work, and is one of timer-armed, queued, running, idle`);
      }
    } else if ('task' in c) {
      if (!allTasks.includes(String(c.task))) bad(at, `unknown task '${String(c.task)}'`);
      if (!CALLS.includes(String(c.at))) bad(at, `'${String(c.at)}' is not a call the model makes`);
    } else if ('sb' in c) {
      if (!sbs.has(String(c.sb)) || !['active', 'dying', 'dead'].includes(String(c.state))) bad(at, `sb must name a superblock and state be active, dying or dead`);
    } else if ('not' in c) checkCondition(c.not, `${at}.not`, allTasks);
    else if ('all' in c || 'any' in c) {
      const list = c.all ?? c.any;
      if (!Array.isArray(list) || list.length === 0) bad(at, 'all and any take a non-empty array of conditions');
      else list.forEach((x: unknown, i: number) => checkCondition(x, `${at}.${'all' in c ? 'all' : 'any'}[${i}]`, allTasks));
    } else bad(at, `unknown condition (keys: ${Object.keys(c).join(', ')})`);
  }

  if (problems.length) {
    throw new NakError('bad-scenario', `${source}: malformed scenario\n  ${problems.join('\n  ')}`);
  }
  return raw as unknown as Scenario;
}
