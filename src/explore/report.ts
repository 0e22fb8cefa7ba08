/** Text and JSON renderings of an exploration report: the CLI prints them, the notebook checks them. */
import type { ExploreReport } from './explore.ts';
import type { Scenario } from '../scenario/define.ts';

/** The `--json` object: the report's fields, in a fixed order. */
export function reportJson(r: ExploreReport): object {
  const { scenario, situation, complete, incomplete, states, transitions, finalStates, schedules, depth, elapsedMs, matches, reductions, properties } = r;
  return { scenario, situation, complete, incomplete, states, transitions, finalStates, schedules, depth, elapsedMs, matches, reductions, properties };
}

export function reportText(s: Scenario, r: ExploreReport): string {
  const out: string[] = [];
  out.push(`${s.id} (${s.kernel}): ${s.summary}`);
  if (r.situation) {
    out.push(`situation ${r.situation.name}: ${r.situation.description}`);
    out.push(`·   counted: the runs in which ${r.situation.guard}; the others are cut`);
  }
  const sym = r.reductions.symmetry;
  const symmetryLine = sym
    ? `·   symmetry: ${sym.groups.map((g) => g.join(', ')).join('; ')} interchangeable, so states and transitions count one per orbit; schedules count every interleaving (--no-symmetry stores every state)`
    : null;
  const porLine = r.reductions.partialOrder
    ? '·   partial-order reduction (sleep sets, --por): every state is stored, so states, final states, depth, verdicts and witness lengths are exact; transitions count the steps explored, and schedules count the paths of the reduced graph, not every interleaving (symmetry is off with it)'
    : null;
  if (!r.complete) {
    out.push(`INCOMPLETE after ${r.states} states, ${r.transitions} transitions: ${r.incomplete}`);
    if (symmetryLine) out.push(symmetryLine);
    if (r.reductions.partialOrder) out.push('·   partial-order reduction (sleep sets, --por) was on: transitions count the steps explored');
    out.push('no verdict: raise the limit it names (--max-states, --max-depth, --max-seconds, --max-memory), or make the scenario smaller');
    return out.join('\n') + '\n';
  }
  out.push(`${r.states} states, ${r.transitions} transitions, ${r.finalStates} final states, ${r.schedules} schedules${r.situation ? ' in the situation' : ''}, depth ${r.depth}`);
  if (symmetryLine) out.push(symmetryLine);
  if (porLine) out.push(porLine);
  const w = Math.max(...Object.keys(r.properties).map((p) => p.length));
  for (const [name, p] of Object.entries(r.properties)) {
    const ok = p.verdict === p.expected ? 'ok ' : 'BAD';
    const found = `${p.verdict} (${p.schedulesSeen}/${r.schedules} schedules)`;
    out.push(`${ok} ${name.padEnd(w)}  expected ${p.expected.padEnd(9)}  found ${found}`);
    if (p.witness !== null) {
      // Continuation lines start with a mark, not with spaces: MDX strips leading spaces.
      out.push(`·   witness (${p.witnessSteps} steps): nak run ${s.id} --schedule "${p.witness}"`);
      out.push(`·   ${p.evidence}`);
    }
  }
  const whose = r.situation ? `the situation's declaration` : 'the scenario';
  out.push(r.matches ? `verdicts match ${whose}` : `VERDICTS DIFFER from ${whose}: see BAD lines`);
  return out.join('\n') + '\n';
}
