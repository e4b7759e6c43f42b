import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { databaseTimeouts } from '@/lib/config/database-timeouts';
import { parseEnv } from '@/lib/config/env';

// One client per process, kept across hot reloads. Creating it opens no connection: the adapter's
// pool connects on the first query, so importing this at build time (no DATABASE_URL) is harmless.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  // Read afresh, not through env()'s cache: importing this module must not freeze the settings
  // a test or a script sets afterwards (MAIL_OUTBOX_DIR, say).
  const e = parseEnv();
  const adapter = new PrismaPg({ connectionString: e.DATABASE_URL, max: e.DATABASE_POOL_SIZE, ...databaseTimeouts() });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = (globalForPrisma.prisma ??= createClient());

/** The same client, for callers that take it as a value (better-auth's adapter, benchmarks). */
export function prismaClient(): PrismaClient {
  return db;
}

export { Prisma } from '@/lib/generated/prisma/client';
export type * from '@/lib/generated/prisma/client';
