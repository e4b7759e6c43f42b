import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { availableActions, effectiveState } from '@/lib/core/challenges/logic/state-machine';
import { CHALLENGE_CLOCK, requireAdmin, type ServiceOptions } from '@/lib/server/challenges/service-support';

/** Title and state for the admin challenge pages' header. */
export async function getAdminChallengeHeader(actor: Actor, slug: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'manage challenges');
  const ch = await db.challenge.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, ...CHALLENGE_CLOCK },
  });
  return ch ? { ...ch, effective: effectiveState(ch, opts.now ?? new Date()) } : null;
}

/** Everything the admin's challenge page shows: settings for the editor, progress, what can happen next. */
export async function getAdminChallenge(actor: Actor, slug: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'manage challenges');
  const now = opts.now ?? new Date();
  const ch = await db.challenge.findUnique({
    where: { slug },
    include: {
      categories: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { _count: { select: { entries: { where: { status: 'ACTIVE' } } } } } },
      criteria: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { _count: { select: { scores: true } } } },
      createdBy: { select: { name: true } },
      _count: { select: { judges: true, assignments: true, conflicts: true, votes: true } },
    },
  });
  if (!ch) throw notFound('That challenge');
  const [entries, submitted, drafts] = await Promise.all([
    db.entry.groupBy({ by: ['status'], where: { challengeId: ch.id }, _count: { _all: true } }),
    db.scorecard.count({ where: { challengeId: ch.id, status: 'SUBMITTED' } }),
    db.scorecard.count({ where: { challengeId: ch.id, status: 'DRAFT' } }),
  ]);
  const byStatus = Object.fromEntries(entries.map((e) => [e.status, e._count._all]));
  const effective = effectiveState(ch, now);
  return {
    challenge: ch,
    effective,
    // The stored state decides the buttons: an OPEN challenge past its deadline still needs its close (and assignment).
    actions: availableActions(ch.state),
    counts: {
      active: byStatus.ACTIVE ?? 0,
      withdrawn: byStatus.WITHDRAWN ?? 0,
      disqualified: byStatus.DISQUALIFIED ?? 0,
      judges: ch._count.judges,
      assignments: ch._count.assignments,
      conflicts: ch._count.conflicts,
      votes: ch._count.votes,
      submitted,
      drafts,
    },
  };
}

export type AdminChallenge = Awaited<ReturnType<typeof getAdminChallenge>>;
