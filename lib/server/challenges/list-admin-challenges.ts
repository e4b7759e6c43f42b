import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { effectiveState } from '@/lib/core/challenges/logic/state-machine';
import { CHALLENGE_CLOCK, requireAdmin, type ServiceOptions } from '@/lib/server/challenges/service-support';

export async function listAdminChallenges(actor: Actor, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'list challenges');
  const now = opts.now ?? new Date();
  const rows = await db.challenge.findMany({
    orderBy: [{ submissionsOpenAt: 'desc' }],
    select: {
      id: true,
      slug: true,
      title: true,
      ...CHALLENGE_CLOCK,
      _count: { select: { entries: { where: { status: 'ACTIVE' } }, judges: true, categories: true } },
    },
  });
  return rows.map((r) => ({ ...r, effective: effectiveState(r, now) }));
}
