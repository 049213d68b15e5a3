import { defineConfig } from 'vitest/config';

// The stack's tests talk to the servers the test runner started (ELASTICSEARCH_URL, MONGODB_URI, SMTP_URL,
// MAILPIT_URL are set); they never start or stop the stack themselves.
export default defineConfig({
  test: {
    name: 'stack',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
