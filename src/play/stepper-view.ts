/**
 * The stepper's markup, from a Stepper alone: a pure function, so the build can
 * draw the playground's first state into the page (no layout shift when the
 * script arrives) and the tests can read it without a browser.
 */
import { escapeHtml, renderTraceTable } from '../notebook/render.ts';
import { renderStateDiagram, stateFactsHtml } from '../notebook/state-diagram.ts';
import type { World } from '../model/world.ts';
import { formatPermalink } from './permalink.ts';
import { oopsSearch, outcomeOf } from './session.ts';
import { goalOf, nextOfRun, onRun, permalinkOf, type Stepper } from './stepper-state.ts';

export type Action = 'next' | 'undo' | 'redo' | 'reset' | 'end' | 'oops';

/** Each control's key, and what it does as the page documents it; the stepper's key handler reads the same table. */
export const ACTION_KEYS: Readonly<Record<Action, { readonly key: string; readonly does: string }>> = {
  next: { key: 'n', does: 'next step of this run' },
  undo: { key: 'z', does: 'undo' },
  redo: { key: 'y', does: 'redo' },
  reset: { key: '0', does: 'reset to the start' },
  end: { key: 'e', does: 'run to the end' },
  oops: { key: 'o', does: 'run to the oops' },
};

function control(act: Action, label: string, disabled: boolean): string {
  return `<button type="button" data-act="${act}" aria-keyshortcuts="${ACTION_KEYS[act].key}"${disabled ? ' disabled' : ''}>${escapeHtml(label)}</button>`;
}

const KEYS_HELP = [
  `<kbd>${ACTION_KEYS.next.key}</kbd> ${ACTION_KEYS.next.does}`,
  '<kbd>1–9</kbd> the task with that number takes the next step',
  ...(['undo', 'redo', 'reset', 'end', 'oops'] as const).map((a) => `<kbd>${ACTION_KEYS[a].key}</kbd> ${ACTION_KEYS[a].does}`),
].join(', ');

function nextLabel(st: Stepper): string {
  const next = nextOfRun(st);
  if (next) return `Next step of this run (${next})`;
  if (st.run.length === 0) return 'Next step of this run (there is no run to follow: choose a task below)';
  return onRun(st) ? 'Next step of this run (the run is over)' : 'Next step of this run (you left it: Reset to go back)';
}

/**
 * The stepper's contents. `id` keeps ids apart when a page has several; `before`
 * is the state one step earlier, whose changes the diagram marks.
 */
export function stepperHtml(st: Stepper, opts: { readonly id: string; readonly playUrl: string; readonly before: World | null }): string {
  const s = st.session;
  const world = s.run.world;
  const next = nextOfRun(st);
  const { witness, complete } = oopsSearch(s);
  const oopsLabel = witness !== null ? 'Run to the oops (the shortest way)' : complete ? 'Run to the oops (this scenario never oopses)' : 'Run to the oops (the explorer could not finish this scenario here)';
  const outcome = outcomeOf(s);
  const choices = s.choices
    .map((c, i) => {
      const key = i < 9 ? ` aria-keyshortcuts="${i + 1}"` : '';
      return `<button type="button" data-task="${escapeHtml(c.task)}"${c.runnable ? '' : ' disabled'}${key}><span class="nak-stepper-n" aria-hidden="true">${i < 9 ? i + 1 : ''}</span> <strong>${escapeHtml(c.task)}</strong> <code>${escapeHtml(c.next)}</code></button>`;
    })
    .join('');
  const at = `${s.steps.length}${st.run.length && onRun(st) ? ` of this run's ${st.run.length}` : ''}`;
  return (
    `<p class="nak-stepper-goal">${escapeHtml(goalOf(s.scenario))}</p>` +
    `<div class="nak-stepper-actions">` +
    control('next', nextLabel(st), next === null || !s.run.runnable.includes(next)) +
    control('undo', 'Undo', s.steps.length === 0) +
    control('redo', 'Redo', st.redo.length === 0) +
    control('reset', 'Reset', s.steps.length === 0) +
    control('end', 'Run to the end (the first runnable task each time)', s.run.runnable.length === 0) +
    control('oops', oopsLabel, witness === null || world.halted === 'oops') +
    `</div>` +
    `<p class="nak-stepper-h" id="${opts.id}-choose">Or be the scheduler: choose the task that takes the next step</p>` +
    `<div class="nak-stepper-choices" role="group" aria-labelledby="${opts.id}-choose">${choices}</div>` +
        // Not a live region itself: it is drawn anew at every step, and the stepper's own live region says the same.
    (outcome ? `<p class="nak-stepper-outcome nak-stepper-${outcome.tone}">${escapeHtml(outcome.text)}</p>` : '') +
    `<p class="nak-stepper-meta">Step <strong>${escapeHtml(at)}</strong>. <a href="${escapeHtml(opts.playUrl + formatPermalink(permalinkOf(st)))}">Link to this step</a>. Schedule: <code>${escapeHtml(s.run.schedule || '(no step yet)')}</code></p>` +
    `<p class="nak-stepper-keys">Keys, with the focus in the stepper: ${KEYS_HELP}.</p>` +
    `<div class="nak-stepper-state">` +
    renderStateDiagram(world, { before: opts.before, label: `The state after step ${s.steps.length}`, idPrefix: opts.id }) +
    stateFactsHtml(world, opts.before) +
    `</div>` +
    (s.run.steps.length ? renderTraceTable(s.run) : '')
  );
}
