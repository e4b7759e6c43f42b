import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/roles';

/** The caller's own listings, whatever their state. */
export async function listOwnAppliances(actor: Actor) {
  return db.appliance.findMany({
    where: { publisher: { ownerId: actor.id } },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, name: true, slug: true, status: true, downloadCount: true, latestVersion: true, _count: { select: { versions: true } } },
  });
}
