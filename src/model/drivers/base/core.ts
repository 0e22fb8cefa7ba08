/**
 * drivers/base/core.c (v4.13): device_shutdown(), called by kernel_restart_prepare().
 * Abstraction: every block device is shut down in one step. It could hide a
 * write to one device between the shutdowns of two; no scenario's filesystem
 * spans devices, and none writes to a second device during reboot.
 * https://elixir.bootlin.com/linux/v4.13/source/drivers/base/core.c
 */
import type { StepContext } from '../../context.ts';

/** @kernel drivers/base/core.c device_shutdown */
export function device_shutdown(ctx: StepContext): void {
  const ids = Object.keys(ctx.world.bdevs).sort();
  for (const id of ids) ctx.world.bdevs[id]!.state = 'shut_down';
  ctx.note(`${ids.join(', ')} shut down`);
  ctx.signal({ type: 'device_shutdown', bdevs: ids });
}
