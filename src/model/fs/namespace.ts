/**
 * fs/namespace.c (v4.13): umount(2), mount reference counting and the
 * deferred cleanup of a mount after its last reference.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/namespace.c
 */
import { arrow, type StepContext } from '../context.ts';
import type { Op, UmountFlag } from '../ops.ts';
import { isKthread } from '../world.ts';
import { task_work_add } from '../kernel/task_work.ts';
import { schedule_delayed_work } from '../kernel/workqueue.ts';

const STOCK_UMOUNT_FLAGS: readonly UmountFlag[] = ['MNT_FORCE', 'MNT_DETACH', 'MNT_EXPIRE', 'UMOUNT_NOFOLLOW'];

/**
 * SYSCALL_DEFINE2(umount): check the flags, look the mount point up (the
 * path holds a mount reference), check that it is a mount in the caller's
 * namespace, do_umount(), then drop the path's reference.
 * With the UMOUNT_WAIT v2 patch, the syscall then calls flush_delayed_fput()
 * and flush_scheduled_work() before returning.
 * The vendor 4.14 variant instead, on every umount(2) from a user task, calls
 * flush_delayed_fput_wait() before do_umount() and, if do_umount() returned 0,
 * flush_delayed_fput_wait() and flush_delayed_mntput_wait() after the lookup's
 * reference is dropped. (The syscall drops that reference with dput() and
 * mntput_no_expire(), deliberately not path_put(), which would clear the
 * mount's expiry mark.)
 * Abstraction: the flag check, may_mount() and the path lookup are one step;
 * MNT_FORCE only calls ->umount_begin, which f2fs and ext4 do not have, so it
 * is a plain umount here.
 * Left out: the vendor 4.14 syscall then calls sb->s_op->umount_end() when
 * do_umount() returned 0 or MNT_FORCE was given, and OnePlus's f2fs writes a
 * checkpoint there (f2fs_umount_end(), with MNT_FORCE or while s_active > 1).
 * That write happens while the device is alive, so it is not the oops; but a
 * filesystem left clean by it may write nothing at its later teardown, which the
 * model's teardown always does: the vendor-* oops verdicts assume it still has
 * something to write then.
 * @kernel fs/namespace.c SYSCALL_DEFINE2(umount)
 */
export function sys_umount(ctx: StepContext, mntId: string, flags: UmountFlag[]): void {
  const { world, task } = ctx;
  const mnt = world.mounts[mntId]!;
  task.syscall = { name: 'umount', mnt: mntId, sb: mnt.sb, ret: 0 };
  const allowed = world.kernel === 'v4.13+umount-wait-v2' ? [...STOCK_UMOUNT_FLAGS, 'UMOUNT_WAIT'] : STOCK_UMOUNT_FLAGS;
  const bad = flags.filter((f) => !allowed.includes(f));
  ctx.note(`umount(${mntId}${flags.length ? ', ' + flags.join('|') : ''})`);
  if (bad.length) {
    task.syscall.ret = -22;
    ctx.note(`${bad.join('|')} not accepted by ${world.kernel}: -EINVAL`);
    ctx.call({ fn: 'exit_to_usermode' });
    return;
  }
  if (mnt.mnt_ns !== task.ns) {
    // Not attached in the caller's namespace, so the path lookup lands on the
    // directory underneath, which is not a mount root: -EINVAL from the
    // syscall's mnt_root check (a mount of another namespace that the path did
    // reach would fail check_mnt(), with the same -EINVAL).
    task.syscall.ret = -22;
    ctx.note(`${mntId} is not mounted in ${task.name}'s namespace: not a mount root, -EINVAL`);
    ctx.call({ fn: 'exit_to_usermode' });
    return;
  }
  ctx.note(`user_path_mountpoint_at: ${arrow(`${mntId}.mnt_count`, mnt.mnt_count, mnt.mnt_count + 1)}`);
  mnt.mnt_count += 1;
  const pathPut: Op = { fn: 'mntput_no_expire', mnt: mntId, from: "umount: the lookup's reference" };
  const doUmount: Op = { fn: 'do_umount', mnt: mntId, flags };
  if (world.kernel === 'vendor-4.14') {
    ctx.call({ fn: 'flush_delayed_fput_wait' }, doUmount, pathPut, { fn: 'vendor_umount_flush' }, { fn: 'exit_to_usermode' });
    return;
  }
  const umountWait: Op[] = flags.includes('UMOUNT_WAIT')
    ? [{ fn: 'flush_delayed_fput' }, { fn: 'flush_scheduled_work' }]
    : [];
  ctx.call(doUmount, pathPut, ...umountWait, { fn: 'exit_to_usermode' });
}

