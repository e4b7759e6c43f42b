import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { setting } from './lib/config/env';

// `prisma generate` / `validate` / `format` never need Prisma's native schema engine, but the CLI
// insists on finding one and would download it. Point it at any existing file so it stays offline.
// Migrations run through scripts/db/migrate.ts (Prisma's WASM schema engine) instead.
// (Prisma's own variable, not a setting of ours: one already set is kept.)
// eslint-disable-next-line no-restricted-syntax
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: setting('DATABASE_URL') ?? '' },
});
