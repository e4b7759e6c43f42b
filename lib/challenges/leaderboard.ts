import 'server-only';
import { db, type Prisma } from '@/lib/db';
import type { Actor } from '@/lib/auth/roles';
import { notFound } from '@/lib/errors';
import { computeLeaderboard, TIE_BREAK_RULE, type LeaderboardRow, type Scorecard } from '@/lib/challenges/logic/scoring';
import { entryLabel } from '@/lib/challenges/logic/entry-code';
import { bestWinner } from '@/lib/challenges/logic/awards';
import { requireAdmin } from '@/lib/challenges/service-support';

type Client = Pick<Prisma.TransactionClient, 'challenge' | 'challengeCategory' | 'criterion' | 'entry' | '$queryRaw'>;

interface ScoreRow {
  entryId: string;
  judgeId: string;
  submittedAt: Date | null;
  criterionId: string;
  value: number;
}

/**
 * The ranked leaderboard of a challenge from its submitted scorecards (drafts never count), for
 * admins and for publication. One flat query for the scores: at 1,000 entries × 3 judges × 6
 * criteria that is 18,000 rows, which Prisma's nested reads would turn into thousands of objects.
 */
export async function loadLeaderboard(challengeId: string, client: Client = db) {
  const [challenge, categories, criteria, entries, scores] = await Promise.all([
    client.challenge.findUnique({ where: { id: challengeId }, select: { id: true, normalizeScores: true } }),
    client.challengeCategory.findMany({ where: { challengeId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, name: true, slug: true, prize: true, position: true } }),
    client.criterion.findMany({ where: { challengeId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, name: true, weight: true, scaleMin: true, scaleMax: true } }),
    client.entry.findMany({
      where: { challengeId, status: { in: ['ACTIVE', 'DISQUALIFIED'] } },
      select: {
        id: true,
        categoryId: true,
        createdAt: true,
        status: true,
        disqualifyReason: true,
        disqualifiedAt: true,
        entrantId: true,
        appliance: { select: { name: true, slug: true, publisher: { select: { handle: true, displayName: true } } } },
        version: { select: { version: true } },
      },
    }),
    client.$queryRaw<ScoreRow[]>`
      SELECT s."entryId", s."judgeId", s."submittedAt", cs."criterionId", cs."value"
      FROM "Scorecard" s JOIN "CriterionScore" cs ON cs."scorecardId" = s."id"
      WHERE s."challengeId" = ${challengeId} AND s."status" = 'SUBMITTED'`,
  ]);
  if (!challenge) throw notFound('That challenge');

  const known = new Set(entries.map((e) => e.id));
  const cards = new Map<string, Scorecard>();
  for (const r of scores) {
    if (!known.has(r.entryId)) continue;
    const key = `${r.entryId}\u0000${r.judgeId}`;
    let card = cards.get(key);
    if (!card) {
      card = { entryId: r.entryId, judgeId: r.judgeId, values: {}, submittedAt: r.submittedAt ?? new Date(0) };
      cards.set(key, card);
    }
    card.values[r.criterionId] = r.value;
  }
  const rows: LeaderboardRow[] =
    criteria.length === 0
      ? []
      : computeLeaderboard(
          entries.map((e) => ({ id: e.id, categoryId: e.categoryId, createdAt: e.createdAt, disqualified: e.status === 'DISQUALIFIED' })),
          criteria,
          [...cards.values()],
          { normalize: challenge.normalizeScores },
        );
  return { normalize: challenge.normalizeScores, categories, criteria, entries, rows, tieBreakRule: TIE_BREAK_RULE };
}

export type LoadedLeaderboard = Awaited<ReturnType<typeof loadLeaderboard>>;

/** The admin's leaderboard page: ranked rows per category with who entered and who scored. */
export async function getAdminLeaderboard(actor: Actor, slug: string) {
  requireAdmin(actor, 'see the leaderboard');
  const challenge = await db.challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      state: true,
      timeZone: true,
      submissionsOpenAt: true,
      submissionsCloseAt: true,
      judgingCloseAt: true,
      resultsPublishedAt: true,
      peoplesChoice: true,
      grandPrize: true,
      normalizeScores: true,
      awards: { select: { kind: true, entryId: true, categoryId: true, title: true } },
      judges: { select: { user: { select: { id: true, name: true } } } },
      _count: { select: { assignments: true } },
    },
  });
  if (!challenge) throw notFound('That challenge');
  const [board, submitted] = await Promise.all([
    loadLeaderboard(challenge.id),
    db.scorecard.count({ where: { challengeId: challenge.id, status: 'SUBMITTED' } }),
  ]);
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
