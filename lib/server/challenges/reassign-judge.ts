import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, invalid, notFound } from '@/lib/core/errors';
import { suggestReplacement } from '@/lib/core/challenges/logic/reassign';
import { createEligibilityCheck } from '@/lib/core/challenges/logic/eligibility';
import { createNotifications, mailNotifications } from '@/lib/server/notifications/notify';
import { auditChallenge, lockChallenge, requireAdmin, type ServiceOptions, type Tx } from '@/lib/server/challenges/service-support';

async function assignmentState(tx: Pick<Tx, 'entry' | 'challengeJudge' | 'conflict' | 'assignment'>, challengeId: string) {
  const [entries, judges, conflicts, assignments] = await Promise.all([
    tx.entry.findMany({ where: { challengeId, status: 'ACTIVE' }, select: { id: true, entrantId: true } }),
    tx.challengeJudge.findMany({ where: { challengeId, user: { roles: { has: 'JUDGE' } } }, select: { userId: true } }),
    tx.conflict.findMany({ where: { challengeId }, select: { judgeId: true, entrantId: true, entryId: true } }),
    tx.assignment.findMany({ where: { challengeId }, select: { entryId: true, judgeId: true } }),
  ]);
  return { entries, judges: judges.map((j) => ({ id: j.userId })), conflicts, assignments };
}

/** Candidates to take over one assignment: no conflict, not already on the entry, least loaded first. */
export async function listReplacementCandidates(actor: Actor, assignmentId: string) {
  requireAdmin(actor, 'reassign judges');
  const a = await db.assignment.findUnique({ where: { id: assignmentId }, select: { entryId: true, judgeId: true, challengeId: true } });
  if (!a) throw notFound('That assignment');
  const state = await assignmentState(db, a.challengeId);
  if (!state.entries.some((e) => e.id === a.entryId)) return [];
  const candidates = suggestReplacement(state, a.entryId, a.judgeId);
  const users = await db.user.findMany({ where: { id: { in: candidates.map((c) => c.judgeId) } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return candidates.map((c) => ({ ...c, name: names.get(c.judgeId) ?? c.judgeId }));
}

/**
 * Hand reassignment: moves one assignment to another judge, with a reason that is logged. The
 * new judge must be on the panel, without a conflict with the entry or its entrant, and not on
 * the entry already; a submitted scorecard is never moved.
 */
export async function reassignJudge(actor: Actor, assignmentId: string, newJudgeId: string, reason: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'reassign judges');
  const why = requireReason(reason);
  const notificationIds = await db.$transaction(async (tx) => {
    const a = await tx.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, entryId: true, judgeId: true, challengeId: true, scorecard: { select: { status: true } } } });
    if (!a) throw notFound('That assignment');
    const ch = await lockChallenge(tx, a.challengeId);
    if (ch.state !== 'JUDGING') throw conflict(`Judges can be reassigned only while judging; this challenge is ${ch.state.toLowerCase()}.`);
    if (a.scorecard?.status === 'SUBMITTED') throw conflict('This judge has submitted their scores for the entry; the assignment stays.');
    await checkAssignable(tx, ch.id, a.entryId, newJudgeId, a.judgeId);
    await tx.assignment.delete({ where: { id: a.id } });
    const created = await tx.assignment.create({ data: { challengeId: ch.id, entryId: a.entryId, judgeId: newJudgeId, manual: true, reason: why }, select: { id: true } });
    await auditChallenge(tx, {
      actorId: actor.id,
      action: 'assignment.reassign',
      challengeId: ch.id,
      targetType: 'Entry',
      targetId: a.entryId,
      reason: why,
      data: { from: a.judgeId, to: newJudgeId, assignmentId: created.id },
    });
    return createNotifications([assignedNotice(ch, newJudgeId)], tx);
  });
  if (opts.mail !== false) await mailNotifications(notificationIds);
}

/** Adds one judge to one entry by hand (to fill a gap the automatic run could not), logged with its reason. */
export async function assignJudgeByHand(actor: Actor, entryId: string, judgeId: string, reason: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'assign judges');
  const why = requireReason(reason);
  const notificationIds = await db.$transaction(async (tx) => {
    const entry = await tx.entry.findUnique({ where: { id: entryId }, select: { id: true, challengeId: true, status: true } });
    if (!entry) throw notFound('That entry');
    const ch = await lockChallenge(tx, entry.challengeId);
    if (ch.state !== 'JUDGING') throw conflict(`Judges can be assigned only while judging; this challenge is ${ch.state.toLowerCase()}.`);
    await checkAssignable(tx, ch.id, entryId, judgeId, null);
    const created = await tx.assignment.create({ data: { challengeId: ch.id, entryId, judgeId, manual: true, reason: why }, select: { id: true } });
    await auditChallenge(tx, { actorId: actor.id, action: 'assignment.manual', challengeId: ch.id, targetType: 'Entry', targetId: entryId, reason: why, data: { judgeId, assignmentId: created.id } });
    return createNotifications([assignedNotice(ch, judgeId)], tx);
  });
  if (opts.mail !== false) await mailNotifications(notificationIds);
}

async function checkAssignable(tx: Tx, challengeId: string, entryId: string, judgeId: string, replacing: string | null) {
  const state = await assignmentState(tx, challengeId);
  const entry = state.entries.find((e) => e.id === entryId);
  if (!entry) throw conflict('This entry is not active.');
  if (!state.judges.some((j) => j.id === judgeId)) throw invalid('Choose a judge of this challenge’s panel.', { judgeId: 'Not on the panel.' });
  if (!createEligibilityCheck(state.conflicts)(judgeId, entry)) {
    throw conflict(judgeId === entry.entrantId ? 'A judge cannot judge their own entry.' : 'This judge declared a conflict with the entry or its entrant.');
  }
  if (state.assignments.some((a) => a.entryId === entryId && a.judgeId === judgeId)) throw conflict('This judge is already on the entry.');
  // The one place that ranks candidates also confirms the choice (same rules as the suggestions).
  if (replacing && !suggestReplacement(state, entryId, replacing).some((c) => c.judgeId === judgeId)) {
    throw conflict('This judge cannot take over the assignment.');
  }
}

function requireReason(reason: string): string {
  const why = reason.trim();
  if (why.length < 5) throw invalid('Give a reason (at least 5 characters); it goes into the audit log.', { reason: 'Give a reason.' });
  if (why.length > 500) throw invalid('Keep the reason under 500 characters.', { reason: 'Too long.' });
  return why;
}

function assignedNotice(ch: { slug: string; title: string }, userId: string) {
  return {
    userId,
    kind: 'judge.assigned' as const,
    title: `1 entry to judge in ${ch.title}`,
    body: `An admin assigned you an entry in ${ch.title}.`,
    link: `/judge/${ch.slug}`,
  };
}
