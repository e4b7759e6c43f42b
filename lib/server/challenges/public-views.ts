import 'server-only';
import { db } from '@/lib/server/db';
import { isAdmin, type Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, forbidden, notFound } from '@/lib/core/errors';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { effectiveState, votingOpen } from '@/lib/core/challenges/logic/state-machine';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { createRedactor } from '@/lib/core/challenges/logic/redact';
import { isOwnEntry } from '@/lib/core/challenges/logic/own-entry';
import { AWARD_RULES } from '@/lib/core/challenges/logic/awards';
import { loadLeaderboard } from '@/lib/server/challenges/leaderboard';
import { CHALLENGE_CLOCK, type ServiceOptions } from '@/lib/server/challenges/service-support';

/** Challenges the public may see (every one that left DRAFT), newest first, with their state now. */
export async function listPublicChallenges(opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  const rows = await db.challenge.findMany({
    where: { state: { not: 'DRAFT' } },
    orderBy: { submissionsOpenAt: 'desc' },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      ...CHALLENGE_CLOCK,
      resultsPublishedAt: true,
      grandPrize: true,
      peoplesChoice: true,
      categories: { orderBy: { position: 'asc' }, select: { name: true } },
      _count: { select: { entries: { where: { status: 'ACTIVE' } } } },
    },
  });
  return rows.map((c) => ({ ...c, state: effectiveState(c, now) }));
}

/**
 * The public challenge page. Entries are listed once judging starts (before that only counts),
 * and while People's Choice voting is open, since voters must see what they vote for. In blind
 * mode, until results are out, the list names appliances only: no publisher, no link.
 */
export async function getPublicChallenge(actor: Actor | null, slug: string, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  const ch = await db.challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      rules: true,
      ...CHALLENGE_CLOCK,
      resultsPublishedAt: true,
      judgesPerEntry: true,
      blind: true,
      entryLimit: true,
      normalizeScores: true,
      peoplesChoice: true,
      allowSelfVote: true,
      votingOpensAt: true,
      votingClosesAt: true,
      grandPrize: true,
      categories: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, slug: true, name: true, description: true, prize: true } },
      criteria: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, name: true, description: true, weight: true, scaleMin: true, scaleMax: true } },
      _count: { select: { judges: true } },
    },
  });
  if (!ch || (ch.state === 'DRAFT' && !isAdmin(actor))) return null;
  const state = effectiveState(ch, now);
  const voting = votingOpen({ ...ch, state }, now);
  const published = state === 'RESULTS' || state === 'ARCHIVED';
  const showEntries = state === 'JUDGING' || published || voting;
  const hideIdentity = ch.blind && !published;

  const [counts, entries, myVotes, tally] = await Promise.all([
    db.entry.groupBy({ by: ['categoryId'], where: { challengeId: ch.id, status: 'ACTIVE' }, _count: { _all: true } }),
    showEntries
      ? db.entry.findMany({
          where: { challengeId: ch.id, status: 'ACTIVE' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: {
            id: true,
            categoryId: true,
            entrantId: true,
            entrant: { select: { name: true, email: true } },
            version: { select: { version: true } },
            appliance: { select: { name: true, slug: true, summary: true, homepage: true, publisher: { select: { handle: true, displayName: true, url: true, ownerId: true } } } },
          },
        })
      : Promise.resolve([]),
    actor && ch.peoplesChoice ? db.vote.findMany({ where: { challengeId: ch.id, userId: actor.id }, select: { categoryId: true, entryId: true } }) : Promise.resolve([]),
    ch.peoplesChoice && published ? db.vote.groupBy({ by: ['entryId'], where: { challengeId: ch.id }, _count: { _all: true } }) : Promise.resolve(null),
  ]);
  const countBy = new Map(counts.map((c) => [c.categoryId, c._count._all]));
  const votesBy = tally ? new Map(tally.map((t) => [t.entryId, t._count._all])) : null;
  return {
    challenge: { ...ch, state, categories: undefined, criteria: undefined, _count: undefined, judges: ch._count.judges },
    categories: ch.categories.map((c) => ({ ...c, entries: countBy.get(c.id) ?? 0 })),
    criteria: ch.criteria,
    entryCount: counts.reduce((s, c) => s + c._count._all, 0),
    showEntries,
    hideIdentity,
    entries: entries.map((e) => {
      const redact = hideIdentity
        ? createRedactor([e.entrant.name, e.entrant.email, e.appliance.publisher.handle, e.appliance.publisher.displayName, e.appliance.publisher.url, e.appliance.homepage])
        : (t: string) => t;
      return {
        id: e.id,
        label: entryLabel(e.id),
        categoryId: e.categoryId,
        appliance: redact(e.appliance.name),
        summary: redact(e.appliance.summary),
        version: e.version.version,
        publisher: hideIdentity ? null : e.appliance.publisher.displayName,
        href: hideIdentity ? null : `/appliances/${e.appliance.publisher.handle}/${e.appliance.slug}`,
        votes: votesBy ? (votesBy.get(e.id) ?? 0) : null,
        // Only ever true for the caller's own entries: tells them nothing about anyone else's.
        yours: actor ? isOwnEntry(actor.id, e) : false,
      };
    }),
    voting: ch.peoplesChoice
      ? { open: voting, opensAt: ch.votingOpensAt, closesAt: ch.votingClosesAt, selfVote: ch.allowSelfVote, mine: Object.fromEntries(myVotes.map((v) => [v.categoryId, v.entryId])), countsVisible: published }
      : null,
  };
}

