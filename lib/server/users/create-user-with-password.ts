import 'server-only';
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { db } from '@/lib/server/db';
import type { RoleName } from '@/lib/core/auth/roles';

/**
 * Creates an e-mail/password account exactly as better-auth's sign-up stores it (user row plus a
 * "credential" account holding the scrypt hash). For the seed and administrative scripts.
 */
export async function createUserWithPassword(input: { name: string; email: string; password: string; roles: RoleName[] }) {
  const id = randomBytes(16).toString('base64url');
  const roles = input.roles.includes('USER') ? input.roles : (['USER', ...input.roles] as RoleName[]);
  return db.user.create({
    data: {
      id,
      name: input.name,
      email: input.email.toLowerCase(),
      emailVerified: true,
      roles: { set: roles },
      accounts: {
        create: { id: randomBytes(16).toString('base64url'), accountId: id, providerId: 'credential', password: await hashPassword(input.password) },
      },
    },
  });
}
