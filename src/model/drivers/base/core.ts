/**
 * drivers/base/core.c (v4.13): device_shutdown(), called by kernel_restart_prepare().
 * Abstraction: every block device is shut down in one step.
 * https://elixir.bootlin.com/linux/v4.13/source/drivers/base/core.c
 */
import type { StepContext } from '../../context.ts';

export function device_shutdown(ctx: StepContext): void {
  const ids = Object.keys(ctx.world.bdevs).sort();
  for (const id of ids) ctx.world.bdevs[id]!.state = 'shut_down';
  ctx.note(`${ids.join(', ')} shut down`);
  ctx.signal({ type: 'device_shutdown', bdevs: ids });
}
