#!/usr/bin/env node
/**
 * nak: the command line of the model.
 *   nak list                                   the scenario catalogue
 *   nak run <id|file> [--schedule S | --pinned NAME | --seed N]   print one interleaving's trace
 *   nak explore <id|file> [--json] [--max-states N] [--max-depth N]
 *   nak verify [--update] [file...]            check the chapters' cells and claims against the model
 * Exit status: 0 verdicts match (or nothing to judge), 1 a verdict or an
 * expectation differs, 2 bad input (scenario, id, schedule, bound, usage).
 */
import { NakError } from '../errors.ts';
import { main } from './main.ts';

try {
  process.exitCode = await main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  });
} catch (e) {
  if (e instanceof NakError) {
    process.stderr.write(`nak: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`nak: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 3;
  }
}