export type PublicChallenge = NonNullable<Awaited<ReturnType<typeof getPublicChallenge>>>;

/**
 * People's Choice: one vote per signed-in user per category, inside the voting window; voting
 * again in the category moves the vote. Rate-limited per user.
 */
export async function castVote(actor: Actor, challengeId: string, entryId: string, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  await enforceRateLimit(`vote:${actor.id}`, { window: 60, max: 20 }, 'votes');
  const ch = await db.challenge.findUnique({
    where: { id: challengeId },
    select: { id: true, peoplesChoice: true, allowSelfVote: true, votingOpensAt: true, votingClosesAt: true, ...CHALLENGE_CLOCK },
  });
  if (!ch || ch.state === 'DRAFT') throw notFound('That challenge');
  if (!ch.peoplesChoice) throw conflict('This challenge has no People’s Choice vote.');
  if (!votingOpen({ ...ch, state: effectiveState(ch, now) }, now)) {
    const before = ch.votingOpensAt && now < ch.votingOpensAt;
    throw new AppError('CONFLICT', before ? 'People’s Choice voting has not opened yet.' : 'People’s Choice voting is closed.');
  }
  const entry = await db.entry.findFirst({
    where: { id: entryId, challengeId, status: 'ACTIVE' },
    select: { id: true, categoryId: true, entrantId: true, appliance: { select: { publisher: { select: { ownerId: true } } } } },
  });
  if (!entry) throw notFound('That entry');
  if (!ch.allowSelfVote && isOwnEntry(actor.id, entry)) {
    throw forbidden('This challenge does not let entrants vote for their own entries.');
  }
  await db.vote.upsert({
    where: { categoryId_userId: { categoryId: entry.categoryId, userId: actor.id } },
    create: { challengeId, categoryId: entry.categoryId, userId: actor.id, entryId: entry.id },
    update: { entryId: entry.id },
  });
  return { categoryId: entry.categoryId, entryId: entry.id };
}

/** The public results page: null until results are published. */
export async function getPublicResults(slug: string) {
  const ch = await db.challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      ...CHALLENGE_CLOCK,
      grandPrize: true,
      resultsPublishedAt: true,
      peoplesChoice: true,
      normalizeScores: true,
      awards: { select: { kind: true, title: true, categoryId: true, entryId: true } },
    },
  });
  if (!ch || (ch.state !== 'RESULTS' && ch.state !== 'ARCHIVED')) return null;
  const board = await loadLeaderboard(ch.id);
  const tally = ch.peoplesChoice ? await db.vote.groupBy({ by: ['entryId'], where: { challengeId: ch.id }, _count: { _all: true } }) : [];
  const votes = new Map(tally.map((t) => [t.entryId, t._count._all]));
  const entryById = new Map(board.entries.map((e) => [e.id, e]));
  const describe = (entryId: string) => {
    const e = entryById.get(entryId);
    if (!e) return null;
    return {
      entryId,
      appliance: e.appliance.name,
      publisher: e.appliance.publisher.displayName,
      href: `/appliances/${e.appliance.publisher.handle}/${e.appliance.slug}`,
      version: e.version.version,
    };
  };
  const award = (kind: string, categoryId: string | null) => {
    const a = ch.awards.find((x) => x.kind === kind && x.categoryId === categoryId);
    return a ? { title: a.title, entry: describe(a.entryId) } : null;
  };
  const disqualified = board.entries
    .filter((e) => e.status === 'DISQUALIFIED')
    .map((e) => ({
      ...describe(e.id)!,
      category: board.categories.find((c) => c.id === e.categoryId)?.name ?? '',
      reason: e.disqualifyReason ?? '',
      at: e.disqualifiedAt,
      afterPublication: !!(e.disqualifiedAt && ch.resultsPublishedAt && e.disqualifiedAt > ch.resultsPublishedAt),
    }));
  return {
    challenge: { ...ch, awards: undefined },
    tieBreakRule: board.tieBreakRule,
    awardRules: AWARD_RULES,
    normalize: board.normalize,
    grandPrize: award('GRAND_PRIZE', null),
    categories: board.categories.map((c) => ({
      ...c,
      winner: award('CATEGORY_WINNER', c.id),
      peoplesChoice: ch.peoplesChoice ? award('PEOPLES_CHOICE', c.id) : null,
      ranking: board.rows
        .filter((r) => r.categoryId === c.id)
        .map((r) => ({
          ...describe(r.entryId)!,
          rank: r.rank,
          weightedMean: r.weightedMean,
          normalized: r.normalized,
          spread: r.spread,
          scoreCount: r.scoreCount,
          tieBrokenBy: r.tieBrokenBy ?? null,
          votes: ch.peoplesChoice ? (votes.get(r.entryId) ?? 0) : null,
        })),
    })),
    disqualified,
  };
}

export type PublicResults = NonNullable<Awaited<ReturnType<typeof getPublicResults>>>;
