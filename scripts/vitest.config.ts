import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'static', include: ['static-checks.test.ts', 'start-signals.test.ts'], testTimeout: 240_000 },
});
