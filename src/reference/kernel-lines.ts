/**
 * Where each kernel function the model stands for is defined: for every
 * `@kernel <file> <function>` and `@vendor <file> <function>` tag in src/model,
 * the line that defines that function in the exact tree that was read, and the
 * link to it. Reviewed data, kept beside the tags: a test fails when a tag has
 * no entry here or an entry no tag, and `npm run kernel-lines -- <tree>` re-reads
 * every line from a source tree (src/reference/kernel-lines-check.ts; the README
 * says how the lines were read).
 *
 * A macro-defined function (SYSCALL_DEFINE2(umount, ...)) is at the line of its
 * SYSCALL_DEFINE; a function defined in a header (static inline) at the header's
 * line; a definition whose return type stands on the line before it at the line
 * of its name. Only the function's name is kept here, never the kernel's code.
 *
 * No `node:` imports: the trace's links in the browser (src/notebook/render.ts)
 * read this module too.
 */

export type SourceKind = 'kernel' | 'vendor';

/** Linux as the model follows it: the 4.13.4 tree, on Elixir. */
export const LINUX_VERSION = 'v4.13.4';
/** The vendor kernel the `@vendor` tags follow (OnePlus's 4.14 for the SM8150), at the commit read. */
export const VENDOR_REPO = 'OnePlusOSS/android_kernel_oneplus_sm8150';
export const VENDOR_COMMIT = '46e7111a5b987f3485fb7544a129d3ad95b41ad4';

export interface KernelLine {
  /** The model function that carries the tag (src/model/**). */
  readonly model: string;
  readonly kind: SourceKind;
  /** The file, as the tag names it. */
  readonly file: string;
  /** The function, as the tag names it (its first word): "cleanup_mnt", "SYSCALL_DEFINE2(umount)". */
  readonly fn: string;
  /** The version read: the Linux tag, or the vendor tree's commit. */
  readonly at: string;
  /** The line that defines the function, counted from 1. */
  readonly line: number;
  /** What that line must hold, at a word's start, for the function to be defined there. */
  readonly text: string;
}

// Marked free of side effects so that a bundle which never reads the lines (the explore worker) leaves them out.
/* @__NO_SIDE_EFFECTS__ */
function k(model: string, file: string, fn: string, line: number, text = `${fn}(`): KernelLine {
  return { model, kind: 'kernel', file, fn, at: LINUX_VERSION, line, text };
}
/* @__NO_SIDE_EFFECTS__ */
function v(model: string, file: string, fn: string, line: number, text = `${fn}(`): KernelLine {
  return { model, kind: 'vendor', file, fn, at: VENDOR_COMMIT, line, text };
}

