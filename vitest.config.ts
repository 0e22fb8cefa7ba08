import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Goldens are written only by an explicit `npm run test:update`; CI never writes them.
    update: false,
    // In CI, also write a JSON report, from which .ci/run prints its closing count.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    // Vitest's default is one worker fewer than the cores, which is one here; the browser
    // files spend most of their time waiting on Chromium, so three workers keep two cores busy.
    maxWorkers: 3,
    // Browser tests that run side by side (describe.concurrent): two pages at a time keep
    // Chromium busy on two cores without the cost of more renderers than cores.
    maxConcurrency: 2,
    // Test files share a worker one after another rather than each starting its own (about
    // two seconds of CPU apiece); no test file depends on a fresh module state.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
