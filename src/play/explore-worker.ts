/**
 * "Explore all" in a Web Worker: the same explorer as `nak explore`, on a
 * scenario of the catalogue, so the page stays responsive; it reports progress
 * every few hundred states and the report, drawn as the cell draws it.
 */
import { NakError } from '../errors.ts';
import { explore } from '../explore/explore.ts';
import { reportText } from '../explore/report.ts';
import { renderExploreTable } from '../notebook/render.ts';
import { scenarioById } from '../scenario/catalogue.ts';

export type ExploreRequest = { readonly scenario: string; readonly situation: string | null };
export type ExploreMessage =
  | { readonly type: 'progress'; readonly states: number; readonly transitions: number }
  | { readonly type: 'done'; readonly html: string; readonly text: string; readonly ms: number; readonly states: number; readonly complete: boolean }
  | { readonly type: 'error'; readonly message: string };

const post = (m: ExploreMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<ExploreRequest>) => {
  try {
    const s = scenarioById(e.data.scenario);
    const t0 = performance.now();
    const r = explore(s, {}, e.data.situation ?? undefined, { progress: (states, transitions) => post({ type: 'progress', states, transitions }) });
    post({ type: 'done', html: renderExploreTable(s, r), text: reportText(s, r), ms: performance.now() - t0, states: r.states, complete: r.complete });
  } catch (err) {
    post({ type: 'error', message: err instanceof NakError ? err.message : `internal error: ${String(err)}` });
  }
};
