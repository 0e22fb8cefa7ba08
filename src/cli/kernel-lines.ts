#!/usr/bin/env node
/**
 * kernel-lines: re-check the mapping from the model's @kernel/@vendor tags to
 * kernel source lines against a source tree (src/reference/kernel-lines-check.ts).
 *   npm run kernel-lines -- <linux-4.13.4 tree or git dir> [--rev REV] [--vendor <tree or git dir> [--vendor-rev REV]]
 * Exit status: 0 every line checked is confirmed, 1 a line is not, 2 bad input.
 */
import { kernelLinesMain } from '../reference/kernel-lines-check.ts';

process.exitCode = kernelLinesMain(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
