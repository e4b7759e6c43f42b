import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';

/** The caller's own listings, whatever their state (GET /api/v1/publish/appliances). */
export async function listOwnAppliances(actor: Actor) {
  const rows = await db.appliance.findMany({
    where: { publisher: { ownerId: actor.id } },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, slug: true, name: true, status: true, latestVersion: true, reviewNote: true, publisher: { select: { handle: true } } },
  });
  return rows.map((r) => ({ id: r.id, publisher: r.publisher.handle, slug: r.slug, name: r.name, status: r.status, latestVersion: r.latestVersion, reviewNote: r.reviewNote }));
}
