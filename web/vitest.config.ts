import { defineConfig } from 'vitest/config';

// Unit tests of web's pure modules (no SvelteKit runtime, no browser). Browser tests: vitest.browser.config.ts.
export default defineConfig({
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
