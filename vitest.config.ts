import { defineConfig } from 'vitest/config';

// One run covers every workspace; each project has its own config beside its code. Projects without a
// groupOrder run together first; then `resilience` (it stops and restarts servers), then `browser`, then
// `fuzz` (Schemathesis, alone), then `soak` (a minute of concurrent users, alone).
export default defineConfig({
  test: {
    projects: [
      'domain',
      'stack',
      'api',
      'indexer',
      'jobs',
      'docker',
      'scripts/vitest.config.ts',
      'web/vitest.config.ts',
      'api/vitest.resilience.config.ts',
      'web/vitest.browser.config.ts',
      'api/vitest.fuzz.config.ts',
      'api/vitest.soak.config.ts',
    ],
  },
});
