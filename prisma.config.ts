import path from 'node:path';
import { defineConfig } from 'prisma/config';

// `prisma generate` / `validate` / `format` never need Prisma's native schema engine, but the CLI
// insists on finding one and would download it. Point it at any existing file so it stays offline.
// Migrations run through scripts/db/migrate.ts (Prisma's WASM schema engine) instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
