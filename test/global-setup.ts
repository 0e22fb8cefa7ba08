/** Builds the site once for every test file that reads it (inject('site')). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from './build-site.ts';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'nak-site-'));
  const out = join(dir, 'dist');
  const r = buildSite(out);
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.log}`);
  project.provide('site', { out, log: r.log });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: { out: string; log: string };
  }
}
