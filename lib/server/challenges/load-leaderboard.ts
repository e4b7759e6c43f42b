import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import { notFound } from '@/lib/core/errors';
import { computeLeaderboard, TIE_BREAK_RULE, type LeaderboardRow, type Scorecard } from '@/lib/core/challenges/logic/scoring';

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
