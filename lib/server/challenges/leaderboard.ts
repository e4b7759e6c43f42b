import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { computeLeaderboard, TIE_BREAK_RULE, type LeaderboardRow, type Scorecard } from '@/lib/core/challenges/logic/scoring';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { bestWinner } from '@/lib/core/challenges/logic/awards';
import { CHALLENGE_CLOCK, requireAdmin } from '@/lib/server/challenges/service-support';

type Client = Pick<Prisma.TransactionClient, 'challenge' | 'challengeCategory' | 'criterion' | '$queryRaw'>;

interface EntryRow {
  id: string;
  categoryId: string;
  createdAt: Date;
  status: 'ACTIVE' | 'WITHDRAWN' | 'DISQUALIFIED';
  disqualifyReason: string | null;
  disqualifiedAt: Date | null;
  entrantId: string;
  applianceName: string;
  applianceSlug: string;
  publisherHandle: string;
  publisherName: string;
  version: string;
}

interface CardRow {
  entryId: string;
  judgeId: string;
  submittedAt: Date | null;
  criteria: string[];
  values: number[];
}

/**
 * The ranked leaderboard of a challenge from its submitted scorecards (drafts never count), for
 * admins and for publication. Two flat SQL reads do the heavy lifting: entries joined with their
 * appliance, publisher and version, and one row per submitted scorecard with its values as
 * arrays (at 1,000 entries × 3 judges × 6 criteria, 2,835 rows rather than 18,000, and no
 * nested-relation round trips; see bench/leaderboard.ts).
 */
export async function loadLeaderboard(challengeId: string, client: Client = db) {
  const [challenge, categories, criteria, rawEntries, cardRows] = await Promise.all([
    client.challenge.findUnique({ where: { id: challengeId }, select: { id: true, normalizeScores: true } }),
    client.challengeCategory.findMany({ where: { challengeId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, name: true, slug: true, prize: true, position: true } }),
    client.criterion.findMany({ where: { challengeId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, name: true, weight: true, scaleMin: true, scaleMax: true } }),
    client.$queryRaw<EntryRow[]>`
      SELECT e."id", e."categoryId", e."createdAt", e."status", e."disqualifyReason", e."disqualifiedAt", e."entrantId",
             a."name" AS "applianceName", a."slug" AS "applianceSlug", p."handle" AS "publisherHandle", p."displayName" AS "publisherName",
             v."version"
      FROM "Entry" e
      JOIN "Appliance" a ON a."id" = e."applianceId"
      JOIN "Publisher" p ON p."id" = a."publisherId"
      JOIN "ApplianceVersion" v ON v."id" = e."versionId"
      WHERE e."challengeId" = ${challengeId} AND e."status" IN ('ACTIVE', 'DISQUALIFIED')
      ORDER BY e."createdAt", e."id"`,
    client.$queryRaw<CardRow[]>`
      SELECT s."entryId", s."judgeId", s."submittedAt", array_agg(cs."criterionId") AS "criteria", array_agg(cs."value") AS "values"
      FROM "Scorecard" s JOIN "CriterionScore" cs ON cs."scorecardId" = s."id"
      WHERE s."challengeId" = ${challengeId} AND s."status" = 'SUBMITTED'
      GROUP BY s."id"`,
  ]);
  if (!challenge) throw notFound('That challenge');

  const entries = rawEntries.map((e) => ({
    id: e.id,
    categoryId: e.categoryId,
    createdAt: e.createdAt,
    status: e.status,
    disqualifyReason: e.disqualifyReason,
    disqualifiedAt: e.disqualifiedAt,
    entrantId: e.entrantId,
    appliance: { name: e.applianceName, slug: e.applianceSlug, publisher: { handle: e.publisherHandle, displayName: e.publisherName } },
    version: { version: e.version },
  }));
  const known = new Set(entries.map((e) => e.id));
  const cards: Scorecard[] = cardRows
    .filter((r) => known.has(r.entryId))
    .map((r) => ({
      entryId: r.entryId,
      judgeId: r.judgeId,
      submittedAt: r.submittedAt ?? new Date(0),
      values: Object.fromEntries(r.criteria.map((id, i) => [id, Number(r.values[i])])),
    }));
  const rows: LeaderboardRow[] =
    criteria.length === 0
      ? []
      : computeLeaderboard(
          entries.map((e) => ({ id: e.id, categoryId: e.categoryId, createdAt: e.createdAt, disqualified: e.status === 'DISQUALIFIED' })),
          criteria,
          cards,
          { normalize: challenge.normalizeScores },
        );
  return { normalize: challenge.normalizeScores, categories, criteria, entries, rows, submittedCards: cards.length, tieBreakRule: TIE_BREAK_RULE };
}

export type LoadedLeaderboard = Awaited<ReturnType<typeof loadLeaderboard>>;

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
