import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { bestWinner } from '@/lib/core/challenges/logic/awards';
import { CHALLENGE_CLOCK, requireAdmin } from '@/lib/server/challenges/service-support';
import { loadLeaderboard } from '@/lib/server/challenges/load-leaderboard';

/** The admin's leaderboard page: ranked rows per category with who entered and who scored. */
export async function getAdminLeaderboard(actor: Actor, slug: string) {
  requireAdmin(actor, 'see the leaderboard');
  const found = await db.challenge.findUnique({ where: { slug }, select: { id: true } });
  if (!found) throw notFound('That challenge');
  const [challenge, board] = await Promise.all([
    db.challenge.findUnique({
      where: { id: found.id },
      select: {
        id: true,
        slug: true,
        title: true,
        ...CHALLENGE_CLOCK,
        resultsPublishedAt: true,
        peoplesChoice: true,
        grandPrize: true,
        normalizeScores: true,
        awards: { select: { kind: true, entryId: true, categoryId: true, title: true } },
        judges: { select: { user: { select: { id: true, name: true } } } },
        _count: { select: { assignments: true } },
      },
    }),
    loadLeaderboard(found.id),
  ]);
  if (!challenge) throw notFound('That challenge');
  const submitted = board.submittedCards;
  const judgeNames = new Map(challenge.judges.map((j) => [j.user.id, j.user.name]));
  const entryById = new Map(board.entries.map((e) => [e.id, e]));
  const describe = (entryId: string) => {
    const e = entryById.get(entryId)!;
    return {
      label: entryLabel(e.id),
      appliance: e.appliance.name,
      href: `/appliances/${e.appliance.publisher.handle}/${e.appliance.slug}`,
      publisher: e.appliance.publisher.displayName,
      version: e.version.version,
    };
  };
  const categories = board.categories.map((c) => ({
    ...c,
    rows: board.rows
      .filter((r) => r.categoryId === c.id)
      .map((r) => ({
        ...r,
        ...describe(r.entryId),
        perJudge: r.perJudge.map((p) => ({ ...p, judge: judgeNames.get(p.judgeId) ?? 'Former judge' })),
      })),
    disqualified: board.entries
      .filter((e) => e.categoryId === c.id && e.status === 'DISQUALIFIED')
      .map((e) => ({ entryId: e.id, ...describe(e.id), reason: e.disqualifyReason ?? '', at: e.disqualifiedAt })),
  }));
  // What publishing would award now: each category's first scored entry, and the default grand prize.
  const winners = board.rows.filter((r) => r.rank === 1 && r.scoreCount > 0);
  const best = winners.length > 0 ? bestWinner(winners, board.normalize, new Map(board.entries.map((e) => [e.id, e]))) : null;
  return {
    challenge: { ...challenge, judges: undefined },
    winners: winners.map((w) => ({ entryId: w.entryId, category: board.categories.find((c) => c.id === w.categoryId)?.name ?? '', ...describe(w.entryId) })),
    defaultGrandPrize: best?.entryId ?? null,
    normalize: board.normalize,
    tieBreakRule: board.tieBreakRule,
    categories,
    progress: { submitted, assigned: challenge._count.assignments },
  };
}
