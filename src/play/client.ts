/**
 * The playground in the browser: pick a scenario, choose which task takes the
 * next step, undo, run on, and share the run as a link. Runs the same model as
 * the CLI, unchanged; this file only wires it to the page.
 */
import { NakError } from '../errors.ts';
import { escapeHtml, renderTraceTable } from '../notebook/render.ts';
import { catalogue } from '../scenario/catalogue.ts';
import { formatPermalink, parsePermalink } from './permalink.ts';
import { lastStepText, oopsWitness, openSession, outcomeOf, runToEnd, runToOops, scheduleOf, takeStep, undoStep, type Session } from './session.ts';
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
  const oops = $<HTMLButtonElement>('nak-play-oops');
  oops.disabled = s.run.world.halted === 'oops' || oopsWitness(s) === null;
  oops.textContent = oopsWitness(s) === null ? 'Run to the oops (this scenario never oopses)' : 'Run to the oops (the shortest way)';
  const outcome = outcomeOf(s);
  const banner = $('nak-play-outcome');
  banner.hidden = outcome === null;
  banner.textContent = outcome ?? '';
  banner.className = `nak-play-outcome${s.run.world.halted === 'oops' ? ' nak-play-outcome-oops' : ''}`;
  $('nak-play-schedule').textContent = schedule || '(no step yet)';
  $('nak-play-command').textContent = `npm run nak -- run ${s.scenario.id} --schedule "${schedule}"`;
  $('nak-play-state').innerHTML = stateSummary(s.run.world).map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  $('nak-play-trace').innerHTML = renderTraceTable(s.run);
}

function load(): void {
  try {
    const p = parsePermalink(location.hash);
    // With no link, the NAK's own scenario: a worker just past llist_del_all().
    render(openSession(p?.scenario ?? 'just-past', p?.schedule ?? ''));
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
/** Say what happened, in the live region, and keep the keyboard's place when the focused control goes away. */
function announce(text: string): void {
  $('nak-play-live').textContent = text;
}

function keepFocus(preferred: string | null): void {
  const active = document.activeElement;
  if (active instanceof HTMLButtonElement && !active.disabled && document.body.contains(active)) return;
  const again = preferred ? $('nak-play-choices').querySelector<HTMLButtonElement>(`button[data-task="${preferred}"]:not([disabled])`) : null;
  const next = again ?? $('nak-play-choices').querySelector<HTMLButtonElement>('button:not([disabled])') ?? $<HTMLButtonElement>('nak-play-undo');
  next.focus();
}

$('nak-play-choices').addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest('button[data-task]');
  if (button instanceof HTMLButtonElement && !button.disabled) {
    const task = button.dataset.task!;
    act((s) => takeStep(s, task));
    if (session) announce([lastStepText(session), outcomeOf(session)].filter(Boolean).join(' '));
    keepFocus(task);
  }
});
$('nak-play-undo').addEventListener('click', () => {
  act(undoStep);
  if (session) announce(`Undone. ${lastStepText(session)}`);
  keepFocus(null);
});
$('nak-play-reset').addEventListener('click', () => {
  act((s) => openSession(s.scenario.id));
  announce('Back to the start.');
  keepFocus(null);
});
$('nak-play-end').addEventListener('click', () => {
  act((s) => runToEnd(s));
  if (session) announce(`Ran to the end. ${outcomeOf(session) ?? ''}`);
  keepFocus(null);
});
$('nak-play-oops').addEventListener('click', () => {
  if (!session) return;
  const r = runToOops(session);
  if (!r) return;
  render(r.session);
  announce(`${r.continued ? 'Ran on' : 'Replayed from the start'} by the shortest way to the oops: ${r.session.run.schedule}. ${outcomeOf(r.session) ?? ''}`);
  keepFocus(null);
});
window.addEventListener('hashchange', load);
load();
