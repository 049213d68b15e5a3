import { defineConfig } from 'vitest/config';

// These tests stop and restart the real Elasticsearch and FerretDB processes, so they run alone,
// after every project that uses those servers (groupOrder) and one file at a time.
export default defineConfig({
  test: {
    name: 'resilience',
    include: ['src/**/*.resilience.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