/** Read from a Linux 4.13.4 tree and from OnePlus's tree at VENDOR_COMMIT (the README says how). */
export const KERNEL_LINES: readonly KernelLine[] = [
  // src/model/arch/entry.ts (the arm64 counterpart the tag mentions, do_notify_resume, is arch/arm64/kernel/signal.c:743)
  k('exit_to_usermode', 'arch/x86/entry/common.c', 'exit_to_usermode_loop', 136),
  // src/model/block/bio.ts
  k('submit_bio', 'block/blk-core.c', 'submit_bio', 2237),
  // src/model/drivers/base/core.ts
  k('device_shutdown', 'drivers/base/core.c', 'device_shutdown', 2630),
  // src/model/fs/f2fs.ts
  k('sys_ioctl_shutdown', 'fs/f2fs/file.c', 'f2fs_ioc_shutdown', 1754),
  k('issue_discard_thread', 'fs/f2fs/segment.c', 'issue_discard_thread', 1112),
  k('stop_discard_thread', 'fs/f2fs/segment.c', 'stop_discard_thread', 1093),
  k('f2fs_put_super', 'fs/f2fs/super.c', 'f2fs_put_super', 588),
  // src/model/fs/file_table.ts
  k('fput', 'fs/file_table.c', 'fput', 266),
  k('__fput', 'fs/file_table.c', '__fput', 188),
  k('delayed_fput', 'fs/file_table.c', 'delayed_fput', 233),
  k('flush_delayed_fput', 'fs/file_table.c', 'flush_delayed_fput', 259),
  v('flush_delayed_fput_wait', 'fs/file_table.c', 'flush_delayed_fput_wait', 411),
  // src/model/fs/namespace.ts
  k('sys_umount', 'fs/namespace.c', 'SYSCALL_DEFINE2(umount)', 1625, 'SYSCALL_DEFINE2(umount,'),
  v('vendor_umount_flush', 'fs/namespace.c', 'SYSCALL_DEFINE2(umount)', 1746, 'SYSCALL_DEFINE2(umount,'),
  k('do_umount', 'fs/namespace.c', 'do_umount', 1471),
  k('umount_tree', 'fs/namespace.c', 'umount_tree', 1414),
  k('mntput_no_expire', 'fs/namespace.c', 'mntput_no_expire', 1136),
  k('cleanup_mnt', 'fs/namespace.c', 'cleanup_mnt', 1096),
  k('delayed_mntput', 'fs/namespace.c', 'delayed_mntput', 1124),
  v('flush_delayed_mntput_wait', 'fs/namespace.c', 'flush_delayed_mntput_wait', 1228),
  k('put_mnt_ns', 'fs/namespace.c', 'put_mnt_ns', 3215),
  // src/model/fs/open.ts, statfs.ts, super.ts
  k('sys_close', 'fs/open.c', 'SYSCALL_DEFINE1(close)', 1153, 'SYSCALL_DEFINE1(close,'),
  k('sys_statfs', 'fs/statfs.c', 'SYSCALL_DEFINE2(statfs)', 175, 'SYSCALL_DEFINE2(statfs,'),
  k('deactivate_super', 'fs/super.c', 'deactivate_super', 335),
  k('kill_block_super', 'fs/super.c', 'kill_block_super', 1140),
  // src/model/kernel/exit.ts
  k('sys_exit', 'kernel/exit.c', 'do_exit', 763),
  k('exit_task_work', 'include/linux/task_work.h', 'exit_task_work', 19),
  // src/model/kernel/reboot.ts
  k('sys_reboot', 'kernel/reboot.c', 'SYSCALL_DEFINE4(reboot)', 280, 'SYSCALL_DEFINE4(reboot,'),
  k('kernel_restart_prepare', 'kernel/reboot.c', 'kernel_restart_prepare', 68),
  k('machine_restart', 'arch/arm64/kernel/process.c', 'machine_restart', 147),
  // src/model/kernel/task_work.ts (task_work_add's return type is on the line before its name)
  k('task_work_add', 'kernel/task_work.c', 'task_work_add', 27),
  k('task_work_run', 'kernel/task_work.c', 'task_work_run', 89),
  // src/model/kernel/workqueue.ts
  k('schedule_delayed_work', 'include/linux/workqueue.h', 'schedule_delayed_work', 602),
  k('delayed_work_timer_fn', 'kernel/workqueue.c', 'delayed_work_timer_fn', 1495),
  k('process_one_work', 'kernel/workqueue.c', 'process_one_work', 2018),
  k('flush_scheduled_work', 'include/linux/workqueue.h', 'flush_scheduled_work', 574),
  k('flush_delayed_work', 'kernel/workqueue.c', 'flush_delayed_work', 2980),
];

/** The function a tag names: its first word ("exit_to_usermode_loop (arm64: ...)" names exit_to_usermode_loop). */
export function tagFunction(name: string): string {
  return name.trim().split(/\s+/)[0]!;
}

/** The one place a line's address is made. */
export function kernelLineUrl(e: Pick<KernelLine, 'kind' | 'file' | 'at' | 'line'>): string {
  return e.kind === 'kernel'
    ? `https://elixir.bootlin.com/linux/${e.at}/source/${e.file}#L${e.line}`
    : `https://github.com/${VENDOR_REPO}/blob/${e.at}/${e.file}#L${e.line}`;
}

/** Which tree a line is in, in words: "Linux v4.13.4", "OnePlus sm8150 kernel at 46e7111". */
export function kernelLineSource(e: Pick<KernelLine, 'kind' | 'at'>): string {
  return e.kind === 'kernel' ? `Linux ${e.at}` : `OnePlus sm8150 kernel at ${e.at.slice(0, 7)}`;
}

/** Where a line is, in words: "fs/namespace.c line 1096, Linux v4.13.4". */
export function kernelLineWhere(e: KernelLine): string {
  return `${e.file} line ${e.line}, ${kernelLineSource(e)}`;
}

/** A link's accessible description: "cleanup_mnt in fs/namespace.c line 1096, Linux v4.13.4". */
export function kernelLineLabel(e: KernelLine): string {
  return `${e.fn} in ${kernelLineWhere(e)}`;
}

let byModel: Map<string, KernelLine> | null = null;

/** The line of the kernel function a model function stands for; undefined for a function of the model's own (`@model`). */
export function kernelLineOf(modelFunction: string): KernelLine | undefined {
  byModel ??= new Map(KERNEL_LINES.map((e) => [e.model, e]));
  return byModel.get(modelFunction);
}

/** The entry for a tag, by what the tag says. */
export function kernelLineOfTag(kind: SourceKind, file: string, name: string): KernelLine | undefined {
  const fn = tagFunction(name);
  return KERNEL_LINES.find((e) => e.kind === kind && e.file === file && e.fn === fn);
}
