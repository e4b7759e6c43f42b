import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { databaseTimeouts } from '@/lib/config/database-timeouts';
import { env } from '@/lib/config/env';

// One client per process, created on first use (never at build time), kept across hot reloads.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function prismaClient(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const e = env();
  const url = e.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)');
  const adapter = new PrismaPg({ connectionString: url, max: e.DATABASE_POOL_SIZE, ...databaseTimeouts() });
  globalForPrisma.prisma = new PrismaClient({ adapter });
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = prismaClient();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export { Prisma } from '@/lib/generated/prisma/client';
export type * from '@/lib/generated/prisma/client';
