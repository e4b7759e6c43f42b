import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

const shared = {
  resolve: {
    alias: [
      // Tests run outside Next.js, which is what `server-only` guards against.
      { find: /^server-only$/, replacement: `${root}lib/test-support/empty-module.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
};

// Test files planted by the runner's own guard test (scripts/__tests__/npm-test-honest.test.ts):
// only the nested run it starts may see them.
const planted = process.env.APX_PLANTED_TESTS === '1' ? [] : ['**/__planted__/**'];

const everywhere = ['lib/**/*.test.ts', 'apx/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts', 'components/**/*.test.ts'];

export default defineConfig({
  ...shared,
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: everywhere,
          exclude: ['**/*.int.test.ts', 'node_modules/**', '.next/**', 'e2e/**', ...planted],
          testTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          // Against a real PostgreSQL and S3 server, started fresh by the global setup.
          name: 'integration',
          include: everywhere.map((g) => g.replace('*.test.ts', '*.int.test.ts')),
          exclude: ['node_modules/**', '.next/**', 'e2e/**', ...planted],
          globalSetup: ['lib/test-support/integration-global-setup.ts'],
          setupFiles: ['lib/test-support/integration-env.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
