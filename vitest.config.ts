import { defineConfig } from 'vitest/config';

// One run covers every workspace; each project has its own config beside its code.
// The browser project needs the web build and Chromium, so it runs after the others (scripts/test.ts).
export default defineConfig({
  test: {
    projects: ['domain', 'stack', 'api', 'indexer', 'jobs', 'docker', 'web/vitest.config.ts'],
  },
});
