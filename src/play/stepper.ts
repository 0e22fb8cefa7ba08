/**
 * The stepper on a page: a chapter cell's "Step through it here" and the
 * playground both use it. It draws a Stepper with stepperHtml and wires its
 * controls and keyboard shortcuts; the logic is in stepper-state.ts.
 */
import { NakError } from '../errors.ts';
import { lastStepText, outcomeOf } from './session.ts';
import { choose, nextOfRun, previousWorld, redo, reset, toEnd, toOops, undo, type Stepper } from './stepper-state.ts';
import { ACTION_KEYS, stepperHtml, type Action } from './stepper-view.ts';

export interface StepperView {
  /** Show another stepper (a new scenario or link) in the same place. */
  show(st: Stepper): void;
}

export interface StepperOptions {
  /** The playground's URL (under the site's base), for "link to this step". */
  readonly playUrl: string;
  /** Called after every change, e.g. to keep the address bar's link up to date. */
  readonly onChange?: (st: Stepper) => void;
  /** A name for the region, e.g. "Stepper: just-past". */
  readonly label: string;
  /** The markup is already the first stepper's (drawn at build time): keep it. */
  readonly drawn?: boolean;
  /** Ids inside the stepper start with this. */
  readonly id: string;
}

const KEYS: Record<string, Action> = Object.fromEntries(Object.entries(ACTION_KEYS).map(([act, { key }]) => [key, act as Action]));

export function mountStepper(root: HTMLElement, first: Stepper, opts: StepperOptions): StepperView {
  root.classList.add('nak-stepper');
  root.setAttribute('role', 'region');
  root.setAttribute('aria-label', opts.label);
  // The live region stays in place across redraws, so that screen readers announce what it says.
  let view = root.querySelector<HTMLElement>('.nak-stepper-view');
  let live = root.querySelector<HTMLElement>('.nak-stepper-live');
  if (!view || !live) {
    root.innerHTML = '<div class="nak-stepper-view"></div><p class="sr-only nak-stepper-live" aria-live="polite"></p>';
    view = root.querySelector<HTMLElement>('.nak-stepper-view')!;
    live = root.querySelector<HTMLElement>('.nak-stepper-live')!;
  }
  let st = first;

  function draw(): void {
    view!.innerHTML = stepperHtml(st, { id: opts.id, playUrl: opts.playUrl, before: previousWorld(st) });
    opts.onChange?.(st);
  }

  /** After a redraw, put the focus back on the control that had it, or, if that is disabled now, on the one that does the same next. */
  function refocus(had: { act?: string; task?: string } | null, fallback: string): void {
    if (!had) return;
    const find = (sel: string) => view!.querySelector<HTMLButtonElement>(`${sel}:not([disabled])`);
    const target =
      (had.task ? find(`button[data-task="${CSS.escape(had.task)}"]`) : null) ??
      (had.act ? find(`button[data-act="${had.act}"]`) : null) ??
      find(`button[data-act="${fallback}"]`) ??
      find('button[data-act="next"]') ??
      find('.nak-stepper-choices button') ??
      find('button[data-act="undo"]');
    target?.focus();
  }

  function apply(f: (s: Stepper) => Stepper | null, say: (s: Stepper) => string, fallback = 'next'): void {
    const active = document.activeElement;
    const had = active instanceof HTMLElement && root.contains(active) ? { act: active.dataset.act, task: active.dataset.task } : null;
    try {
      const next = f(st);
      if (!next) return;
      st = next;
      draw();
      live!.textContent = say(st);
    } catch (e) {
      if (!(e instanceof NakError)) throw e;
      live!.textContent = e.message;
    }
    refocus(had, fallback);
  }

  const stepSaid = (s: Stepper) => [lastStepText(s.session), outcomeOf(s.session)?.text].filter(Boolean).join(' ');
  const actions: Record<Action, () => void> = {
    next: () => {
      const task = nextOfRun(st);
      if (task) apply((s) => choose(s, task), stepSaid);
    },
    undo: () => apply(undo, (s) => `Undone. ${lastStepText(s.session)}`, 'undo'),
    redo: () => apply(redo, stepSaid, 'redo'),
    reset: () => apply(reset, () => 'Back to the start.'),
    end: () => apply(toEnd, (s) => `Ran to the end. ${outcomeOf(s.session)?.text ?? ''}`, 'undo'),
    oops: () => {
      let continued = false;
      apply(
        (s) => {
          const r = toOops(s);
          continued = r?.continued ?? false;
          return r?.stepper ?? null;
        },
        (s) => `${continued ? 'Ran on' : 'Replayed from the start'} by the shortest way to the oops: ${s.session.run.schedule}. ${outcomeOf(s.session)?.text ?? ''}`,
        'undo',
      );
    },
  };
  const choice = (task: string) => apply((s) => choose(s, task), stepSaid);

  root.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button');
    if (!(b instanceof HTMLButtonElement) || b.disabled || !view!.contains(b)) return;
    if (b.dataset.task) choice(b.dataset.task);
    else if (b.dataset.act && b.dataset.act in actions) actions[b.dataset.act as Action]();
  });

  root.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).closest('input, select, textarea, summary')) return;
    const key = e.key.toLowerCase();
    const act = KEYS[key];
    if (act) {
      if (!view!.querySelector<HTMLButtonElement>(`button[data-act="${act}"]`)?.disabled) actions[act]();
      e.preventDefault();
    } else if (/^[1-9]$/.test(key)) {
      const c = st.session.choices[Number(key) - 1];
      if (c?.runnable) choice(c.task);
      e.preventDefault();
    }
  });

  if (opts.drawn) opts.onChange?.(st);
  else draw();
  return {
    show(next: Stepper) {
      st = next;
      draw();
    },
  };
}
