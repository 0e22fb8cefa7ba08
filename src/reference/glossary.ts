/**
 * The glossary: each term the chapters use, in our words, with how it is
 * written in the prose (as code, or as a word), so that the remark plugin in
 * src/notebook/remark-glossary.ts can link its first use in every chapter.
 */
export interface Term {
  /** The anchor on the reference page: #g-<id>. */
  readonly id: string;
  readonly term: string;
  /** How the prose writes it: inline code (`s_active`) or a plain word or phrase. */
  readonly as: 'code' | 'word';
  readonly definition: string;
}

export const GLOSSARY: readonly Term[] = [
  { id: 'task-work', term: 'task_work', as: 'word', definition: "A per-task list of callbacks (kernel/task_work.c) that runs when the task returns to user mode, or exits. A user task's last fput() and mntput() queue their cleanup there, so it is done before the syscall returns. At v4.13 the newest callback runs first." },
  { id: 'llist', term: 'llist', as: 'word', definition: 'A lock-free singly linked list (include/linux/llist.h). llist_add() pushes at the head and says whether the list was empty; llist_del_all() takes the whole list at once.' },
  { id: 'jiffy', term: 'jiffy', as: 'word', definition: 'One tick of the kernel clock: 1/HZ seconds. A delay of one jiffy ends at the next tick, which may come almost at once and comes at most one jiffy later; the model treats it as any later step.' },
  { id: 'workqueue', term: 'workqueue', as: 'word', definition: 'A queue of work items that kernel worker threads run; the system workqueue (system_wq) is shared by all of the kernel. A worker is itself a kernel thread (PF_KTHREAD).' },
  { id: 'delayed-work', term: 'delayed work', as: 'word', definition: 'A work item with a timer (struct delayed_work): schedule_delayed_work() arms the timer, and only when it fires is the work queued. flush_scheduled_work() does not wait for a delayed work whose timer has not fired.' },
  { id: 'delayed-fput-list', term: 'delayed_fput_list', as: 'code', definition: "The llist of files whose last fput() came from a kernel thread, from interrupt context, or from a task already past exit_task_work() (where task_work_add() fails). delayed_fput_work's delayed_fput() releases them." },
  { id: 'delayed-mntput-list', term: 'delayed_mntput_list', as: 'code', definition: "The llist of mounts whose last mntput() came from a kernel thread (a workqueue worker, say) or from a task already past exit_task_work(). delayed_mntput_work's delayed_mntput() cleans them up." },
  { id: 'f-count', term: 'f_count', as: 'code', definition: "A struct file's reference count; fput() drops it, and the last drop releases the file (__fput()), which drops the file's reference on its mount." },
  { id: 'mnt-count', term: 'mnt_count', as: 'code', definition: "A struct mount's reference count: one for being attached in its namespace, one for each path a syscall holds, one for each open file (and, outside the model, a task's current or root directory, and child mounts)." },
  { id: 's-active', term: 's_active', as: 'code', definition: "A superblock's count of active references, one per mount (in every namespace). The last deactivate_super() tears the filesystem down (kill_sb), which may write to the device." },
  { id: 'superblock', term: 'superblock', as: 'word', definition: 'The in-memory state of one mounted filesystem (struct super_block); every mount of it, in every namespace, shares it.' },
  { id: 'mount-namespace', term: 'mount namespace', as: 'word', definition: "A task's own view of the mount table. A new namespace starts with a copy of every mount of its parent's; each copy holds its own active reference on the superblock." },
  { id: 'pf-kthread', term: 'PF_KTHREAD', as: 'code', definition: 'The task flag of a kernel thread. fput() and mntput() in such a task cannot use task_work, and defer to the delayed lists instead.' },
  { id: 'mnt-detach', term: 'MNT_DETACH', as: 'code', definition: 'The lazy unmount flag: detach the mount from its namespace now, even if it is busy; the mount lives on until its last reference goes.' },
  { id: 'mnt-doomed', term: 'MNT_DOOMED', as: 'code', definition: "Set on a mount (under the mount hash lock) when its last reference goes, so that its cleanup is started only once." },
  { id: 'mnt-force', term: 'MNT_FORCE', as: 'code', definition: "A umount(2) flag that calls the filesystem's ->umount_begin hook (f2fs and ext4 have none) before a plain unmount." },
  { id: 'schedule', term: 'schedule', as: 'word', definition: 'The order in which tasks take their steps: the replay key of a run, written as task names, with init*3 for three steps of init.' },
  { id: 'explorer', term: 'explorer', as: 'word', definition: "The part of the model checker that tries every schedule: from each state, every task that can take a step, merging equal states, until no task can move." },
  { id: 'oops', term: 'oops', as: 'word', definition: 'A kernel crash report; here, the write to a block device after device_shutdown() that the patch was about. Android turns an oops into a panic.' },
  { id: 'witness', term: 'witness', as: 'word', definition: 'The shortest schedule that reaches a state where a property is seen; replaying it shows the property happen.' },
  { id: 'situation', term: 'situation', as: 'word', definition: "A condition at a named step: the explorer's verdicts over only the runs that meet it. A situation no run meets is an error, never a vacuous verdict." },
  { id: 'prelude', term: 'prelude', as: 'word', definition: "Steps a scenario takes before the part it is about (trace rows p1, p2, …), to bring the machine to a given moment." },
];
