/**
 * The playground in the browser: pick a scenario and step it with the shared
 * stepper; the address bar holds the link that reopens the same state. The
 * page was drawn at build time with the default scenario, so nothing shifts
 * when this script arrives.
 */
import { NakError } from '../errors.ts';
import { escapeHtml } from '../notebook/render.ts';
import { catalogue } from '../scenario/catalogue.ts';
import { formatPermalink, parsePermalink } from './permalink.ts';
import { mountStepper, type StepperView } from './stepper.ts';
import { permalinkOf, stepperFromLink, type Stepper } from './stepper-state.ts';
import { DEFAULT_LINK, playgroundStart } from './playground.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const picker = $<HTMLSelectElement>('nak-play-scenario');
const error = $('nak-play-error');
const body = $('nak-play-body');
const host = $('nak-play-stepper');

function showError(message: string | null): void {
  error.hidden = message === null;
  error.textContent = message ?? '';
  body.hidden = message !== null;
}

function changed(st: Stepper): void {
  showError(null);
  const s = st.session;
  picker.value = s.scenario.id;
  const link = formatPermalink(permalinkOf(st));
  if (location.hash !== link && !(location.hash === '' && link === formatPermalink(DEFAULT_LINK))) history.replaceState(null, '', link);
  $('nak-play-summary').textContent = `${s.scenario.summary} (${s.scenario.kernel})`;
  $('nak-play-command').textContent = `npm run nak -- run ${s.scenario.id} --schedule "${s.run.schedule}"`;
}

let view: StepperView | null = null;

function open(st: Stepper, drawn: boolean): void {
  if (view) view.show(st);
  else view = mountStepper(host, st, { playUrl: location.pathname, label: 'Stepper', id: 'nak-play', drawn, onChange: changed });
}

function load(): void {
  try {
    const p = parsePermalink(location.hash);
    // Without a link, the page already shows the default: the NAK's trace at step 0.
    open(p ? stepperFromLink(p) : stepperFromLink(DEFAULT_LINK), p === null && view === null);
  } catch (e) {
    if (!(e instanceof NakError)) throw e;
    showError(`This link cannot be replayed: ${e.message}`);
  }
}

picker.innerHTML = [...catalogue().values()].map((s) => `<option value="${s.id}">${escapeHtml(s.id)}: ${escapeHtml(s.title)}</option>`).join('');
picker.addEventListener('change', () => open(playgroundStart(picker.value), false));
window.addEventListener('hashchange', load);
load();
