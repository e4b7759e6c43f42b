import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { isAdmin } from '@/lib/core/auth/roles';
import { forbidden } from '@/lib/core/errors';

export async function getAdminOverview(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden();
  const [users, published, inReview, filesPending, openReports, challenges] = await Promise.all([
    db.user.count(),
    db.appliance.count({ where: { status: 'PUBLISHED' } }),
    db.appliance.count({ where: { status: 'IN_REVIEW' } }),
    db.applianceFile.count({ where: { status: { in: ['PENDING', 'INSPECTING'] } } }),
    db.reviewReport.count({ where: { resolvedAt: null } }),
    db.challenge.count({ where: { state: { in: ['OPEN', 'JUDGING'] } } }),
  ]);
  return { users, published, inReview, filesPending, openReports, challenges };
}
