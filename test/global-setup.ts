/**
 * Before any test file: the type check (`npm run check`), and three builds of the
 * site: the one every test file that reads the site gets (inject('site')), one
 * under a base path, and the default build again, from another folder, for the
 * test that two builds are byte for byte the same. All four run side by side, the
 * builds each in a copy of the project (see copyProject), the check in the project.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { astro, buildSite, copyProject, type AstroRun } from './build-site.ts';

/** The base path the published-as-a-project-page build uses, with the site URL it is given. */
export const BASE = '/umount-wait-nak/';

/** `astro check`: the types of every .ts and .astro file. */
const typeCheck = () => astro(['check']);

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'nak-site-'));
  const out = join(dir, 'dist');
  const outBase = join(dir, 'dist-base');
  const outAgain = join(dir, 'dist-again');
  // Said on stderr so that a CI log shows what the first seconds are spent on.
  process.stderr.write('type-checking, and building the site three times (default, under a base path, default again from another folder)...\n');
  const start = Date.now();
  // As the publishing workflow passes it: GitHub's configure-pages gives the base path without a trailing slash.
  const baseEnv = { SITE_URL: 'https://owner.github.io', BASE_PATH: BASE.replace(/\/$/, ''), PUBLIC_SOURCE_REPO_URL: 'https://github.com/owner/umount-wait-nak' };
  const roots = ['root', 'root-base', 'root-again'].map((r) => copyProject(join(dir, r), { isolated: true }));
  const jobs: [() => Promise<AstroRun>, boolean][] = [
    [typeCheck, true],
    [() => buildSite(out, roots[0]!.root), roots[0]!.isolated],
    [() => buildSite(outBase, roots[1]!.root, baseEnv), roots[1]!.isolated],
    [() => buildSite(outAgain, roots[2]!.root), roots[2]!.isolated],
  ];
  // Copies that could not be isolated share the project's caches: those builds wait their turn.
  const started = jobs.map(([job, isolated]) => (isolated ? job() : null));
  const results: AstroRun[] = [];
  for (const [i, [job]] of jobs.entries()) results.push(await (started[i] ?? job()));
  const [check, a, b, c] = results as [AstroRun, AstroRun, AstroRun, AstroRun];
  const failed = ([[check, 'npm run check'], [a, 'npm run build'], [b, `the build under ${BASE}`]] as [AstroRun, string][]).find(([r]) => r.status !== 0);
  if (failed) throw new Error(`${failed[1]} failed:\n${failed[0].log}`);
  process.stderr.write(`type-checked and built in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  project.provide('site', { out, log: a.log });
  project.provide('siteUnderBase', { out: outBase, log: b.log, base: BASE });
  // Its status is checked by the test that compares it, so that a failure there names that test.
  project.provide('siteAgain', { out: outAgain, log: c.log, status: c.status });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: { out: string; log: string };
    siteUnderBase: { out: string; log: string; base: string };
    siteAgain: { out: string; log: string; status: number | null };
  }
}
