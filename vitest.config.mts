import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The CLI tests spawn the installed command, which runs the bundle (scripts/build-cli.mjs).
    globalSetup: ['scripts/build-cli.mjs'],
  },
});
