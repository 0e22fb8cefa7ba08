/** Builds the site as `npm run build` does, into a given folder; shared by the site and browser tests. */
import { spawnSync } from 'node:child_process';

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

/** `extra` sets variables for this build only, e.g. BASE_PATH and SITE_URL for a build under a sub-path. */
export function buildSite(outDir: string, cwd = '.', extra: NodeJS.ProcessEnv = {}): { status: number | null; log: string } {
  const r = spawnSync('npx', ['astro', 'build', '--outDir', outDir], { cwd, encoding: 'utf8', env: { ...buildEnv(), ...extra } });
  return { status: r.status, log: r.stdout + r.stderr };
}
