import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nak } from '../nak.ts';

describe('nak explore', () => {
  it('tutorial: --json gives one object with the verdicts and exit 0 when they match', async () => {
    const r = await nak('explore', 'just-past', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['scenario', 'complete', 'states', 'transitions', 'elapsedMs', 'properties']));
    expect(j).toMatchObject({ scenario: 'just-past', complete: true });
    expect(j.properties.oops).toMatchObject({ reachable: true, expected: 'sometimes', verdict: 'sometimes' });
    expect(typeof j.properties.oops.witness).toBe('string');
    expect(j.properties['umount-ran-foreign-fput']).toMatchObject({ reachable: false, expected: 'never', witness: null });
  });

  it('exits 1 and marks the property when a declared verdict differs (any scenario file works)', async () => {
    const r = await nak('explore', 'test/fixtures/scenarios/wrong-verdict.ts');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BAD oops +expected never +found sometimes/);
    expect(r.out).toContain('nak run wrong-verdict --schedule "');
  });

  it('exits 2 with "incomplete" and no verdict when the state bound is hit', async () => {
    const r = await nak('explore', 'kthread-lazy-umount', '--max-states', '10', '--json');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ complete: false, properties: {} });
    expect(r.err).toContain('exploration incomplete: more than 10 states');
  });

  it('exits 2 when the depth bound is hit', async () => {
    const r = await nak('explore', 'just-past', '--max-depth', '5');
    expect(r.code).toBe(2);
    expect(r.out).toContain('INCOMPLETE');
    expect(r.err).toContain('max depth 5');
  });
});

describe('bad input: each has its own message and exit 2', () => {
  it('an unknown scenario id lists the known ones', async () => {
    const r = await nak('explore', 'just-pats');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown scenario 'just-pats'; known: baseline-umount, ");
  });

  it('a missing scenario file', async () => {
    const r = await nak('run', 'scenarios/nope.ts');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no scenario file at scenarios/nope.ts');
  });

  it('a malformed scenario names every problem and where it is', async () => {
    const r = await nak('explore', 'test/fixtures/scenarios/malformed.ts');
    expect(r.code).toBe(2);
    expect(r.err).toContain('test/fixtures/scenarios/malformed.ts: malformed scenario');
    for (const want of [
      "id: 'Malformed Scenario' is not kebab-case",
      "kernel: 'v9.99' is not one of",
      "setup.mounts[0].sb: unknown superblock 'sb9'",
      "tasks[0].program[0]: unknown umount flag 'MNT_LAZY'",
      'tasks[1].program[0]: sys_reboot is a syscall: only a user task makes it',
      "expect.oops: 'maybe' is not always, sometimes or never",
      'expect.umount-returned-while-alive: missing',
      'expect.no-such-property: unknown property',
    ]) {
      expect(r.err).toContain(want);
    }
  });

  it('a scenario module that does not load', async () => {
    const r = await nak('explore', 'test/fixtures/scenarios/not-a-module.ts');
    expect(r.code).toBe(2);
    expect(r.err).toContain('test/fixtures/scenarios/not-a-module.ts: cannot load the module');
  });

  it('a schedule naming no task', async () => {
    const r = await nak('run', 'just-past', '--schedule', 'init*2 kworker');
    expect(r.code).toBe(2);
    expect(r.err).toContain("token 2 'kworker' names no task; tasks: init, kthread, timer:fput, kworker:fput, timer:mntput, kworker:mntput");
  });

  it('a schedule with a step whose task cannot run', async () => {
    const r = await nak('run', 'just-past', '--schedule', 'init timer:mntput');
    expect(r.code).toBe(2);
    expect(r.err).toContain("step 2: 'timer:mntput' cannot run now (runnable: init, kworker:fput)");
  });

  it('a schedule that is not made of tokens', async () => {
    const r = await nak('run', 'just-past', '--schedule', 'init*0');
    expect(r.code).toBe(2);
    expect(r.err).toContain("token 1 'init*0' is not a task name or name*count");
  });

  it('an unknown pinned schedule, a bad seed, an unknown option', async () => {
    expect((await nak('run', 'just-past', '--pinned', 'nope')).err).toContain("just-past has no pinned schedule 'nope'; it has: nak-trace");
    expect((await nak('run', 'just-past', '--seed', 'x')).err).toContain("--seed takes a whole number, got 'x'");
    expect((await nak('explore', 'just-past', '--fast')).err).toContain("explore: Unknown option '--fast' (explore takes --json, --situation, --max-states, --max-depth, --max-seconds, --max-memory, --no-symmetry, --por)");
  });

  it('--por does not combine with --situation (exit 2, saying why)', async () => {
    const r = await nak('explore', 'umount-wait-only-case', '--situation', 'on-list-at-drain', '--por');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--por does not combine with --situation');
    expect(r.out).toBe('');
  });

  it('explore --por: the same verdicts, with the reduced counts labelled, in the text and the JSON', async () => {
    const text = await nak('explore', 'just-past', '--por');
    expect(text.code).toBe(0);
    expect(text.out).toContain('partial-order reduction (sleep sets, --por)');
    const json = JSON.parse((await nak('explore', 'just-past', '--por', '--json')).out);
    expect(json.reductions).toEqual({ symmetry: null, partialOrder: { method: 'sleep sets', counts: 'reduced graph' } });
    expect(json.matches).toBe(true);
  });
});

