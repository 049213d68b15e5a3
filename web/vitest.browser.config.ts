import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: real headless Chromium (playwright-core as a library) against the built web server and the
// real API, both started once by tests/global-setup.ts.
export default defineConfig({
  test: {
    name: 'browser',
    // Paths below are web's, also when run from the repository root (`vitest run --config web/…`).
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.browser.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // One web server and one browser at a time: files share the processes the global setup started.
    fileParallelism: false,
    // After every other project: the resilience tests stop and restart the servers these pages need.
    sequence: { groupOrder: 2 },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