/**
 * The vendor 4.14 syscall's tail: only when do_umount() returned 0, drain and
 * wait for delayed fput work again, then for delayed mntput work.
 * @vendor fs/namespace.c SYSCALL_DEFINE2(umount)
 */
export function vendor_umount_flush(ctx: StepContext): void {
  if (ctx.task.syscall!.ret !== 0) {
    ctx.note('do_umount failed: no flush');
    return;
  }
  ctx.note('do_umount returned 0: flush_delayed_fput_wait, then flush_delayed_mntput_wait');
  ctx.call({ fn: 'flush_delayed_fput_wait' }, { fn: 'flush_delayed_mntput_wait' });
}

/**
 * do_umount(): without MNT_DETACH, -EBUSY if anything beyond the namespace's
 * and the path's references holds the mount (propagate_mount_busy(mnt, 2)).
 * Otherwise umount_tree() detaches it (mnt_ns = NULL) and namespace_unlock()
 * drops the namespace's reference (the next step: after synchronize_rcu(),
 * drop_mountpoint() calls mntput()).
 * umount_tree() runs only while the mount is still on its namespace's list
 * (the kernel's list_empty(&mnt->mnt_list) test): if another task detached it
 * after this task's lookup, do_umount() detaches nothing and returns 0 (or
 * -EBUSY, without MNT_DETACH, if the mount is busy).
 * @kernel fs/namespace.c do_umount
 */
export function do_umount(ctx: StepContext, mntId: string, flags: UmountFlag[]): void {
  const mnt = ctx.world.mounts[mntId]!;
  const syscall = ctx.task.syscall!;
  if (!flags.includes('MNT_DETACH') && mnt.mnt_count > 2) {
    syscall.ret = -16;
    ctx.note(`propagate_mount_busy: ${mntId}.mnt_count ${mnt.mnt_count} > 2: -EBUSY`);
    return;
  }
  if (mnt.mnt_ns === null) {
    ctx.note(`${mntId} already detached by another task: nothing to do, returns 0`);
    return;
  }
  umount_tree(ctx, mntId);
  ctx.call({ fn: 'mntput_no_expire', mnt: mntId, from: 'namespace_unlock: drop_mountpoint' });
}

/**
 * umount_tree(): detach the mount from its namespace.
 * Abstraction: no child mounts, no propagation. It hides an unmount that takes
 * peer copies in other namespaces along, or fails with -EBUSY on a busy peer
 * (chapter 5): the model's namespaces hold private copies.
 * @kernel fs/namespace.c umount_tree
 */
function umount_tree(ctx: StepContext, mntId: string): void {
  const mnt = ctx.world.mounts[mntId]!;
  const ns = ctx.world.namespaces[mnt.mnt_ns!]!;
  ns.mounts = ns.mounts.filter((m) => m !== mntId);
  ctx.note(`umount_tree: ${mntId}.mnt_ns ${mnt.mnt_ns}→NULL`);
  mnt.mnt_ns = null;
}

/**
 * mntput_no_expire(): drop a reference. While the mount is attached this is
 * never the last one. Otherwise the last reference marks it MNT_DOOMED and
 * defers cleanup_mnt(): as task_work for a user task, or, for a kernel thread
 * or worker, onto delayed_mntput_list behind delayed_mntput_work's timer.
 * (The kernel also takes the delayed path when task_work_add() fails because
 * the task is past exit_task_work(); no modelled task gets there.)
 * @kernel fs/namespace.c mntput_no_expire
 */
export function mntput_no_expire(ctx: StepContext, mntId: string, from: string): void {
  const mnt = ctx.world.mounts[mntId]!;
  ctx.note(`${from}: ${arrow(`${mntId}.mnt_count`, mnt.mnt_count, mnt.mnt_count - 1)}`);
  mnt.mnt_count -= 1;
  if (mnt.mnt_ns !== null) return;
  if (mnt.mnt_count > 0 || mnt.doomed) return;
  mnt.doomed = true;
  ctx.note(`last reference: ${mntId} MNT_DOOMED`);
  if (!isKthread(ctx.task)) {
    task_work_add(ctx, { fn: 'cleanup_mnt', mnt: mntId }, `cleanup_mnt(${mntId})`);
    return;
  }
  const wasEmpty = ctx.world.delayed_mntput_list.length === 0;
  ctx.world.delayed_mntput_list.unshift(mntId);
  ctx.note(`PF_KTHREAD: llist_add(${mntId}, delayed_mntput_list)${wasEmpty ? ' (was empty)' : ''}`);
  if (wasEmpty) schedule_delayed_work(ctx, 'delayed_mntput_work');
}

