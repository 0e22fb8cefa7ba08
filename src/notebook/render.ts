/**
 * HTML for the notebook's outputs: a trace as a table with one column per task,
 * and an exploration as a table of verdicts. Pure string functions, so that
 * they are tested directly and the .astro components stay thin.
 */
import type { ExploreReport } from '../explore/explore.ts';
import type { Run } from '../explore/run.ts';
import { PROPERTIES } from '../properties/index.ts';
import type { Scenario } from '../scenario/define.ts';
import { kernelLineLabel, kernelLineOf, kernelLineUrl } from '../reference/kernel-lines.ts';
import { traceTable, type TraceLayout, type TraceRow } from '../trace/format.ts';

/** A count as a reader reads it, with digit grouping (2,266,084); the checked text keeps it exact. */
export function groupDigits(n: number | string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A lane's colour: fixed by the task's place in the scenario, so it never changes between runs or steps. */
function laneColour(run: Run, task: string): number {
  return Math.max(0, run.world.tasks.findIndex((t) => t.name === task)) % 6;
}

/** What the marks in a trace mean, under every trace. */
const TRACE_LEGEND =
  '<p class="nak-legend"><span class="nak-dot" aria-hidden="true"></span> the task that takes the step · ' +
  '<span class="nak-legend-seen">shaded row</span>: a property first seen, named by its <span class="nak-badge">badge</span> · ' +
  '<em>p1, p2…</em>: the prelude, steps that bring the machine to the moment the scenario is about</p>';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Changes are "; "-separated; the arrow counters read better unbroken. */
function changesHtml(text: string): string {
  return text
    .split('; ')
    .map((c) => `<span class="nak-change${c.startsWith('OOPS') ? ' nak-oops' : ''}">${escapeHtml(c)}</span>`)
    .join('');
}

/**
 * A step's call, linked to the line of the kernel function its model function
 * stands for (src/reference/kernel-lines.ts); a step of the model's own
 * (a wake-up, a scenario's hold) is not linked. The link's name starts with the
 * call it shows, then says where it goes.
 */
export function callHtml(call: string, fn: string): string {
  const code = `<code>${escapeHtml(call)}</code>`;
  const line = kernelLineOf(fn);
  if (!line) return code;
  return `<a class="nak-src" href="${escapeHtml(kernelLineUrl(line))}" aria-label="${escapeHtml(`${call}, source: ${kernelLineLabel(line)}`)}">${code}</a>`;
}

/** A trace region's name: unique on a page, since each cell of a scenario replays its own schedule. */
function traceLabel(run: Run): string {
  return `trace of ${run.scenario.id}, schedule ${run.schedule || '(empty)'}`;
}

/**
 * A trace as a table. In the task layout, one narrow swimlane per task (the
 * column the text trace gives it), marked where that task takes the step, then
 * the call and what it changed: the "who runs when" picture of the NAK's CPU1/CPU2
 * columns while the text stays readable. In the CPU layout, a wide column per CPU
 * holding "task call" where that CPU takes the step, as the mail writes them.
 */
export function renderTraceTable(run: Run, layout: TraceLayout = 'tasks'): string {
  const t = traceTable(run, layout);
  const cpus = layout === 'cpus';
  // A task's colour is fixed by its place in the scenario; a CPU's by its column.
  const colour = (c: string) => (cpus ? t.columns.indexOf(c) % 6 : laneColour(run, c));
  const taskCall = (r: TraceRow, c: string) => `<span class="nak-task nak-lane-${colour(c)}">${escapeHtml(r.task)}</span> ${callHtml(r.call, r.fn)}`;
  const heads = cpus
    ? t.columns.map((c) => `<th scope="col" class="nak-cpu nak-lane-${colour(c)}">${escapeHtml(c)}</th>`).join('')
    : t.columns.map((c) => `<th scope="col" class="nak-lane nak-lane-${colour(c)}"><span>${escapeHtml(c)}</span></th>`).join('') + '<th scope="col">task: call</th>';
  const middle = (r: TraceRow) =>
    cpus
      ? t.columns.map((c) => (c === r.lane ? `<td class="nak-cpu-call" data-cpu="${escapeHtml(c)}">${taskCall(r, c)}</td>` : '<td class="nak-cpu-call"></td>')).join('')
      : t.columns.map((c) => (c === r.lane ? `<td class="nak-lane nak-lane-${colour(c)}"><span class="nak-dot" aria-hidden="true"></span></td>` : `<td class="nak-lane"></td>`)).join('') +
        `<td class="nak-call">${taskCall(r, r.task)}</td>`;
  const isPrelude = (k: number) => t.rows[k]?.label.startsWith('p') ?? false;
  const rows = t.rows.map((r, k) => {
    const prelude = isPrelude(k) ? (isPrelude(k + 1) ? 'nak-prelude' : 'nak-prelude nak-prelude-end') : '';
    const cls = [prelude, r.seen.length ? 'nak-seen' : ''].filter(Boolean).join(' ');
    const seen = r.seen.map((p) => `<span class="nak-badge">${escapeHtml(p)}</span>`).join('');
    return `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${escapeHtml(r.label)}</th>${middle(r)}<td class="nak-changes">${changesHtml(r.changes)}${seen}</td></tr>`;
  });
  const caption = t.header.map((h) => `<code>${escapeHtml(h)}</code>`).join('<br>');
  const footer = t.footer.map((f) => `<li>${escapeHtml(f)}</li>`).join('');
  return (
    `<div class="nak-scroll" tabindex="0" role="region" aria-label="${escapeHtml(traceLabel(run))}${cpus ? ', by CPU' : ''}">` +
    `<table class="nak-trace${cpus ? ' nak-trace-cpus' : ''}"><caption>${caption}</caption><thead><tr><th scope="col">step</th>${heads}<th scope="col">what changed</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>` +
    `<ul class="nak-footer">${footer}</ul>` +
    TRACE_LEGEND
  );
}

export function renderExploreTable(s: Scenario, r: ExploreReport): string {
  const g = groupDigits;
  const summary = `${g(r.states)} states, ${g(r.transitions)} transitions, ${g(r.finalStates)} final states, ${g(r.schedules)} complete schedules${r.situation ? ' in the situation' : ''}, longest ${r.depth} steps.`;
  const sym = r.reductions.symmetry;
  const symmetry = sym
    ? ` ${sym.groups.map((grp) => grp.join(' and ')).join('; ')} are interchangeable, so a state and its twin with them swapped are stored once; the schedules still count every interleaving.`
    : '';
  const rows = PROPERTIES.map((p) => {
    const v = r.properties[p.name]!;
    const ok = v.verdict === v.expected;
    const witness = v.witness === null ? '—' : `<code>${escapeHtml(v.witness)}</code>`;
    return (
      `<tr class="${ok ? 'nak-ok' : 'nak-bad'}"><th scope="row" title="${escapeHtml(p.summary)}"><code>${escapeHtml(p.name)}</code></th>` +
      `<td data-label="declared">${escapeHtml(v.expected)}</td><td data-label="found"><strong>${escapeHtml(v.verdict)}</strong>${ok ? '' : ' (differs)'}</td>` +
      `<td data-label="schedules that see it">${g(v.schedulesSeen)} of ${g(r.schedules)}</td><td data-label="shortest witness">${witness}</td></tr>`
    );
  });
  return (
    `<p class="nak-summary">${escapeHtml(summary + symmetry)}</p>` +
    `<div class="nak-scroll" tabindex="0" role="region" aria-label="verdicts for ${escapeHtml(s.id)}${r.situation ? `, situation ${escapeHtml(r.situation.name)}` : ''}">` +
    `<table class="nak-verdicts"><thead><tr><th scope="col">property</th><th scope="col">declared</th><th scope="col">found</th>` +
    `<th scope="col">schedules that see it</th><th scope="col">shortest witness</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}
