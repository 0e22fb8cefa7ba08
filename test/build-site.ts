/** Builds the site as `npm run build` does, into a given folder; shared by the global setup and the site tests. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What a build reads: the project less its dependencies, tests and docs. */
const BUILD_INPUTS = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'scenarios', 'content', 'public'];

/**
 * A copy of what the build reads at `dir`. With `isolated`, it has a node_modules
 * of its own: hard links to this project's files where the file system allows it
 * (a second), and copies of Astro's and Vite's caches, so that it can be built
 * side by side with the project itself; the result says whether that worked.
 * Otherwise, or if it did not, its node_modules is a link to this project's:
 * Astro keeps its generated files (.astro/, the prerender chunks) and its caches
 * (node_modules/.astro, node_modules/.vite) under the root, where two builds
 * sharing them would overwrite each other's.
 */
export function copyProject(dir: string, { isolated = false } = {}): { root: string; isolated: boolean } {
  for (const p of BUILD_INPUTS) cpSync(p, join(dir, p), { recursive: true });
  const modules = join(dir, 'node_modules');
  if (isolated && spawnSync('cp', ['-al', resolve('node_modules'), modules], { stdio: 'ignore' }).status === 0) {
    for (const cache of ['.astro', '.vite']) {
      // A hard link would let this build write into the project's cache: copy it instead.
      rmSync(join(modules, cache), { recursive: true, force: true });
      if (existsSync(join('node_modules', cache))) cpSync(join('node_modules', cache), join(modules, cache), { recursive: true });
    }
    return { root: dir, isolated: true };
  }
  rmSync(modules, { recursive: true, force: true });
  symlinkSync(resolve('node_modules'), modules);
  return { root: dir, isolated: false };
}

/**
 * The environment of `npm run build`: without the variables Vitest sets (NODE_ENV,
 * MODE, DEV, PROD, SSR, BASE_URL, VITEST*), which make Astro build as if in development.
 */
export function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  // SITE_URL, BASE_PATH and PUBLIC_SOURCE_REPO_URL are left out too: a test build is the default build unless it says otherwise.
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST.*|VITE_.*|NODE_ENV|TEST|MODE|DEV|PROD|SSR|BASE_URL|SITE_URL|BASE_PATH|PUBLIC_SOURCE_REPO_URL)$/.test(k)) env[k] ??= v;
  return env;
}

/** How an Astro command ended, with everything it printed. */
export interface AstroRun {
  status: number | null;
  log: string;
}

/** Runs `astro <args>` in `cwd` on the project's Node (no npx in between: it costs a second a run). */
export function astro(args: string[], cwd = '.', extra: NodeJS.ProcessEnv = {}): Promise<AstroRun> {
  const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', ...args], { cwd, env: { ...buildEnv(), ...extra } });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  return new Promise((resolve) => {
    child.on('error', (e) => resolve({ status: null, log: log + String(e) }));
    child.on('close', (status) => resolve({ status, log }));
  });
}

/** `extra` sets variables for this build only, e.g. BASE_PATH and SITE_URL for a build under a sub-path. */
export function buildSite(outDir: string, cwd = '.', extra: NodeJS.ProcessEnv = {}): Promise<AstroRun> {
  return astro(['build', '--outDir', outDir], cwd, extra);
}
