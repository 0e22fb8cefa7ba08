#!/usr/bin/env node
/**
 * nak: the command line of the model.
 *   nak list                                   the scenario catalogue
 *   nak run <id|file> [--schedule S | --pinned NAME | --seed N]   print one interleaving's trace
 *   nak explore <id|file> [--json] [--max-states N] [--max-depth N] [--max-seconds N] [--max-memory MB]
 *   nak verify [--update] [--json] [file...]   check the chapters' cells and claims against the model
 * Exit status: 0 verdicts match (or nothing to judge), 1 a verdict or an
 * expectation differs, 2 bad input (scenario, id, schedule, bound, usage),
 * 3 a model invariant broke, 4 an internal error; 3 and 4 print a schedule that replays them.
 */
import { NakError } from '../errors.ts';
import { exitStatusOf, main } from './main.ts';

try {
  process.exitCode = await main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  });
} catch (e) {
  if (e instanceof NakError) {
    process.stderr.write(`nak: ${e.message}\n`);
    process.exitCode = exitStatusOf(e);
  } else {
    // Not a model step (those are NakErrors with a replay schedule): a bug in the tool itself.
    const detail = process.env.NAK_DEBUG && e instanceof Error ? `\n${e.stack}` : ' (set NAK_DEBUG=1 for the stack)';
    process.stderr.write(`nak: internal error: ${e instanceof Error ? e.message : String(e)}${detail}\n`);
    process.exitCode = 4;
  }
}
