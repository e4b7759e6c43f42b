import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict } from '@/lib/core/errors';
import { effectiveState, formatInZone, nextState, type ChallengeAction } from '@/lib/core/challenges/logic/state-machine';
import { mailNotifications } from '@/lib/server/notifications/notify';
import { auditChallenge, lockChallenge, requireAdmin, type ServiceOptions, type Tx } from '@/lib/server/challenges/service-support';
import { runAssignment, type AssignmentRun } from '@/lib/server/challenges/run-assignment';
import { publishResults } from '@/lib/server/challenges/publish-results';

export interface TransitionResult {
  state: string;
  assignment?: Omit<AssignmentRun, 'notificationIds'>;
}

/**
 * An admin moves a challenge along DRAFT → OPEN → JUDGING → RESULTS → ARCHIVED. The state
 * machine decides what is allowed; this adds the preconditions a state needs (a rubric before
 * opening, a deadline still ahead) and what a state change brings (the assignment on close).
 */
export async function transitionChallenge(actor: Actor, challengeId: string, action: ChallengeAction, opts: ServiceOptions = {}): Promise<TransitionResult> {
  requireAdmin(actor, 'change a challenge’s state');
  if (action === 'publish') {
    await publishResults(actor, challengeId, {}, opts);
    return { state: 'RESULTS' };
  }
  const now = opts.now ?? new Date();
  const { result, notificationIds } = await db.$transaction(
    async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      const to = nextState(ch.state, action);
      if (action === 'open') {
        const [categories, criteria] = await Promise.all([
          tx.challengeCategory.count({ where: { challengeId } }),
          tx.criterion.count({ where: { challengeId } }),
        ]);
        if (categories === 0 || criteria === 0) throw conflict('Add at least one category and one rubric criterion before opening the challenge.');
        if (ch.submissionsCloseAt.getTime() <= now.getTime()) {
          throw conflict(`Submissions would already be closed (${formatInZone(ch.submissionsCloseAt, ch.timeZone)}): move the deadline first.`);
        }
      }
      if (action === 'close') {
        const closed = await closeSubmissions(tx, ch.id, actor.id, now);
        return { result: { state: to, assignment: closed.assignment }, notificationIds: closed.notificationIds };
      }
      await tx.challenge.update({ where: { id: ch.id }, data: { state: to } });
      await auditChallenge(tx, { actorId: actor.id, action: 'challenge.transition', challengeId: ch.id, data: { action, from: ch.state, to } });
      return { result: { state: to } as TransitionResult, notificationIds: [] as string[] };
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
  return result;
}

/**
 * OPEN → JUDGING, by an admin or by the clock, then the automatic assignment. Idempotent: a
 * challenge that is no longer OPEN is left alone (the clock may run twice). Closing before the
 * deadline moves the deadline to now, so every page says when entries really closed.
 */
export async function closeSubmissions(
  tx: Tx,
  challengeId: string,
  actorId: string | null,
  now: Date,
): Promise<{ closed: boolean; assignment?: Omit<AssignmentRun, 'notificationIds'>; notificationIds: string[] }> {
  const ch = await lockChallenge(tx, challengeId);
  if (ch.state !== 'OPEN') return { closed: false, notificationIds: [] };
  const early = now.getTime() < ch.submissionsCloseAt.getTime();
  await tx.challenge.update({ where: { id: ch.id }, data: { state: 'JUDGING', ...(early ? { submissionsCloseAt: now } : {}) } });
  await auditChallenge(tx, {
    actorId,
    action: 'challenge.transition',
    challengeId: ch.id,
    data: { action: 'close', from: 'OPEN', to: 'JUDGING', by: actorId ? 'admin' : 'clock', ...(early ? { scheduledClose: ch.submissionsCloseAt.toISOString() } : {}) },
  });
  const { notificationIds, ...assignment } = await runAssignment(tx, ch, actorId, actorId ? 'submissions closed by an admin' : 'submission deadline passed');
  return { closed: true, assignment, notificationIds };
}

/** Re-runs the assignment by hand (after adding judges, say). Only while judging. */
export async function rerunAssignment(actor: Actor, challengeId: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'assign judges');
  const now = opts.now ?? new Date();
  const { notificationIds, ...run } = await db.$transaction(
    async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      if (ch.state !== 'JUDGING') {
        throw conflict(effectiveState(ch, now) === 'JUDGING' ? 'Close submissions first.' : `Judges are assigned while judging; this challenge is ${ch.state.toLowerCase()}.`);
      }
      return runAssignment(tx, ch, actor.id, 'run by an admin');
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
  return run;
}
