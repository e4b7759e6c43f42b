import 'server-only';
import { db } from '@/lib/db';

/** Challenges the public may see: every one that has left DRAFT. */
export async function listPublicChallenges() {
  return db.challenge.findMany({
    where: { state: { not: 'DRAFT' } },
    orderBy: { submissionsOpenAt: 'desc' },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      state: true,
      timeZone: true,
      submissionsOpenAt: true,
      submissionsCloseAt: true,
      judgingCloseAt: true,
      grandPrize: true,
      _count: { select: { entries: { where: { status: 'ACTIVE' } }, categories: true } },
    },
  });
}
