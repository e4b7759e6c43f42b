import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

// One client per copy of this module, created on first use (never at build time). Development
// keeps it on globalThis, across hot reloads. Production does not: the server's download fast
// path (scripts/serve.ts) loads its own copy of lib/ beside Next.js's bundle, and each copy must
// use the client made from its own Prisma classes (errors are told apart with instanceof).
const globalForPrisma = (process.env.NODE_ENV === 'production' ? {} : globalThis) as unknown as { prisma?: PrismaClient };

export function prismaClient(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)');
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
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
