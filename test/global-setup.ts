/** Builds the site once for every test file that reads it (inject('site')). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from './build-site.ts';

/** The base path the published-as-a-project-page build uses, with the site URL it is given. */
export const BASE = '/umount-wait-nak/';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'nak-site-'));
  const out = join(dir, 'dist');
  const r = buildSite(out);
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.log}`);
  project.provide('site', { out, log: r.log });
  const outBase = join(dir, 'dist-base');
  // As the publishing workflow passes it: GitHub's configure-pages gives the base path without a trailing slash.
  const b = buildSite(outBase, '.', { SITE_URL: 'https://owner.github.io', BASE_PATH: BASE.replace(/\/$/, ''), PUBLIC_SOURCE_REPO_URL: 'https://github.com/owner/umount-wait-nak' });
  if (b.status !== 0) throw new Error(`the build under ${BASE} failed:\n${b.log}`);
  project.provide('siteUnderBase', { out: outBase, log: b.log, base: BASE });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: { out: string; log: string };
    siteUnderBase: { out: string; log: string; base: string };
  }
}
