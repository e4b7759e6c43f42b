import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { requireAdmin } from '@/lib/server/challenges/service-support';

/** Every entry of a challenge for the admin, with its judges' progress. */
export async function listAdminEntries(actor: Actor, slug: string) {
  requireAdmin(actor, 'see entries');
  const ch = await db.challenge.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, state: true, resultsPublishedAt: true } });
  if (!ch) throw notFound('That challenge');
  const entries = await db.entry.findMany({
    where: { challengeId: ch.id },
    orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      status: true,
      createdAt: true,
      withdrawnAt: true,
      disqualifiedAt: true,
      disqualifyReason: true,
      statement: true,
      category: { select: { name: true } },
      entrant: { select: { name: true, email: true } },
      appliance: { select: { name: true, slug: true, publisher: { select: { handle: true, displayName: true } } } },
      version: { select: { version: true } },
      awards: { select: { title: true } },
      _count: { select: { assignments: true, votes: true } },
      scorecards: { where: { status: 'SUBMITTED' }, select: { id: true } },
    },
  });
  return {
    challenge: ch,
    entries: entries.map((e) => ({ ...e, label: entryLabel(e.id), submitted: e.scorecards.length, scorecards: undefined })),
  };
}
