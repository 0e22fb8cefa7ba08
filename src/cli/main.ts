/** The CLI's commands, as a function of argv that returns the exit status (testable without a process). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NakError } from '../errors.ts';
import { sleepSets } from '../explore/sleep-sets.ts';
import { DEFAULT_LIMITS, explore, type ExploreLimits } from '../explore/explore.ts';
import { randomRun, replay, runFirstRunnable, type Run } from '../explore/run.ts';
import { PROPERTIES } from '../properties/index.ts';
import { catalogue } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';
import { formatTrace } from '../trace/format.ts';
import { loadScenario } from './load.ts';
import { reportJson, reportText } from '../explore/report.ts';
import { mapMark } from '../explore/map.ts';
import { combineMaps, mapText } from '../notebook/map.ts';
import { stateOfRun, stateText } from '../notebook/evaluate.ts';

/** The exit status for an error a command raised: 2 bad input, 3 a broken model invariant, 4 an internal error. */
export function exitStatusOf(e: NakError): number {
  return e.kind === 'model-error' ? 3 : e.kind === 'internal-error' ? 4 : 2;
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const USAGE = `usage:
  nak list
  nak run <id|file> [--schedule "S" | --pinned NAME | --seed N] [--layout tasks|cpus] [--state-at K]
      (with none: the first pinned schedule, else the first runnable task at each step;
      --state-at K: the state after step K instead of the trace, what step K changed marked)
  nak explore <id|file> [--situation NAME] [--json] [--max-states N] [--max-depth N] [--max-seconds N] [--max-memory MIB] [--no-symmetry] [--por]
      (defaults: ${DEFAULT_LIMITS.maxStates} states, depth ${DEFAULT_LIMITS.maxDepth}, ${DEFAULT_LIMITS.maxSeconds} s, ${DEFAULT_LIMITS.maxMemoryMiB} MiB;
      interchangeable kernel threads are explored once per orbit unless --no-symmetry;
      --por: partial-order reduction by sleep sets, in place of symmetry: fewer steps taken, schedules counted on the reduced graph)
  nak map <id|file> <mark> [--json]
      (every schedule, sorted by where the scenario's mark falls and how the run ends)
  nak verify [--update] [--json] [file.mdx ...]
exit status: 0 agree, 1 a verdict or a chapter differs, 2 bad input or a bound hit,
  3 a model invariant broke, 4 an internal error
`;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Each command's options; anything else is an error (parseArgs in strict mode). */
const COMMAND_OPTIONS: Record<string, Options> = {
  list: {},
  run: { schedule: { type: 'string' }, pinned: { type: 'string' }, seed: { type: 'string' }, layout: { type: 'string' }, 'state-at': { type: 'string' } },
  explore: {
    json: { type: 'boolean' },
    situation: { type: 'string' },
    'max-states': { type: 'string' },
    'max-depth': { type: 'string' },
    'max-seconds': { type: 'string' },
    'max-memory': { type: 'string' },
    'no-symmetry': { type: 'boolean' },
    por: { type: 'boolean' },
  },
  map: { json: { type: 'boolean' } },
  verify: { update: { type: 'boolean' }, json: { type: 'boolean' } },
};

interface Parsed {
  readonly positional: string[];
  readonly values: Record<string, string | boolean | undefined>;
}

function parseCommand(command: string, rest: string[]): Parsed {
  const options = COMMAND_OPTIONS[command]!;
  try {
    const { values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
    return { positional: positionals, values: values as Parsed['values'] };
  } catch (e) {
    const takes = Object.keys(options).map((o) => `--${o}`).join(', ') || 'no options';
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '') : String(e);
    throw new NakError('bad-usage', `${command}: ${msg} (${command} takes ${takes})\n${USAGE}`);
  }
}

function wholeNumber(p: Parsed, key: string, fallback: number, min = 0): number {
  const v = p.values[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^[0-9]+$/.test(v) || Number(v) < min) {
    throw new NakError('bad-usage', `--${key} takes a whole number${min ? ` of at least ${min}` : ''}, got '${String(v)}'`);
  }
  return Number(v);
}

/** With no schedule given, run the first pinned schedule, else always the first runnable task. */
function defaultRun(s: Scenario): Run {
  const pinned = Object.values(s.schedules ?? {})[0];
  return pinned ? replay(s, pinned.schedule) : runFirstRunnable(s);
}

function one(p: Parsed, command: string): string {
  if (p.positional.length !== 1) throw new NakError('bad-usage', `${command} takes one scenario id or file\n${USAGE}`);
  return p.positional[0]!;
}

async function runCommand(p: Parsed, io: Io): Promise<number> {
  const s = await loadScenario(one(p, 'run'));
  const given = ['schedule', 'pinned', 'seed'].filter((k) => p.values[k] !== undefined);
  if (given.length > 1) throw new NakError('bad-usage', `give one of --schedule, --pinned, --seed, not ${given.map((k) => `--${k}`).join(' and ')}`);
  let run: Run;
  if (p.values.schedule !== undefined) run = replay(s, String(p.values.schedule));
  else if (p.values.seed !== undefined) run = randomRun(s, wholeNumber(p, 'seed', 0));
  else if (p.values.pinned !== undefined) {
    const name = String(p.values.pinned);
    const pinned = s.schedules?.[name];
    if (!pinned) {
      throw new NakError('bad-usage', `${s.id} has no pinned schedule '${name}'; it has: ${Object.keys(s.schedules ?? {}).join(', ') || 'none'}`);
    }
    run = replay(s, pinned.schedule, `${s.id}: pinned schedule ${name}`);
  } else run = defaultRun(s);
  const layout = p.values.layout ?? 'tasks';
  if (layout !== 'tasks' && layout !== 'cpus') throw new NakError('bad-usage', `--layout takes tasks or cpus, got '${String(layout)}'`);
  if (p.values['state-at'] !== undefined) {
    if (p.values.layout !== undefined) throw new NakError('bad-usage', '--state-at prints a state, not a trace: it takes no --layout');
    io.out(stateText(s, stateOfRun(s, run, wholeNumber(p, 'state-at', 0))) + '\n');
    return 0;
  }
  io.out(formatTrace(run, layout));
  return 0;
}

async function exploreCommand(p: Parsed, io: Io): Promise<number> {
  const s = await loadScenario(one(p, 'explore'));
  const limits: ExploreLimits = {
    maxStates: wholeNumber(p, 'max-states', DEFAULT_LIMITS.maxStates, 1),
    maxDepth: wholeNumber(p, 'max-depth', DEFAULT_LIMITS.maxDepth, 1),
    maxSeconds: wholeNumber(p, 'max-seconds', DEFAULT_LIMITS.maxSeconds, 1),
    maxMemoryMiB: wholeNumber(p, 'max-memory', DEFAULT_LIMITS.maxMemoryMiB, 1),
  };
  if (p.values.por && p.values.situation !== undefined) throw new NakError('bad-usage', '--por does not combine with --situation: a situation names the steps it cuts at, which the reduction would skip');
  const r = explore(s, limits, p.values.situation === undefined ? undefined : String(p.values.situation), {
    symmetry: !p.values['no-symmetry'],
    ...(p.values.por ? { partialOrder: sleepSets } : {}),
  });
  io.out(p.values.json ? JSON.stringify(reportJson(r)) + '\n' : reportText(s, r));
  if (!r.complete) {
    io.err(`nak: ${s.id}: exploration incomplete: ${r.incomplete}; no verdict\n`);
    return 2;
  }
  return r.matches ? 0 : 1;
}

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const command = argv[0]!;
  if (!(command in COMMAND_OPTIONS)) throw new NakError('bad-usage', `unknown command '${command}'\n${USAGE}`);
  const p = parseCommand(command, argv.slice(1));
  switch (command) {
    case 'list': {
      if (p.positional.length) throw new NakError('bad-usage', `list takes no arguments\n${USAGE}`);
      for (const s of catalogue().values()) io.out(`${s.id.padEnd(24)} ${s.kernel.padEnd(21)} ${s.summary}\n`);
      io.out('\nproperties:\n');
      for (const prop of PROPERTIES) io.out(`  ${prop.name.padEnd(30)} ${prop.summary}\n`);
      return 0;
    }
    case 'run':
      return runCommand(p, io);
    case 'explore':
      return exploreCommand(p, io);
    case 'map': {
      if (p.positional.length !== 2) throw new NakError('bad-usage', `map takes a scenario id or file and a mark name\n${USAGE}`);
      const s = await loadScenario(p.positional[0]!);
      const r = mapMark(s, p.positional[1]!);
      io.out(p.values.json ? JSON.stringify(r) + '\n' : mapText(combineMaps(r.mark, [r])) + '\n');
      return 0;
    }
    default: {
      const { verifyCommand } = await import('./verify.ts');
      return verifyCommand(p.positional, { update: p.values.update === true, json: p.values.json === true }, io);
    }
  }
}
