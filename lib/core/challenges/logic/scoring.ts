/**
 * Scores and ranking of a challenge from a weighted rubric.
 *
 * - A judge's score of an entry is the weighted mean of the criterion values, each rescaled to
 *   0..1 over its own scale, times 100 — so a 1–5 criterion and a 0–10 one weigh only by weight.
 * - Normalisation (optional) turns each judge's scores into z-scores over every entry that judge
 *   scored in the challenge, so a harsh judge and a lenient one count alike even though each
 *   judges a different subset. z uses the population standard deviation; a judge whose scores
 *   are all equal (including a judge with a single score) has σ = 0 and contributes z = 0, i.e.
 *   "this entry is average for this judge", rather than dividing by zero.
 * - Scorecards of disqualified entries still count towards their judge's mean and σ: they
 *   describe how that judge scores, and disqualifying one entry must not move the others.
 *   Disqualified entries are left out of the leaderboard (no row at all), so a page cannot
 *   show them by mistake.
 */
import { invalid } from '@/lib/core/errors';

export interface Criterion {
  id: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

/** Only submitted scorecards are passed in: drafts must never influence the ranking. */
export interface Scorecard {
  entryId: string;
  judgeId: string;
  /** Criterion id → value on that criterion's scale. */
  values: Record<string, number>;
  submittedAt: Date | string;
}

export interface EntryInfo {
  id: string;
  categoryId: string;
  createdAt: Date | string;
  disqualified?: boolean;
}

/** Which rule decided the order against the row directly above, when the ranking score tied. */
export type TieBreak = 'weightedMean' | 'scoreCount' | 'createdAt' | 'entryId';

export interface LeaderboardRow {
  entryId: string;
  categoryId: string;
  /** 1-based within the category; always distinct, since the tie-break is total. */
  rank: number;
  /** Mean of the judges' scores, 0..100 (0 when unscored). */
  weightedMean: number;
  /** Mean of the judges' z-scores (0 when unscored). */
  normalized: number;
  /** Highest minus lowest judge score: how much the judges disagree. */
  spread: number;
  scoreCount: number;
  /** Sorted by judge id. */
  perJudge: { judgeId: string; score: number; z: number }[];
  /** Set when this row's ranking score equals the row above; names the rule that put it below. */
  tieBrokenBy?: TieBreak;
}

export interface LeaderboardOptions {
  /** Rank by mean z-score instead of the mean weighted score. On by default, as in the schema. */
  normalize?: boolean;
}

export const TIE_BREAK_RULE =
  'Ties are broken by the higher average weighted score, then by more judges’ scores, ' +
  'then by the earlier entry, then by entry id; entries without scores rank last.';

/**
 * Scores are compared after rounding to this step, so float noise (0.1 + 0.2) never decides a
 * tie. Rounding rather than |a − b| < ε keeps the comparison transitive, as sorting requires.
 */
const SCORE_EPSILON = 1e-9;

/** A judge's score of one entry: weighted mean of the rescaled values, 0..100. */
export function judgeScore(card: Scorecard, criteria: Criterion[]): number {
  validateCriteria(criteria);
  return scoreCard(card, criteria, new Set(criteria.map((c) => c.id)));
}

/**
 * Rows ranked per category, grouped by category id. Every scorecard must belong to a listed
 * entry (a withdrawn entry's cards: leave them out, or list the entry as disqualified if they
 * should still calibrate their judges). Unscored entries get zeros and scoreCount 0.
 */
export function computeLeaderboard(
  entries: EntryInfo[],
  criteria: Criterion[],
  cards: Scorecard[],
  opts: LeaderboardOptions = {},
): LeaderboardRow[] {
  validateCriteria(criteria);
  const entryById = indexEntries(entries);

  const scored = scoreAllCards(cards, criteria, entryById);
  const zOf = normalizePerJudge(scored);

  const byEntry = new Map<string, { judgeId: string; score: number; z: number }[]>();
  scored.forEach((s, i) => {
    const list = byEntry.get(s.entryId) ?? [];
    list.push({ judgeId: s.judgeId, score: s.score, z: zOf[i] });
    byEntry.set(s.entryId, list);
  });

  const byCategory = new Map<string, LeaderboardRow[]>();
  for (const entry of entries) {
    if (entry.disqualified) continue;
    const perJudge = (byEntry.get(entry.id) ?? []).sort((a, b) => compareIds(a.judgeId, b.judgeId));
    const scores = perJudge.map((p) => p.score);
    const row: LeaderboardRow = {
      entryId: entry.id,
      categoryId: entry.categoryId,
      rank: 0,
      weightedMean: mean(scores),
      normalized: mean(perJudge.map((p) => p.z)),
      spread: scores.length > 0 ? Math.max(...scores) - Math.min(...scores) : 0,
      scoreCount: scores.length,
      perJudge,
    };
    const list = byCategory.get(entry.categoryId) ?? [];
    list.push(row);
    byCategory.set(entry.categoryId, list);
  }

  const normalize = opts.normalize ?? true;
  const rows: LeaderboardRow[] = [];
  for (const categoryId of [...byCategory.keys()].sort(compareIds)) {
    rows.push(...rankCategory(byCategory.get(categoryId) ?? [], normalize, entryById));
  }
  return rows;
}

type RowOrder = (a: LeaderboardRow, b: LeaderboardRow) => number;

function rankCategory(
  list: LeaderboardRow[],
  normalize: boolean,
  entryById: Map<string, { createdAtMs: number }>,
): LeaderboardRow[] {
  const primary = (r: LeaderboardRow) => (normalize ? r.normalized : r.weightedMean);
  const createdAt = (r: LeaderboardRow) => entryById.get(r.entryId)?.createdAtMs ?? 0;
  // Scored entries first, then the primary score, then TIE_BREAK_RULE in order.
  const compareScore: RowOrder = (a, b) =>
    Number(b.scoreCount > 0) - Number(a.scoreCount > 0) || compareDesc(primary(a), primary(b));
  const tieBreaks: [TieBreak, RowOrder][] = [
    ['weightedMean', (a, b) => compareDesc(a.weightedMean, b.weightedMean)],
    ['scoreCount', (a, b) => b.scoreCount - a.scoreCount],
    ['createdAt', (a, b) => createdAt(a) - createdAt(b)],
    ['entryId', (a, b) => compareIds(a.entryId, b.entryId)],
  ];
  const sorted = [...list].sort((a, b) => {
    const byScore = compareScore(a, b);
    if (byScore !== 0) return byScore;
    for (const [, compare] of tieBreaks) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });

  return sorted.map((entry, i) => {
    const above = sorted[i - 1];
    const result: LeaderboardRow = { ...entry, rank: i + 1 };
    if (above && compareScore(above, entry) === 0) {
      const decided = tieBreaks.find(([, compare]) => compare(above, entry) !== 0);
      if (decided) result.tieBrokenBy = decided[0];
    }
    return result;
  });
}

interface ScoredCard {
  entryId: string;
  judgeId: string;
  score: number;
}

function scoreAllCards(
  cards: Scorecard[],
  criteria: Criterion[],
  entryById: Map<string, { createdAtMs: number }>,
): ScoredCard[] {
  const seen = new Set<string>();
  const known = new Set(criteria.map((c) => c.id));
  return cards.map((card) => {
    if (!entryById.has(card.entryId)) {
      throw invalid(`A scorecard of judge ${card.judgeId} is for unknown entry ${card.entryId}.`);
    }
    const key = `${card.entryId}\u0000${card.judgeId}`;
    if (seen.has(key)) {
      throw invalid(`Judge ${card.judgeId} has more than one scorecard for entry ${card.entryId}.`);
    }
    seen.add(key);
    return { entryId: card.entryId, judgeId: card.judgeId, score: scoreCard(card, criteria, known) };
  });
}

/** z-score of every card against its judge's scores across the whole challenge. */
function normalizePerJudge(scored: ScoredCard[]): number[] {
  const byJudge = new Map<string, number[]>();
  for (const s of scored) {
    const list = byJudge.get(s.judgeId) ?? [];
    list.push(s.score);
    byJudge.set(s.judgeId, list);
  }
  const stats = new Map<string, { mu: number; sigma: number }>();
  for (const [judgeId, scores] of byJudge) {
    const mu = mean(scores);
    const sigma = Math.sqrt(mean(scores.map((s) => (s - mu) ** 2)));
    stats.set(judgeId, { mu, sigma });
  }
  return scored.map((s) => {
    const st = stats.get(s.judgeId);
    // Equal scores can leave float noise in σ; treat anything that small as no spread at all.
    if (!st || st.sigma < SCORE_EPSILON) return 0;
    return (s.score - st.mu) / st.sigma;
  });
}

function scoreCard(card: Scorecard, criteria: Criterion[], known: Set<string>): number {
  const where = `Scorecard of judge ${card.judgeId} for entry ${card.entryId}`;
  for (const id of Object.keys(card.values)) {
    if (!known.has(id)) throw invalid(`${where} has a value for unknown criterion ${id}.`);
  }
  let weighted = 0;
  let totalWeight = 0;
  for (const c of criteria) {
    const v = Object.hasOwn(card.values, c.id) ? card.values[c.id] : undefined;
    if (v === undefined) throw invalid(`${where} has no value for criterion ${c.id}.`);
    if (!Number.isFinite(v) || v < c.scaleMin || v > c.scaleMax) {
      throw invalid(
        `${where}: value ${v} for criterion ${c.id} is outside its scale ${c.scaleMin}–${c.scaleMax}.`,
      );
    }
    weighted += c.weight * ((v - c.scaleMin) / (c.scaleMax - c.scaleMin));
    totalWeight += c.weight;
  }
  return (weighted / totalWeight) * 100;
}

function validateCriteria(criteria: Criterion[]): void {
  if (criteria.length === 0) throw invalid('The rubric has no criteria.');
  const ids = new Set<string>();
  for (const c of criteria) {
    if (ids.has(c.id)) throw invalid(`Criterion ${c.id} appears twice in the rubric.`);
    ids.add(c.id);
    if (!Number.isFinite(c.weight) || c.weight <= 0) {
      throw invalid(`Criterion ${c.id} must have a weight above 0, got ${c.weight}.`);
    }
    if (!Number.isFinite(c.scaleMin) || !Number.isFinite(c.scaleMax) || c.scaleMax <= c.scaleMin) {
      throw invalid(
        `Criterion ${c.id} must have a scale whose maximum is above its minimum, got ${c.scaleMin}–${c.scaleMax}.`,
      );
    }
  }
}

function indexEntries(entries: EntryInfo[]): Map<string, { createdAtMs: number }> {
  const byId = new Map<string, { createdAtMs: number }>();
  for (const e of entries) {
    if (byId.has(e.id)) throw invalid(`Entry ${e.id} is listed twice.`);
    const createdAtMs = new Date(e.createdAt).getTime();
    if (Number.isNaN(createdAtMs)) {
      throw invalid(`Entry ${e.id} has an invalid creation time: ${String(e.createdAt)}.`);
    }
    byId.set(e.id, { createdAtMs });
  }
  return byId;
}

function mean(values: number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Descending order of values rounded to SCORE_EPSILON. */
function compareDesc(a: number, b: number): number {
  return Math.round(b / SCORE_EPSILON) - Math.round(a / SCORE_EPSILON);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
