import { defineConfig } from 'vitest/config';

// The soak test (src/**/*.soak.test.ts): a minute of concurrent signed-in traffic whose figures mean
// something only when nothing else loads the machine, so it runs alone, last (groupOrder).
export default defineConfig({
  test: {
    name: 'soak',
    include: ['src/**/*.soak.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 4 },
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
