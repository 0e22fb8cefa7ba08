/** The CLI's commands, as a function of argv that returns the exit status (testable without a process). */
import { NakError } from '../errors.ts';
import { DEFAULT_LIMITS, explore, type ExploreLimits } from '../explore/explore.ts';
import { randomRun, replay, runFirstRunnable, type Run } from '../explore/run.ts';
import { PROPERTIES } from '../properties/index.ts';
import { catalogue } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';
import { formatTrace } from '../trace/format.ts';
import { loadScenario } from './load.ts';
import { reportJson, reportText } from '../explore/report.ts';

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const USAGE = `usage:
  nak list
  nak run <id|file> [--schedule "S" | --pinned NAME | --seed N]
      (with none: the first pinned schedule, else the first runnable task at each step)
  nak explore <id|file> [--json] [--max-states N] [--max-depth N]
  nak verify [--update] [file.mdx ...]
`;

interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

const VALUE_OPTIONS = ['--schedule', '--seed', '--pinned', '--max-states', '--max-depth'];
const FLAG_OPTIONS = ['--json', '--update', '--help'];

function parseArgs(args: string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [key, inline] = a.split('=', 2) as [string, string | undefined];
      if (FLAG_OPTIONS.includes(key)) options.set(key, true);
      else if (VALUE_OPTIONS.includes(key)) {
        const v = inline ?? args[++i];
        if (v === undefined) throw new NakError('bad-usage', `${key} needs a value\n${USAGE}`);
        options.set(key, v);
      } else throw new NakError('bad-usage', `unknown option ${key}\n${USAGE}`);
    } else positional.push(a);
  }
  return { positional, options };
}

function intOption(p: Parsed, key: string, fallback: number): number {
  const v = p.options.get(key);
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^[0-9]+$/.test(v)) throw new NakError('bad-usage', `${key} takes a whole number, got '${String(v)}'`);
  return Number(v);
}

/** With no schedule given, run the first pinned schedule, else always the first runnable task. */
function defaultRun(s: Scenario): Run {
  const pinned = Object.values(s.schedules ?? {})[0];
  return pinned ? replay(s, pinned.schedule) : runFirstRunnable(s);
}

function one(p: Parsed, command: string): string {
  if (p.positional.length !== 2) throw new NakError('bad-usage', `${command} takes one scenario id or file\n${USAGE}`);
  return p.positional[1]!;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const p = parseArgs(argv);
  const command = p.positional[0];
  if (!command || p.options.has('--help') || command === 'help') {
    io.out(USAGE);
    return command || p.options.has('--help') ? 0 : 2;
  }
  switch (command) {
    case 'list': {
      for (const s of catalogue().values()) io.out(`${s.id.padEnd(24)} ${s.kernel.padEnd(21)} ${s.summary}\n`);
      io.out('\nproperties:\n');
      for (const prop of PROPERTIES) io.out(`  ${prop.name.padEnd(30)} ${prop.summary}\n`);
      return 0;
    }
    case 'run': {
      const s = await loadScenario(one(p, 'run'));
      const given = ['--schedule', '--pinned', '--seed'].filter((k) => p.options.has(k));
      if (given.length > 1) throw new NakError('bad-usage', `give one of --schedule, --pinned, --seed, not ${given.join(' and ')}`);
      let run: Run;
      if (p.options.has('--schedule')) run = replay(s, String(p.options.get('--schedule')));
      else if (p.options.has('--seed')) run = randomRun(s, intOption(p, '--seed', 0));
      else if (p.options.has('--pinned')) {
        const name = String(p.options.get('--pinned'));
        const pinned = s.schedules?.[name];
        if (!pinned) {
          throw new NakError('bad-usage', `${s.id} has no pinned schedule '${name}'; it has: ${Object.keys(s.schedules ?? {}).join(', ') || 'none'}`);
        }
        run = replay(s, pinned.schedule, `${s.id}: pinned schedule ${name}`);
      } else run = defaultRun(s);
      io.out(formatTrace(run));
      return 0;
    }
    case 'explore': {
      const s = await loadScenario(one(p, 'explore'));
      const limits: ExploreLimits = {
        maxStates: intOption(p, '--max-states', DEFAULT_LIMITS.maxStates),
        maxDepth: intOption(p, '--max-depth', DEFAULT_LIMITS.maxDepth),
      };
      const r = explore(s, limits);
      io.out(p.options.has('--json') ? JSON.stringify(reportJson(r)) + '\n' : reportText(s, r));
      if (!r.complete) {
        io.err(`nak: ${s.id}: exploration incomplete: ${r.incomplete}; no verdict\n`);
        return 2;
      }
      return r.matches ? 0 : 1;
    }
    case 'verify': {
      const { verifyCommand } = await import('./verify.ts');
      return verifyCommand(p.positional.slice(1), p.options.has('--update'), io);
    }
    default:
      throw new NakError('bad-usage', `unknown command '${command}'\n${USAGE}`);
  }
}
