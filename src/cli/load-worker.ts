/**
 * Imports one scenario module on a worker thread and sends back its default
 * export as data, so that a module that never finishes loading (a loop at
 * import) can be stopped by the loader's timeout instead of hanging `nak`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { file } = workerData as { file: string };
try {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  try {
    parentPort!.postMessage({ ok: true, value: mod.default });
  } catch {
    // A scenario is data; something that cannot be copied (a function, a class instance) is not one.
    parentPort!.postMessage({ ok: false, reason: 'its default export is not plain data (a scenario holds no functions)' });
  }
} catch (e) {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  parentPort!.postMessage({ ok: false, reason: `cannot load the module: ${msg}` });
}
