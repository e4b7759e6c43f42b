import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';

/** The caller's own listing, or NOT_FOUND: another publisher's listing does not exist for them. */
export async function findOwnAppliance<S extends Prisma.ApplianceSelect>(actor: Actor, applianceId: string, select: S) {
  if (!actor.id || !applianceId) throw notFound('That appliance');
  const row = await db.appliance.findFirst({ where: { id: applianceId, publisher: { ownerId: actor.id } }, select });
  if (!row) throw notFound('That appliance');
  return row;
}

/** The caller's own version (through its listing), or NOT_FOUND. */
export async function findOwnVersion<S extends Prisma.ApplianceVersionSelect>(actor: Actor, versionId: string, select: S) {
  if (!actor.id || !versionId) throw notFound('That version');
  const row = await db.applianceVersion.findFirst({ where: { id: versionId, appliance: { publisher: { ownerId: actor.id } } }, select });
  if (!row) throw notFound('That version');
  return row;
}
