// Per-test data with random ids, so tests never depend on each other or on the demo seed.
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/server/db';
import type { Actor, RoleName } from '@/lib/core/auth/roles';
import { createUserWithPassword } from '@/lib/server/users/create-user-with-password';
import { versionSortKey } from '@/lib/core/versions';
import type { Prisma } from '@/lib/server/db';

export const uid = (n = 6) => randomBytes(n).toString('hex');

export const TEST_PASSWORD = 'Correct-Horse-42';

export async function createTestUser(opts: { roles?: RoleName[]; name?: string; email?: string } = {}) {
  const email = opts.email ?? `user-${uid()}@test.local`;
  const user = await createUserWithPassword({ name: opts.name ?? `Test ${uid(2)}`, email, password: TEST_PASSWORD, roles: opts.roles ?? [] });
  const actor: Actor = { id: user.id, name: user.name, email: user.email, roles: user.roles };
  return { ...user, actor, password: TEST_PASSWORD };
}

export async function createTestPublisher(opts: { ownerId?: string } = {}) {
  const owner = opts.ownerId ? await db.user.findUniqueOrThrow({ where: { id: opts.ownerId } }) : await createTestUser({ roles: ['DEVELOPER'] });
  const publisher = await db.publisher.create({ data: { handle: `pub-${uid()}`, displayName: `Publisher ${uid(2)}`, ownerId: owner.id } });
  const actor: Actor = { id: owner.id, name: owner.name, email: owner.email, roles: owner.roles };
  return { publisher, owner: actor };
}

export async function createTestCategory() {
  return db.category.create({ data: { slug: `cat-${uid()}`, name: `Category ${uid(2)}` } });
}

export async function createTestAppliance(
  publisherId: string,
  data: Partial<Prisma.ApplianceUncheckedCreateInput> = {},
) {
  return db.appliance.create({
    data: { publisherId, slug: `app-${uid()}`, name: `Appliance ${uid(2)}`, summary: 'A test appliance', status: 'DRAFT', ...data },
  });
}

export async function createTestVersion(applianceId: string, version = '1.0.0', data: Partial<Prisma.ApplianceVersionUncheckedCreateInput> = {}) {
  return db.applianceVersion.create({ data: { applianceId, version, sortKey: versionSortKey(version), ...data } });
}
