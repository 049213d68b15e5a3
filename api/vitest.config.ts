import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.resilience.test.ts', 'src/**/*.fuzz.test.ts', 'src/**/*.soak.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
