/**
 * kernel/reboot.c (v4.13): reboot(2) with LINUX_REBOOT_CMD_RESTART, or with
 * LINUX_REBOOT_CMD_RESTART2 and a command string (what Android's init uses to
 * reboot), calls kernel_restart(): kernel_restart_prepare() (reboot notifiers, system_state,
 * usermodehelper_disable, then device_shutdown()), then syscore_shutdown() and
 * machine_restart(). No sync, no unmount, no flush of deferred fput/mntput.
 * Between device_shutdown() and machine_restart() other tasks still run.
 * Left out: LINUX_REBOOT_CMD_POWER_OFF (a shutdown), whose kernel_power_off()
 * reaches device_shutdown() the same way, through kernel_shutdown_prepare().
 * https://elixir.bootlin.com/linux/v4.13/source/kernel/reboot.c
 */
import type { StepContext } from '../context.ts';
import type { RebootCmd } from '../ops.ts';

/**
 * SYSCALL_DEFINE4(reboot): the capability and magic checks, then
 * mutex_lock(&reboot_mutex), then kernel_restart(NULL) for
 * LINUX_REBOOT_CMD_RESTART, or, for LINUX_REBOOT_CMD_RESTART2,
 * strncpy_from_user() of the command string and kernel_restart(buffer).
 * The holder restarts the machine and never unlocks the mutex, so a second
 * caller sleeps on it for good: step.ts lets a task enter reboot(2) only while
 * the mutex is free.
 * Abstraction: the checks and the mutex_lock() are one step; the checks touch
 * nothing another task shares, so no interleaving is lost.
 * @kernel kernel/reboot.c SYSCALL_DEFINE4(reboot)
 */
export function sys_reboot(ctx: StepContext, cmd: RebootCmd = 'LINUX_REBOOT_CMD_RESTART'): void {
  ctx.task.syscall = { name: 'reboot', mnt: null, sb: null, ret: 0 };
  ctx.world.reboot_mutex = ctx.task.name;
  ctx.note(`reboot(${cmd}): reboot_mutex taken -> kernel_restart()`);
  ctx.call({ fn: 'kernel_restart_prepare' }, { fn: 'device_shutdown' }, { fn: 'machine_restart' });
}

/** @kernel kernel/reboot.c kernel_restart_prepare */
export function kernel_restart_prepare(ctx: StepContext): void {
  ctx.world.system_state = 'SYSTEM_RESTART';
  ctx.note('reboot notifiers; system_state = SYSTEM_RESTART; usermodehelper_disable');
}

/**
 * Abstraction: migrate_to_reboot_cpu() and syscore_shutdown() are folded into
 * this step; neither writes to a block device, so no oops can hide there.
 * @kernel arch/arm64/kernel/process.c machine_restart
 */
export function machine_restart(ctx: StepContext): void {
  ctx.world.halted = 'restart';
  ctx.note('syscore_shutdown; machine restarts');
}
