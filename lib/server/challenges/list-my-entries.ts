import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';

/** The caller's own entries in a challenge, every state, with what they entered. */
export async function listMyEntries(actor: Actor, challengeId: string) {
  return db.entry.findMany({
    where: { challengeId, entrantId: actor.id },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      status: true,
      statement: true,
      createdAt: true,
      withdrawnAt: true,
      disqualifyReason: true,
      category: { select: { name: true } },
      appliance: { select: { name: true, slug: true, publisher: { select: { handle: true } } } },
      version: { select: { version: true } },
      awards: { select: { title: true, kind: true } },
    },
  });
}
