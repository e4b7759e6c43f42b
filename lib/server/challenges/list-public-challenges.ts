import 'server-only';
import { db } from '@/lib/server/db';
import { effectiveState } from '@/lib/core/challenges/logic/state-machine';
import { CHALLENGE_CLOCK, type ServiceOptions } from '@/lib/server/challenges/service-support';

/** Challenges the public may see (every one that left DRAFT), newest first, with their state now. */
export async function listPublicChallenges(opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  const rows = await db.challenge.findMany({
    where: { state: { not: 'DRAFT' } },
    orderBy: { submissionsOpenAt: 'desc' },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      ...CHALLENGE_CLOCK,
      resultsPublishedAt: true,
      grandPrize: true,
      peoplesChoice: true,
      categories: { orderBy: { position: 'asc' }, select: { name: true } },
      _count: { select: { entries: { where: { status: 'ACTIVE' } } } },
    },
  });
  return rows.map((c) => ({ ...c, state: effectiveState(c, now) }));
}
