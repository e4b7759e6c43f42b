import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next*/**', 'test-results*/**', '.data/**', 'lib/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Configuration in one place: the product (the app, the worker, the start and build scripts, the
    // proxy and the tools' config files) reads its settings through lib/config/env.ts, which
    // validates every variable once. NODE_ENV is Next.js's (inlined at build time); handing the whole
    // environment to a child process (`...process.env`) or setting a variable for one is not reading
    // a setting. apx is a program of its own: its settings are apx/config.ts's.
    files: ['app/**', 'components/**', 'lib/**', 'scripts/**', 'proxy.ts', 'next.config.ts', 'prisma.config.ts'],
    ignores: ['lib/config/**', 'lib/test-support/**', '**/__tests__/**', '**/*.test.ts', '**/*.test.tsx', 'scripts/test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name='env'][property.name!='NODE_ENV']:not(AssignmentExpression[operator='='] > MemberExpression.left)",
          message: 'Read settings through env() from lib/config/env.ts (add the variable to its schema), not process.env.',
        },
      ],
    },
  },
  {
    // Links prefetch on intent, never on sight and never an API route: one component decides.
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    ignores: ['components/ui/link.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'next/link', message: "Use { Link } from '@/components/ui/link' (prefetches on intent, never an API route)." }] }],
    },
  },
  {
    // Route handlers validate, authenticate (lib/server/http/route.ts) and call a service: the
    // queries, and the authorization in them, live in lib/server/<domain>/.
    files: ['app/api/**/route.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@/lib/server/db', message: 'Call a service in lib/server/<domain>/; route handlers never query Prisma.' }],
          patterns: [{ group: ['@/lib/generated/*'], message: 'Call a service in lib/server/<domain>/; route handlers never query Prisma.' }],
        },
      ],
    },
  },
]);
