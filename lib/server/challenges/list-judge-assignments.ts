import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';

/** A judge's own assignments across challenges, with scoring progress. */
export async function listJudgeAssignments(actor: Actor) {
  const challenges = await db.challenge.findMany({
    where: { judges: { some: { userId: actor.id } } },
    orderBy: { judgingCloseAt: 'desc' },
    select: {
      id: true,
      slug: true,
      title: true,
      state: true,
      judgingCloseAt: true,
      timeZone: true,
      assignments: {
        where: { judgeId: actor.id },
        select: { id: true, scorecard: { select: { status: true } } },
      },
    },
  });
  return challenges.map((c) => ({
    id: c.id,
    slug: c.slug,
    title: c.title,
    state: c.state,
    judgingCloseAt: c.judgingCloseAt,
    timeZone: c.timeZone,
    assigned: c.assignments.length,
    submitted: c.assignments.filter((a) => a.scorecard?.status === 'SUBMITTED').length,
  }));
}