describe('nak run and list', () => {
  it('run --pinned prints the CPU-column trace that ends in the oops', async () => {
    const r = await nak('run', 'just-past', '--pinned', 'nak-trace');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# schedule init*6 kworker:fput*3 init*8 timer:mntput kworker:mntput*5');
    expect(r.out).toMatch(/^step +init +kthread +timer:fput +kworker:fput +timer:mntput +kworker:mntput +what changed$/m);
    expect(r.out).toContain('=> oops at step 23: ');
  });

  it('run --seed is reproducible and prints a schedule that replays to the same trace', async () => {
    const a = await nak('run', 'umount-wait-lazy', '--seed', '7');
    const b = await nak('run', 'umount-wait-lazy', '--seed', '7');
    expect(a.out).toBe(b.out);
    const schedule = /# schedule (.*)/.exec(a.out)![1]!;
    const c = await nak('run', 'umount-wait-lazy', '--schedule', schedule);
    expect(c.out).toBe(a.out);
  });

  it('list names every scenario and property', async () => {
    const r = await nak('list');
    expect(r.out).toMatch(/^just-past +v4\.13\+umount-wait-v2/m);
    expect(r.out).toContain('device-shutdown-under-live-fs');
  });
});

describe('nak verify', () => {
  it('passes on the chapters as they are', async () => {
    const r = await nak('verify');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✓ content\/chapters\/02-lifetimes\.mdx \(\d+ cells and claims\)$/m);
  });

  it('fails with exit 1 and the file and line of each problem', async () => {
    const r = await nak('verify', 'test/fixtures/content/unknown-scenario.mdx', 'test/fixtures/content/missing-expectation.mdx');
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ test/fixtures/content/unknown-scenario.mdx (1 cells and claims)');
    expect(r.err).toContain("test/fixtures/content/unknown-scenario.mdx:8: unknown-scenario: <TraceCell>: unknown scenario 'just-pats'");
    expect(r.err).toContain('test/fixtures/content/missing-expectation.mdx:9: missing-expectation:');
    expect(r.err).toContain('3 problems: the chapters disagree with the model');
  });

  it('takes absolute paths, and a missing file is bad input (exit 2)', async () => {
    const abs = `${process.cwd()}/content/chapters/02-lifetimes.mdx`;
    expect((await nak('verify', abs)).code).toBe(0);
    const r = await nak('verify', 'content/chapters/nope.mdx');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no chapter file at content/chapters/nope.mdx');
  });

  it('refuses --update in CI', async () => {
    const before = process.env.CI;
    process.env.CI = 'true';
    try {
      const r = await nak('verify', '--update', 'test/fixtures/content/missing-expectation.mdx');
      expect(r.code).toBe(2);
      expect(r.err).toContain('verify --update rewrites chapters and never runs in CI');
    } finally {
      if (before === undefined) delete process.env.CI;
      else process.env.CI = before;
    }
  });
});

describe('the nak binary', () => {
  it('runs through npm with its exit status: 2 on bad input, 0 on a match', () => {
    const bad = spawnSync('node', ['src/cli/nak.ts', 'explore', 'no-such-id'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("nak: unknown scenario 'no-such-id'");
    const good = spawnSync('node', ['src/cli/nak.ts', 'explore', 'baseline-umount', '--json'], { encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).complete).toBe(true);
  });
});
