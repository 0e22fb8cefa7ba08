/**
 * A map cell: one or two scenarios' maps of the same mark, side by side, as
 * the text the chapter writes down (the checked expectation) and as the rows
 * the figure draws. The figure is drawn from these rows, so it cannot show a
 * number the text does not.
 */
import { NakError } from '../errors.ts';
import { mapMark, OUTCOMES, type MapReport } from '../explore/map.ts';
import { scenarioFor } from './evaluate.ts';

export interface MapCellData {
  readonly mark: string;
  readonly reports: readonly MapReport[];
  /** Every position, in order, across the scenarios; a position a scenario lacks has no counts there. */
  readonly positions: readonly string[];
}

const cache = new Map<string, MapReport>();

function cachedMap(id: string, mark: string): MapReport {
  const key = `${id}\u0000${mark}`;
  let r = cache.get(key);
  if (!r) {
    r = mapMark(scenarioFor(id), mark);
    cache.set(key, r);
  }
  return r;
}

export function mapData(scenarios: string | undefined, mark: string | undefined): MapCellData {
  if (!scenarios) throw new NakError('bad-cell', 'missing scenarios="…" (one or two scenario ids, separated by a space)');
  if (!mark) throw new NakError('bad-cell', 'missing mark="…"');
  const ids = scenarios.trim().split(/\s+/);
  if (ids.length > 2) throw new NakError('bad-cell', `a map compares at most two scenarios, got ${ids.length}`);
  return combineMaps(mark, ids.map((id) => cachedMap(id, mark)));
}

/** One or more maps of the same mark, side by side, with their positions merged. */
export function combineMaps(mark: string, reports: readonly MapReport[]): MapCellData {
  // Merge the positions in order: each scenario's own order, a missing one slotted where it first appears.
  const positions: string[] = [];
  for (const r of reports) {
    let at = 0;
    for (const row of r.rows) {
      const i = positions.indexOf(row.position);
      if (i >= 0) at = i + 1;
      else positions.splice(at++, 0, row.position);
    }
  }
  positions.sort((a, b) => (a === 'never' ? 1 : b === 'never' ? -1 : 0));
  return { mark, reports, positions };
}

const SHORT: Record<(typeof OUTCOMES)[number], string> = { 'clean restart': 'clean', 'restart with a live filesystem': 'live fs', oops: 'oops' };

/** The map as text: a header per scenario, then one line per position with each scenario's counts. */
export function mapText(d: MapCellData): string {
  const out: string[] = [];
  for (const r of d.reports) out.push(`map ${r.scenario} (${r.kernel}): ${r.description}; ${r.schedules} schedules`);
  const w = Math.max(8, ...d.positions.map((p) => p.length));
  const cols = d.reports.flatMap(() => OUTCOMES.map((o) => SHORT[o]));
  const colW = Math.max(10, ...d.reports.flatMap((r) => r.rows.flatMap((row) => OUTCOMES.map((o) => String(row.counts[o]).length))));
  const group = (label: string) => label.padEnd(OUTCOMES.length * (colW + 2) - 2);
  // No line may start with spaces: MDX strips leading spaces inside a cell's written output.
  out.push(`${'scenario'.padEnd(w)}  ${d.reports.map((r) => group(r.scenario)).join('  ')}`.trimEnd());
  out.push(`${'position'.padEnd(w)}  ${cols.map((c) => c.padStart(colW)).join('  ')}`);
  for (const p of d.positions) {
    const cells = d.reports.flatMap((r) => {
      const row = r.rows.find((x) => x.position === p);
      return OUTCOMES.map((o) => (row ? String(row.counts[o]) : '-').padStart(colW));
    });
    out.push(`${p.padEnd(w)}  ${cells.join('  ')}`);
  }
  for (const r of d.reports) {
    const other = r.rows.reduce((n, row) => n + row.counts['no restart'], 0);
    if (other) out.push(`${r.scenario}: ${other} schedules end with no restart`);
  }
  return out.join('\n');
}

export function mapOutput(scenarios: string | undefined, mark: string | undefined): string {
  return mapText(mapData(scenarios, mark));
}
