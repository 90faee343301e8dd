import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) copies; Node loads the CommonJS one for our dependencies,
    // so our code must too, or two GraphQL realms meet ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: [
      'services/**/*.test.ts',
      'projections/**/*.test.ts',
      'schema/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    // Set-ups start an app and create organisations (argon2 hashing): over a minute with CPU hogs beside.
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
