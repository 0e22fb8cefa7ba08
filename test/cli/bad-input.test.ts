/** Bad input gets a clear error, fast, and bounded: options, schedules, explorations, modules. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../src/cli/main.ts';
import { loadScenario, loadTimeoutMs } from '../../src/cli/load.ts';
import { NakError } from '../../src/errors.ts';
import { MAX_SCHEDULE_STEPS, parseSchedule } from '../../src/explore/schedule.ts';
import { nak } from '../nak.ts';


describe('options a command does not take are errors', () => {
  it('explore --schedule and run --json, which used to be ignored', async () => {
    const a = await nak('explore', 'just-past', '--schedule', 'init');
    expect(a.code).toBe(2);
    expect(a.err).toContain("explore: Unknown option '--schedule'");
    const b = await nak('run', 'just-past', '--json');
    expect(b.code).toBe(2);
    expect(b.err).toContain("run: Unknown option '--json' (run takes --schedule, --pinned, --seed, --layout, --state-at)");
  });

  it('a value option without its value, and an extra argument', async () => {
    expect((await nak('run', 'just-past', '--schedule')).err).toContain("run: Option '--schedule <value>' argument missing");
    expect((await nak('explore', 'just-past', 'two-namespaces')).err).toContain('explore takes one scenario id or file');
    expect((await nak('list', 'extra')).code).toBe(2);
  });

  it('a bound that is not a whole number of at least 1', async () => {
    expect((await nak('explore', 'just-past', '--max-seconds', '0')).err).toContain("--max-seconds takes a whole number of at least 1, got '0'");
  });
});

describe('a schedule is checked as it is read, never expanded first', () => {
  const tasks = ['init', 'kthread'];

  it('a count too large says what the largest count is', async () => {
    const r = await nak('run', 'just-past', '--schedule', 'init*99999999');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`token 1 'init*99999999': a count is at most ${MAX_SCHEDULE_STEPS}`);
  });

  it('a 130 KB schedule stops at the first token past the longest run', async () => {
    const r = await nak('run', 'just-past', '--schedule', 'init '.repeat(26_000));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`longer than ${MAX_SCHEDULE_STEPS} steps at token ${MAX_SCHEDULE_STEPS + 1} 'init'`);
  });

  it('a 200 MB schedule fails at the same token: nothing past it is read', () => {
    const huge = 'init*1 '.repeat(30_000_000);
    expect(() => parseSchedule(huge, tasks)).toThrow(`longer than ${MAX_SCHEDULE_STEPS} steps at token ${MAX_SCHEDULE_STEPS + 1} 'init*1'`);
    // A bad token far past the limit is never reached: the length is what is reported.
    expect(() => parseSchedule('init '.repeat(MAX_SCHEDULE_STEPS + 1) + 'nobody', tasks)).toThrow(/longer than/);
  });

  it('a count with a leading zero is not a count', () => {
    expect(() => parseSchedule('init*01', tasks)).toThrow("token 1 'init*01' is not a task name or name*count");
  });
});

describe('exploration is bounded in time and memory as well as states', () => {
  it('a scenario too large to finish stops "incomplete" with exit 2 and names the limit it hit', async () => {
    const r = await nak('explore', 'test/fixtures/scenarios/kthreads-6.ts', '--no-symmetry', '--max-seconds', '1', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ complete: false, properties: {}, incomplete: 'still going after 1 s (max seconds 1)' });
    expect(r.err).toContain('exploration incomplete: still going after 1 s (max seconds 1); no verdict');
  });

  it('and a memory bound stops it where the estimate of the states it holds passes it', async () => {
    const r = await nak('explore', 'test/fixtures/scenarios/kthreads-6.ts', '--no-symmetry', '--max-memory', '1', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exploration incomplete: holding about \d+ MiB of states \(max memory 1 MiB\); no verdict/);
    // Deterministic: the same bound stops at the same state every time.
    const again = await nak('explore', 'test/fixtures/scenarios/kthreads-6.ts', '--no-symmetry', '--max-memory', '1', '--json');
    expect(JSON.parse(again.out).states).toBe(JSON.parse(r.out).states);
  });
});

describe('a scenario module that never finishes loading', () => {
  it('is given up on with a clear message', async () => {
    await expect(loadScenario('test/fixtures/scenarios/loops-at-import.ts', 300)).rejects.toThrow(
      'test/fixtures/scenarios/loops-at-import.ts: the module did not finish loading within 0.3 s (a loop or a wait at import?)',
    );
  });

  it('takes its time limit from NAK_LOAD_SECONDS, and refuses one that is not a number of seconds', () => {
    expect(loadTimeoutMs({})).toBe(5000);
    expect(loadTimeoutMs({ NAK_LOAD_SECONDS: '0.5' })).toBe(500);
    for (const bad of ['', 'soon', '0', '-1', '601']) expect(() => loadTimeoutMs({ NAK_LOAD_SECONDS: bad })).toThrow(`NAK_LOAD_SECONDS must be a number of seconds from 0.1 to 600, not '${bad}'`);
  });

  it('a default export that is not data is refused', async () => {
    await expect(loadScenario('test/fixtures/scenarios/not-data.ts')).rejects.toThrow('its default export is not plain data');
  });
});

describe('the nak binary: its own exit status for model errors and internal errors', () => {
  it('prints no stack trace for an error it did not expect', () => {
    // Half a second to load, not the default 5 (the default itself is timed by npm run bench's guards).
    const r = spawnSync('node', ['src/cli/nak.ts', 'explore', 'test/fixtures/scenarios/loops-at-import.ts'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, NAK_LOAD_SECONDS: '0.5' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did not finish loading within 0.5 s');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('exit statuses', () => {
  it('2 for bad input, 3 for a broken model invariant, 4 for an internal error', () => {
    expect(exitStatusOf(new NakError('bad-schedule', 'x'))).toBe(2);
    expect(exitStatusOf(new NakError('model-error', 'x'))).toBe(3);
    expect(exitStatusOf(new NakError('internal-error', 'x'))).toBe(4);
  });
});