/**
 * cleanup_mnt(): the mount is doomed and unreachable. dput() its root, then
 * deactivate_super() (the next step) drops the superblock's active reference;
 * only when that returns, with the superblock torn down if it was the last
 * reference, does cleanup_mnt() free the mount's id and hand the struct mount
 * to call_rcu() (mnt_free()).
 * @kernel fs/namespace.c cleanup_mnt
 */
export function cleanup_mnt(ctx: StepContext, mntId: string): void {
  const mnt = ctx.world.mounts[mntId]!;
  ctx.note(`dput(${mntId} root); deactivate_super(${mnt.sb}) next`);
  ctx.call({ fn: 'deactivate_super', sb: mnt.sb, mnt: mntId });
}

/**
 * The end of cleanup_mnt(), once deactivate_super() has returned:
 * mnt_free_id() and call_rcu(&mnt->mnt_rcu, delayed_free_vfsmnt).
 * Abstraction: it runs in the step in which deactivate_super() returns
 * (deactivate_super's own, or kill_block_super's when that was the last
 * reference), not a step of its own: it touches only the doomed mount, which no
 * other task can reach, so no interleaving is lost. The struct mount is freed
 * after an RCU grace period; the model counts it freed (nothing may touch it)
 * from call_rcu(). A teardown that oopses never gets here, and neither does the
 * kernel: the mount is left doomed, not freed.
 * @model the tail of cleanup_mnt() (fs/namespace.c), after deactivate_super() returns
 */
export function mnt_free(ctx: StepContext, mntId: string): void {
  ctx.world.mounts[mntId]!.freed = true;
  ctx.note(`cleanup_mnt: mnt_free_id, call_rcu: ${mntId} freed`);
}

/**
 * delayed_mntput(): llist_del_all(&delayed_mntput_list), then cleanup_mnt() on each, one step each.
 * @kernel fs/namespace.c delayed_mntput
 */
export function delayed_mntput(ctx: StepContext): void {
  const taken = ctx.world.delayed_mntput_list;
  ctx.world.delayed_mntput_list = [];
  if (taken.length === 0) {
    ctx.note('llist_del_all(delayed_mntput_list): empty, nothing to do');
    return;
  }
  ctx.note(`llist_del_all(delayed_mntput_list) took ${taken.join(', ')}; list now empty`);
  ctx.call(...taken.map((mnt) => ({ fn: 'cleanup_mnt' as const, mnt })));
}

/**
 * flush_delayed_mntput_wait(): the vendor 4.14 helper (not in mainline):
 * delayed_mntput(NULL) in the caller, then flush_delayed_work(&delayed_mntput_work).
 * @vendor fs/namespace.c flush_delayed_mntput_wait
 */
export function flush_delayed_mntput_wait(ctx: StepContext): void {
  ctx.note('delayed_mntput(NULL), then flush_delayed_work(delayed_mntput_work)');
  ctx.call({ fn: 'delayed_mntput' }, { fn: 'flush_delayed_work', work: 'delayed_mntput_work' });
}

/**
 * put_mnt_ns(): the last task of a namespace is gone: umount_tree() every
 * mount in it, then namespace_unlock() drops each namespace reference.
 * @kernel fs/namespace.c put_mnt_ns
 */
export function put_mnt_ns(ctx: StepContext, nsId: string): void {
  const ns = ctx.world.namespaces[nsId]!;
  ctx.note(arrow(`${nsId}.count`, ns.count, ns.count - 1));
  ns.count -= 1;
  if (ns.count > 0) return;
  const mounts = [...ns.mounts];
  for (const m of mounts) umount_tree(ctx, m);
  ctx.call(...mounts.map((mnt) => ({ fn: 'mntput_no_expire' as const, mnt, from: 'namespace_unlock: drop_mountpoint' })));
}
