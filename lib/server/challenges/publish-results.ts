import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, invalid, notFound } from '@/lib/core/errors';
import { effectiveState, nextState } from '@/lib/core/challenges/logic/state-machine';
import { planAwards, type PlannedAward } from '@/lib/core/challenges/logic/awards';
import { createNotifications, mailNotifications } from '@/lib/server/notifications/notify';
import { loadLeaderboard } from '@/lib/server/challenges/load-leaderboard';
import { auditChallenge, lockChallenge, requireAdmin, type ServiceOptions, type Tx } from '@/lib/server/challenges/service-support';

/**
 * Publishes the results: JUDGING → RESULTS, with the awards the rules give (see planAwards).
 * From then on scores are frozen. Admins only.
 */
export async function publishResults(actor: Actor, challengeId: string, input: { grandPrizeEntryId?: string | null }, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'publish results');
  const now = opts.now ?? new Date();
  const { awards, notificationIds } = await db.$transaction(
    async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      if (ch.state === 'OPEN' && effectiveState(ch, now) === 'JUDGING') throw conflict('Submissions are closing: wait for the assignment to run (or close them), then judge before publishing.');
      nextState(ch.state, 'publish');
      const awards = await computeAwards(tx, ch, input.grandPrizeEntryId ?? null);
      if (!awards.some((a) => a.kind === 'CATEGORY_WINNER')) throw conflict('No entry has a submitted scorecard yet: there is nothing to publish.');
      if (input.grandPrizeEntryId && !awards.some((a) => a.kind === 'GRAND_PRIZE' && a.entryId === input.grandPrizeEntryId)) {
        throw invalid('The grand prize goes to one of the category winners.', { grandPrizeEntryId: 'Choose a category winner.' });
      }
      await tx.award.deleteMany({ where: { challengeId } });
      await tx.award.createMany({ data: awards.map((a) => ({ challengeId, ...a })) });
      await tx.challenge.update({ where: { id: challengeId }, data: { state: 'RESULTS', resultsPublishedAt: now } });
      await auditChallenge(tx, { actorId: actor.id, action: 'challenge.transition', challengeId, data: { action: 'publish', from: 'JUDGING', to: 'RESULTS' } });
      await auditChallenge(tx, { actorId: actor.id, action: 'results.publish', challengeId, data: { awards: awards.map((a) => ({ kind: a.kind, entryId: a.entryId, categoryId: a.categoryId })) } });

      const [entrants, judges] = await Promise.all([
        tx.entry.findMany({ where: { challengeId, status: { not: 'WITHDRAWN' } }, select: { entrantId: true }, distinct: ['entrantId'] }),
        tx.challengeJudge.findMany({ where: { challengeId }, select: { userId: true } }),
      ]);
      const people = new Set([...entrants.map((e) => e.entrantId), ...judges.map((j) => j.userId)]);
      const notificationIds = await createNotifications(
        [...people].map((userId) => ({
          userId,
          kind: 'results.published' as const,
          title: `Results of ${ch.title} are out`,
          body: `The winners of ${ch.title} have been announced.`,
          link: `/challenges/${ch.slug}/results`,
          dedupeKey: `results:${challengeId}:${userId}`,
        })),
        tx,
      );
      return { awards, notificationIds };
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
  return { awards };
}

/** The awards the rules give right now (the current grand prize pick is kept when still valid). */
export async function computeAwards(tx: Tx, ch: { id: string; peoplesChoice: boolean }, grandPrizeEntryId: string | null): Promise<PlannedAward[]> {
  const board = await loadLeaderboard(ch.id, tx);
  const votes = ch.peoplesChoice
    ? (await tx.vote.groupBy({ by: ['entryId', 'categoryId'], where: { challengeId: ch.id }, _count: { _all: true } })).map((v) => ({
        entryId: v.entryId,
        categoryId: v.categoryId,
        count: v._count._all,
      }))
    : null;
  return planAwards({
    rows: board.rows,
    categories: board.categories,
    entries: board.entries.map((e) => ({ id: e.id, createdAt: e.createdAt, disqualified: e.status === 'DISQUALIFIED' })),
    normalize: board.normalize,
    grandPrizeEntryId,
    peoplesChoice: votes,
  });
}

/**
 * Disqualifies an entry, with a reason (admins only, logged). After publication the awards are
 * recomputed by the same rules, so each award the entry held moves to the next entry; the
 * results page says why.
 */
export async function disqualifyEntry(actor: Actor, entryId: string, reason: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'disqualify entries');
  const why = reason.trim();
  if (why.length < 5) throw invalid('Give a reason (at least 5 characters); it is shown on the results page.', { reason: 'Give a reason.' });
  if (why.length > 1000) throw invalid('Keep the reason under 1,000 characters.', { reason: 'Too long.' });
  const now = opts.now ?? new Date();
  const { notificationIds, moved } = await db.$transaction(
    async (tx) => {
      const entry = await tx.entry.findUnique({ where: { id: entryId }, select: { id: true, challengeId: true, status: true, entrantId: true, appliance: { select: { name: true } } } });
      if (!entry) throw notFound('That entry');
      const ch = await lockChallenge(tx, entry.challengeId);
      if (ch.state === 'DRAFT') throw conflict('A draft challenge has no entries to disqualify.');
      if (entry.status !== 'ACTIVE') throw new AppError('CONFLICT', `This entry is already ${entry.status.toLowerCase()}.`);
      await tx.entry.update({ where: { id: entryId }, data: { status: 'DISQUALIFIED', disqualifiedAt: now, disqualifyReason: why } });

      let moved: { before: PlannedAward[]; after: PlannedAward[] } | null = null;
      if (ch.state === 'RESULTS' || ch.state === 'ARCHIVED') {
        const before = await tx.award.findMany({ where: { challengeId: ch.id }, select: { kind: true, categoryId: true, entryId: true, title: true } });
        const grand = before.find((a) => a.kind === 'GRAND_PRIZE')?.entryId ?? null;
        const after = await computeAwards(tx, ch, grand);
        await tx.award.deleteMany({ where: { challengeId: ch.id } });
        await tx.award.createMany({ data: after.map((a) => ({ challengeId: ch.id, ...a })) });
        moved = { before, after };
      }
      await auditChallenge(tx, {
        actorId: actor.id,
        action: 'entry.disqualify',
        challengeId: ch.id,
        targetType: 'Entry',
        targetId: entryId,
        reason: why,
        data: { appliance: entry.appliance.name, ...(moved ? { awardsBefore: moved.before, awardsAfter: moved.after } : {}) },
      });
      const notificationIds = await createNotifications(
        [
          {
            userId: entry.entrantId,
            kind: 'entry.disqualified',
            title: `Your entry ${entry.appliance.name} was disqualified from ${ch.title}`,
            body: `Reason: ${why}`,
            link: `/challenges/${ch.slug}`,
          },
        ],
        tx,
      );
      return { notificationIds, moved };
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
  return { awardsChanged: !!moved && JSON.stringify(moved.before.map((a) => [a.kind, a.categoryId, a.entryId]).sort()) !== JSON.stringify(moved.after.map((a) => [a.kind, a.categoryId, a.entryId]).sort()) };
}
