/** Resolves a CLI argument to a scenario: a catalogue id, or the path of any scenario module. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NakError } from '../errors.ts';
import { scenarioById } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';
import { validateScenario } from '../scenario/validate.ts';

/** How long a scenario module may take to load before it is given up on, unless NAK_LOAD_SECONDS says otherwise. */
export const LOAD_TIMEOUT_MS = 5000;

/** The load time limit: NAK_LOAD_SECONDS (0.1 to 600) if set, for a slow machine or a test, else 5 s. */
export function loadTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.NAK_LOAD_SECONDS;
  if (given === undefined) return LOAD_TIMEOUT_MS;
  const seconds = Number(given);
  if (given.trim() === '' || !(seconds >= 0.1 && seconds <= 600)) {
    throw new NakError('bad-usage', `NAK_LOAD_SECONDS must be a number of seconds from 0.1 to 600, not '${given.slice(0, 40)}'`);
  }
  return seconds * 1000;
}

export function looksLikePath(arg: string): boolean {
  return arg.includes('/') || /\.(ts|mts|js|mjs)$/.test(arg);
}

type Loaded = { ok: true; value: unknown } | { ok: false; reason: string };

/** Import `file` on a worker thread, giving up after `timeoutMs`. */
function importOnWorker(file: string, arg: string, timeoutMs: number): Promise<unknown> {
  return new Promise((done, fail) => {
    // The worker inherits Node's flags, except one that only applies to code given on the command line.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: { file }, execArgv });
    const timer = setTimeout(() => {
      void worker.terminate();
      fail(new NakError('bad-scenario', `${arg}: the module did not finish loading within ${timeoutMs / 1000} s (a loop or a wait at import?)`));
    }, timeoutMs);
    worker.once('message', (m: Loaded) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) done(m.value);
      else fail(new NakError('bad-scenario', `${arg}: ${m.reason}`));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      fail(new NakError('bad-scenario', `${arg}: cannot load the module: ${e.message.split('\n')[0]}`));
    });
  });
}

export async function loadScenario(arg: string, timeoutMs = loadTimeoutMs()): Promise<Scenario> {
  if (!looksLikePath(arg)) return scenarioById(arg);
  const file = resolve(arg);
  if (!existsSync(file)) throw new NakError('unknown-scenario', `no scenario file at ${arg}`);
  return validateScenario(await importOnWorker(file, arg, timeoutMs), arg);
}
