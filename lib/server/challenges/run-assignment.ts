import 'server-only';
import { planAssignment, type AssignmentPlan } from '@/lib/core/challenges/logic/plan-assignment';
import { createNotifications, type NotificationInput } from '@/lib/server/notifications/notify';
import { auditChallenge, type Tx } from '@/lib/server/challenges/service-support';

export interface AssignmentRun {
  added: number;
  removed: number;
  shortfall: AssignmentPlan['shortfall'];
  note?: string;
  notificationIds: string[];
}

/**
 * Brings a challenge's stored assignments in line with its entries, judges and conflicts (see
 * planAssignment), inside the caller's transaction: applies the plan, logs it, and tells each
 * judge who got new entries. `why` names the occasion in the audit log.
 */
export async function runAssignment(
  tx: Tx,
  challenge: { id: string; slug: string; title: string; judgesPerEntry: number; assignmentSeed: string },
  actorId: string | null,
  why: string,
): Promise<AssignmentRun> {
  const [entries, judges, conflicts, existing] = await Promise.all([
    tx.entry.findMany({ where: { challengeId: challenge.id, status: 'ACTIVE' }, select: { id: true, entrantId: true } }),
    // A judge whose JUDGE role was taken away can no longer open the workspace: not a candidate.
    tx.challengeJudge.findMany({ where: { challengeId: challenge.id, user: { roles: { has: 'JUDGE' } } }, select: { userId: true } }),
    tx.conflict.findMany({ where: { challengeId: challenge.id }, select: { judgeId: true, entrantId: true, entryId: true } }),
    tx.assignment.findMany({ where: { challengeId: challenge.id }, select: { entryId: true, judgeId: true, scorecard: { select: { status: true } } } }),
  ]);
  const plan = planAssignment({
    entries,
    judges: judges.map((j) => ({ id: j.userId })),
    conflicts,
    k: challenge.judgesPerEntry,
    seed: challenge.assignmentSeed,
    existing: existing.map((a) => ({ entryId: a.entryId, judgeId: a.judgeId, scorecard: a.scorecard?.status ?? 'NONE' })),
  });

  for (const p of plan.remove) {
    await tx.assignment.deleteMany({ where: { challengeId: challenge.id, entryId: p.entryId, judgeId: p.judgeId } });
  }
  if (plan.add.length > 0) {
    await tx.assignment.createMany({ data: plan.add.map((p) => ({ challengeId: challenge.id, entryId: p.entryId, judgeId: p.judgeId })), skipDuplicates: true });
  }
  if (plan.add.length > 0 || plan.remove.length > 0 || plan.shortfall.length > 0) {
    await auditChallenge(tx, {
      actorId,
      action: 'assignment.auto',
      challengeId: challenge.id,
      reason: why,
      data: { method: plan.method, note: plan.note ?? null, added: plan.add, removed: plan.remove, shortfall: plan.shortfall, seed: challenge.assignmentSeed },
    });
  }

  const perJudge = new Map<string, number>();
  for (const p of plan.add) perJudge.set(p.judgeId, (perJudge.get(p.judgeId) ?? 0) + 1);
  const notices: NotificationInput[] = [...perJudge].map(([userId, n]) => ({
    userId,
    kind: 'judge.assigned',
    title: `${n} ${n === 1 ? 'entry' : 'entries'} to judge in ${challenge.title}`,
    body: `You have been assigned ${n} new ${n === 1 ? 'entry' : 'entries'} in ${challenge.title}. Open your judging workspace to download, launch and score ${n === 1 ? 'it' : 'them'}.`,
    link: `/judge/${challenge.slug}`,
  }));
  if (plan.shortfall.length > 0 && actorId === null) {
    const admins = await tx.user.findMany({ where: { roles: { has: 'ADMIN' } }, select: { id: true } });
    const missing = plan.shortfall.reduce((s, x) => s + x.missing, 0);
    for (const a of admins) {
      notices.push({
        userId: a.id,
        kind: 'assignment.incomplete',
        title: `${challenge.title}: ${plan.shortfall.length} ${plan.shortfall.length === 1 ? 'entry needs' : 'entries need'} judges`,
        body: `The automatic assignment is ${missing} judge ${missing === 1 ? 'slot' : 'slots'} short${plan.note ? ` (${plan.note})` : ''}. Add judges, then run the assignment again.`,
        link: `/admin/challenges/${challenge.slug}/judges`,
      });
    }
  }
  const notificationIds = await createNotifications(notices, tx);
  return { added: plan.add.length, removed: plan.remove.length, shortfall: plan.shortfall, note: plan.note, notificationIds };
}
