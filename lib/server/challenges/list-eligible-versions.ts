import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';

/**
 * What the caller could enter: released versions with a verified file of their published
 * appliances not already active in this challenge, newest version first per appliance.
 */
export async function listEligibleVersions(actor: Actor, challengeId: string) {
  const appliances = await db.appliance.findMany({
    where: {
      publisher: { ownerId: actor.id },
      status: 'PUBLISHED',
      entries: { none: { challengeId, status: { in: ['ACTIVE', 'DISQUALIFIED'] } } },
    },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      versions: {
        where: { status: 'RELEASED', files: { some: { status: 'VERIFIED' } } },
        orderBy: { sortKey: 'desc' },
        select: { id: true, version: true, releasedAt: true },
      },
    },
  });
  return appliances.filter((a) => a.versions.length > 0);
}
