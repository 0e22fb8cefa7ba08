/** "Step through it here": a trace cell becomes a stepper on its own run, at step 0. */
import { mountStepper } from './stepper.ts';
import { openStepper } from './stepper-state.ts';

let opened = 0;

export function openCellStepper(slot: HTMLElement): void {
  const figure = slot.closest('figure')!;
  const staticView = figure.querySelector<HTMLElement>('.nak-static')!;
  const openButton = slot.querySelector<HTMLElement>('.nak-live-open')!;
  const host = document.createElement('div');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'nak-step-close';
  close.textContent = 'Close the stepper, back to the checked trace';
  slot.append(close, host);
  const { scenario, schedule, play } = slot.dataset;
  mountStepper(host, openStepper(scenario!, schedule!, 0), { playUrl: play!, label: `Stepper: ${scenario}, this cell's run`, id: `nak-stepper-${++opened}` });
  staticView.hidden = true;
  openButton.hidden = true;
  close.addEventListener('click', () => {
    host.remove();
    close.remove();
    staticView.hidden = false;
    openButton.hidden = false;
    const again = openButton.querySelector('button')!;
    again.disabled = false;
    again.focus();
  });
  host.querySelector<HTMLButtonElement>('button[data-act="next"]')!.focus();
}
