import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { availableActions, effectiveState } from '@/lib/core/challenges/logic/state-machine';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
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

/** Every entry of a challenge for the admin, with its judges' progress. */
export async function listAdminEntries(actor: Actor, slug: string) {
  requireAdmin(actor, 'see entries');
  const ch = await db.challenge.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, state: true, resultsPublishedAt: true } });
  if (!ch) throw notFound('That challenge');
  const entries = await db.entry.findMany({
    where: { challengeId: ch.id },
    orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      status: true,
      createdAt: true,
      withdrawnAt: true,
      disqualifiedAt: true,
      disqualifyReason: true,
      statement: true,
      category: { select: { name: true } },
      entrant: { select: { name: true, email: true } },
      appliance: { select: { name: true, slug: true, publisher: { select: { handle: true, displayName: true } } } },
      version: { select: { version: true } },
      awards: { select: { title: true } },
      _count: { select: { assignments: true, votes: true } },
      scorecards: { where: { status: 'SUBMITTED' }, select: { id: true } },
    },
  });
  return {
    challenge: ch,
    entries: entries.map((e) => ({ ...e, label: entryLabel(e.id), submitted: e.scorecards.length, scorecards: undefined })),
  };
}
