/**
 * fs/statfs.c (v4.13): statfs(2). user_statfs() looks the path up in the
 * caller's mount namespace and vfs_statfs() asks that path's superblock for
 * its counts (f2fs answers from memory, with no device I/O). It stands here
 * for "the filesystem is still reachable and usable from this namespace".
 * Abstraction: the lookup, its mount reference (taken and dropped within the
 * call) and ->statfs are one step, so the reference never shows up in mnt_count.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/statfs.c
 */
import type { StepContext } from '../context.ts';

/** @kernel fs/statfs.c SYSCALL_DEFINE2(statfs) */
export function sys_statfs(ctx: StepContext, mntId: string): void {
  const { world, task } = ctx;
  const mnt = world.mounts[mntId]!;
  task.syscall = { name: 'statfs', mnt: mntId, sb: mnt.sb, ret: 0 };
  if (mnt.mnt_ns !== task.ns) {
    ctx.note(`statfs(${mntId}): not mounted in ${task.name}'s namespace; the path reaches the filesystem underneath`);
  } else {
    const sb = world.supers[mnt.sb]!;
    ctx.note(`statfs(${mntId}): ${sb.id} ${sb.state} (s_active ${sb.s_active}), reachable from ${task.ns}`);
  }
  ctx.call({ fn: 'exit_to_usermode' });
}
