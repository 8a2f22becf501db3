// The web app's tests: pages rendered in happy-dom against a fake API, checked with axe-core.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 180_000,
    setupFiles: ['src/test/setup.ts'],
  },
});
