/**
 * The playground in the browser: pick a scenario, choose which task takes the
 * next step, undo, run on, and share the run as a link. Runs the same model as
 * the CLI, unchanged; this file only wires it to the page.
 */
import { NakError } from '../errors.ts';
import { escapeHtml, renderTraceTable } from '../notebook/render.ts';
import { catalogue } from '../scenario/catalogue.ts';
import { formatPermalink, parsePermalink } from './permalink.ts';
import { openSession, runToEnd, scheduleOf, takeStep, undoStep, type Session } from './session.ts';
import { stateSummary } from './state-summary.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const picker = $<HTMLSelectElement>('nak-play-scenario');
const error = $('nak-play-error');
const body = $('nak-play-body');
let session: Session | null = null;

function showError(message: string | null): void {
  error.hidden = message === null;
  error.textContent = message ?? '';
  body.hidden = message !== null;
}

function render(s: Session): void {
  session = s;
  showError(null);
  picker.value = s.scenario.id;
  const schedule = scheduleOf(s);
  const link = formatPermalink({ scenario: s.scenario.id, schedule });
  if (location.hash !== link) history.replaceState(null, '', link);
  $('nak-play-summary').textContent = `${s.scenario.summary} (${s.scenario.kernel})`;
  $('nak-play-choices').innerHTML = s.choices
    .map((c) => `<button type="button" data-task="${escapeHtml(c.task)}"${c.runnable ? '' : ' disabled'}><strong>${escapeHtml(c.task)}</strong> <code>${escapeHtml(c.next)}</code></button>`)
    .join('');
  $<HTMLButtonElement>('nak-play-undo').disabled = s.steps.length === 0;
  $<HTMLButtonElement>('nak-play-end').disabled = s.run.runnable.length === 0;
  $('nak-play-schedule').textContent = schedule || '(no step yet)';
  $('nak-play-command').textContent = `npm run nak -- run ${s.scenario.id} --schedule "${schedule}"`;
  $('nak-play-state').innerHTML = stateSummary(s.run.world).map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  $('nak-play-trace').innerHTML = renderTraceTable(s.run);
}

function load(): void {
  try {
    const p = parsePermalink(location.hash);
    render(openSession(p?.scenario ?? picker.value, p?.schedule ?? ''));
  } catch (e) {
    if (!(e instanceof NakError)) throw e;
    session = null;
    showError(`This link cannot be replayed: ${e.message}`);
  }
}

function act(f: (s: Session) => Session): void {
  if (session) render(f(session));
}

picker.innerHTML = [...catalogue().values()].map((s) => `<option value="${s.id}">${escapeHtml(s.id)}: ${escapeHtml(s.title)}</option>`).join('');
picker.addEventListener('change', () => render(openSession(picker.value)));
$('nak-play-choices').addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest('button[data-task]');
  if (button instanceof HTMLButtonElement && !button.disabled) {
    act((s) => takeStep(s, button.dataset.task!));
    $('nak-play-choices').querySelector<HTMLButtonElement>(`button[data-task="${button.dataset.task}"]:not([disabled])`)?.focus();
  }
});
$('nak-play-undo').addEventListener('click', () => act(undoStep));
$('nak-play-reset').addEventListener('click', () => act((s) => openSession(s.scenario.id)));
$('nak-play-end').addEventListener('click', () => act((s) => runToEnd(s)));
window.addEventListener('hashchange', load);
load();
