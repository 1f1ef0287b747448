import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

/**
 * Unit tests run in Node (services, shared, CLI); renderer logic that needs no browser
 * runs there too. Dataset tests read ../shared/data and take longer: they run with the
 * rest, in their own project, so a slow one is easy to single out.
 */
export default defineConfig({
  plugins: [vue()],
  test: {
    setupFiles: ['tests/support/fast-check-seed.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          // Kill tests (issue 11): the real services in child processes, killed with SIGKILL.
          name: 'faults',
          include: ['tests/faults/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dataset',
          include: ['tests/dataset/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
    ],
  },
});
