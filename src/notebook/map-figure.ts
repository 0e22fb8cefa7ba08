/**
 * The map as a figure: for each position (a row), one bar per scenario, split
 * by how its schedules end. Generated from the same rows as the map's checked
 * text, with a table of the numbers beside it for screen readers and print.
 * Bar lengths are shares of a row's schedules: counts of orders, not probabilities.
 */
import { OUTCOMES, type MapReport } from '../explore/map.ts';
import type { MapCellData } from './map.ts';
import { escapeHtml, groupDigits } from './render.ts';

const CLASS: Record<(typeof OUTCOMES)[number], string> = {
  'clean restart': 'nak-map-clean',
  'restart with a live filesystem': 'nak-map-live',
  oops: 'nak-map-oops',
};

const LABEL_W = 250;
const BAR_W = 200;
const GAP = 24;
const ROW_H = 22;
const TOP = 40;

function bar(r: MapReport, position: string, x: number, y: number): string {
  const row = r.rows.find((z) => z.position === position);
  if (!row) return `<text x="${x + BAR_W / 2}" y="${y + 15}" text-anchor="middle" class="nak-map-none">no such step</text>`;
  const total = OUTCOMES.reduce((n, o) => n + row.counts[o], 0);
  let at = x;
  const parts = OUTCOMES.map((o) => {
    const w = total ? (row.counts[o] / total) * BAR_W : 0;
    const rect = w > 0 ? `<rect x="${at.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="${ROW_H - 6}" class="${CLASS[o]}"><title>${escapeHtml(`${r.scenario}, ${position}: ${o} in ${row.counts[o]} of ${total} schedules`)}</title></rect>` : '';
    at += w;
    return rect;
  });
  return `<rect x="${x}" y="${y + 3}" width="${BAR_W}" height="${ROW_H - 6}" class="nak-map-frame"/>${parts.join('')}`;
}

export function renderMapFigure(d: MapCellData): string {
  const width = Math.max(LABEL_W + d.reports.length * (BAR_W + GAP), LABEL_W + 480);
  const height = TOP + d.positions.length * ROW_H + 30;
  const heads = d.reports.map((r, i) => `<text x="${LABEL_W + i * (BAR_W + GAP) + BAR_W / 2}" y="20" text-anchor="middle" class="nak-map-head">${escapeHtml(r.scenario)}</text>`).join('');
  const rows = d.positions
    .map((p, k) => {
      const y = TOP + k * ROW_H;
      const label = `<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="nak-map-label">${escapeHtml(p)}</text>`;
      return label + d.reports.map((r, i) => bar(r, p, LABEL_W + i * (BAR_W + GAP), y)).join('');
    })
    .join('');
  const ly = TOP + d.positions.length * ROW_H + 18;
  // Each legend entry is as wide as its label (12px monospace: about 7.3px a character) and its swatch.
  let lx = LABEL_W;
  const legend = OUTCOMES.map((o) => {
    const item = `<rect x="${lx}" y="${ly - 10}" width="12" height="12" class="${CLASS[o]}"/><text x="${lx + 18}" y="${ly}" class="nak-map-label">${o}</text>`;
    lx += 18 + Math.ceil(o.length * 7.3) + 24;
    return item;
  }).join('');
  const caption = `Where ${escapeHtml(d.reports[0]!.description)}, and how the schedules end: ${d.reports.map((r) => escapeHtml(r.scenario)).join(' against ')}. Each bar is one row's schedules, split by outcome.`;
  const svg = `<svg class="nak-map" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="nak-map-${escapeHtml(d.mark)}-cap" xmlns="http://www.w3.org/2000/svg">${heads}${rows}${legend}</svg>`;
  const th = d.reports.map((r) => OUTCOMES.map((o) => `<th scope="col">${escapeHtml(r.scenario)}: ${escapeHtml(o)}</th>`).join('')).join('');
  const trs = d.positions
    .map((p) => {
      const tds = d.reports.map((r) => {
        const row = r.rows.find((z) => z.position === p);
        return OUTCOMES.map((o) => `<td>${row ? groupDigits(row.counts[o]) : '—'}</td>`).join('');
      });
      return `<tr><th scope="row">${escapeHtml(p)}</th>${tds.join('')}</tr>`;
    })
    .join('');
  return (
    `<p id="nak-map-${escapeHtml(d.mark)}-cap" class="nak-map-caption">${caption} Shares of schedules are counts of orders, not probabilities.</p>` +
    svg +
    `<div class="nak-scroll" tabindex="0" role="region" aria-label="the map's numbers: ${escapeHtml(d.mark)}"><table class="nak-map-table"><thead><tr><th scope="col">position</th>${th}</tr></thead><tbody>${trs}</tbody></table></div>`
  );
}
