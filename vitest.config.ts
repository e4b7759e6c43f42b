import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^server-only$/, replacement: `${root}lib/test-support/empty-module.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
