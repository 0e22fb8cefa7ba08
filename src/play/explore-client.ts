/**
 * "Explore all here": runs the exploration of a cell again, in a Web Worker,
 * with progress and a Cancel button, and says whether the result is the one
 * the page shows (which the build checked against the model).
 */
import { groupDigits } from '../notebook/render.ts';
import type { ExploreMessage, ExploreRequest } from './explore-worker.ts';

/** The text of a verdict table, cell by cell, for comparing the browser's table with the page's. */
export function tableText(root: ParentNode): string {
  const summary = root.querySelector('.nak-summary')?.textContent ?? '';
  const cells = [...root.querySelectorAll('table.nak-verdicts th, table.nak-verdicts td')].map((c) => c.textContent?.trim() ?? '');
  return [summary.trim(), ...cells].join('|');
}

export function exploreInCell(slot: HTMLElement): void {
  const figure = slot.closest('figure')!;
  const open = slot.querySelector<HTMLElement>('.nak-live-open')!;
  slot.querySelector('.nak-explore-live')?.remove(); // "Explore all again" replaces the last result
  const panel = document.createElement('div');
  panel.className = 'nak-explore-live';
  panel.innerHTML = `<p class="nak-explore-status" role="status">Exploring every interleaving in your browser…</p><button type="button" class="nak-explore-cancel">Cancel</button><div class="nak-explore-result"></div>`;
  slot.append(panel);
  const status = panel.querySelector<HTMLElement>('.nak-explore-status')!;
  const cancel = panel.querySelector<HTMLButtonElement>('.nak-explore-cancel')!;
  const result = panel.querySelector<HTMLElement>('.nak-explore-result')!;
  const again = open.querySelector('button')!;
  const worker = new Worker(new URL('./explore-worker.ts', import.meta.url), { type: 'module' });
  const finish = (text: string) => {
    worker.terminate();
    status.textContent = text;
    cancel.remove();
    again.disabled = false;
    again.textContent = 'Explore all again';
    again.focus();
  };
  cancel.addEventListener('click', () => finish('Cancelled: the page still shows the checked output above.'));
  worker.onmessage = (e: MessageEvent<ExploreMessage>) => {
    const m = e.data;
    if (m.type === 'progress') {
      status.textContent = `Exploring… ${groupDigits(m.states)} states, ${groupDigits(m.transitions)} transitions so far.`;
    } else if (m.type === 'error') {
      finish(`The exploration stopped: ${m.message}`);
    } else {
      result.innerHTML = m.html;
      // Its own name, apart from the page's table of the same verdicts.
      const region = result.querySelector('[role="region"]');
      region?.setAttribute('aria-label', `${region.getAttribute('aria-label')}, explored in your browser`);
      const same = tableText(result) === tableText(figure.querySelector('.nak-static')!);
      finish(
        `Explored ${groupDigits(m.states)} states in ${Math.round(m.ms)} ms in your browser: ` +
          (same ? 'the same verdicts, counts and witnesses as the checked output above.' : 'DIFFERENT from the checked output above; please report it.'),
      );
      panel.dataset.same = String(same);
    }
  };
  worker.onerror = (e) => finish(`The exploration failed: ${e.message}`);
  const request: ExploreRequest = { scenario: slot.dataset.scenario!, situation: slot.dataset.situation ?? null };
  worker.postMessage(request);
}
