import 'server-only';
import { db } from '@/lib/server/db';
import { AWARD_RULES } from '@/lib/core/challenges/logic/awards';
import { loadLeaderboard } from '@/lib/server/challenges/load-leaderboard';
import { CHALLENGE_CLOCK } from '@/lib/server/challenges/service-support';

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
