import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'compose', include: ['*.test.ts'] } });
