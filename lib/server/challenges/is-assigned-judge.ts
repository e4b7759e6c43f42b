import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';

/**
 * Whether the actor judges an entry of this appliance in a challenge that is being judged (or
 * whose results are out): such judges may see and download it even when it is not published.
 */
export async function isAssignedJudge(actor: Actor | null, applianceId: string): Promise<boolean> {
  if (!actor || !actor.roles.includes('JUDGE')) return false;
  const found = await db.assignment.findFirst({
    where: {
      judgeId: actor.id,
      entry: { applianceId, status: { not: 'WITHDRAWN' } },
      challenge: { state: { in: ['JUDGING', 'RESULTS'] } },
    },
    select: { id: true },
  });
  return !!found;
}
