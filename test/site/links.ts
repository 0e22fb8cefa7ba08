/** Finds the internal links and assets of a built site that do not resolve to a file, under its base path. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LinkReport {
  readonly pages: number;
  readonly checked: number;
  readonly broken: readonly string[];
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.html'))
    .map((p) => join(dir, p))
    .sort();
}

/**
 * Every href and src of every page, resolved as a browser would from the page's
 * own address under `base` ("/" or "/umount-wait-nak/"), must name a file of the
 * build. The 404 page is served at any address, so its links must not be relative.
 */
export function checkLinks(outDir: string, base: string): LinkReport {
  const broken: string[] = [];
  let checked = 0;
  const files = htmlPages(outDir);
  for (const f of files) {
    const rel = f.slice(outDir.length + 1);
    const pageUrl = new URL(base + rel.replace(/index\.html$/, ''), 'http://site.test');
    const html = readFileSync(f, 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = m[1]!.replace(/&amp;/g, '&');
      if (raw === '' || raw.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) continue;
      checked++;
      if (rel === '404.html' && !raw.startsWith('/')) {
        broken.push(`${rel} -> ${raw} (relative, but the 404 page is served at any address)`);
        continue;
      }
      const url = new URL(raw, pageUrl);
      if (!url.pathname.startsWith(base)) {
        broken.push(`${rel} -> ${raw} (outside the base path ${base})`);
        continue;
      }
      const path = decodeURIComponent(url.pathname.slice(base.length));
      const target = join(outDir, path);
      const ok = existsSync(target) && (statSync(target).isFile() || existsSync(join(target, 'index.html')));
      if (!ok) broken.push(`${rel} -> ${raw}`);
    }
  }
  return { pages: files.length, checked, broken };
}
