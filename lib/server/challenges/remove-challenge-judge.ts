import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, notFound } from '@/lib/core/errors';
import { mailNotifications } from '@/lib/server/notifications/notify';
import { runAssignment } from '@/lib/server/challenges/run-assignment';
import { auditChallenge, lockChallenge, requireAdmin, type ServiceOptions } from '@/lib/server/challenges/service-support';

/**
 * Takes a judge off the panel. Refused once they submitted scores (those stay as evidence);
 * otherwise their assignments go and, while judging, the gaps are filled again.
 */
export async function removeChallengeJudge(actor: Actor, challengeId: string, userId: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'remove judges');
  const notificationIds = await db.$transaction(
    async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      const row = await tx.challengeJudge.findUnique({ where: { challengeId_userId: { challengeId, userId } } });
      if (!row) throw notFound('That judge');
      const submitted = await tx.scorecard.count({ where: { challengeId, judgeId: userId, status: 'SUBMITTED' } });
      if (submitted > 0) throw conflict(`This judge has submitted ${submitted} ${submitted === 1 ? 'scorecard' : 'scorecards'}; they stay on the panel.`);
      await tx.assignment.deleteMany({ where: { challengeId, judgeId: userId } });
      await tx.challengeJudge.delete({ where: { id: row.id } });
      await auditChallenge(tx, { actorId: actor.id, action: 'judge.remove', challengeId, targetType: 'User', targetId: userId });
      if (ch.state !== 'JUDGING') return [];
      return (await runAssignment(tx, ch, actor.id, 'a judge left the panel')).notificationIds;
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
}
