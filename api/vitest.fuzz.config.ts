import { defineConfig } from 'vitest/config';

// Schemathesis against the real API (src/**/*.fuzz.test.ts): CPU-bound for minutes, so it runs alone,
// after every other project (groupOrder), one file at a time, rather than slowing them all down.
export default defineConfig({
  test: {
    name: 'fuzz',
    include: ['src/**/*.fuzz.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 3 },
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
