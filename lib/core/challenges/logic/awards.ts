/**
 * Which entries win what, from the ranked leaderboard and the People's Choice tally. Pure: the
 * same function decides at publication and again after a disqualification, so awards always
 * follow the published rules:
 *
 * - Category winner: rank 1 of its category among entries with at least one score.
 * - Grand prize: the admin's pick among the category winners; when that entry no longer wins
 *   its category (it was disqualified), or no pick was made, the best category winner by the
 *   ranking score and then TIE_BREAK_RULE.
 * - People's Choice (when on): per category, the entry with the most votes; ties go to the
 *   earlier entry, then the lower entry id. Entries without votes win nothing.
 */
import { invalid } from '@/lib/core/errors';
import type { LeaderboardRow } from './scoring';

export type AwardKind = 'CATEGORY_WINNER' | 'GRAND_PRIZE' | 'PEOPLES_CHOICE';

export interface PlannedAward {
  kind: AwardKind;
  categoryId: string | null;
  entryId: string;
  title: string;
}

export interface AwardInput {
  /** computeLeaderboard's rows (disqualified entries already left out). */
  rows: LeaderboardRow[];
  categories: { id: string; name: string; position: number }[];
  entries: { id: string; createdAt: Date | string; disqualified?: boolean }[];
  normalize: boolean;
  grandPrizeEntryId?: string | null;
  peoplesChoice?: { entryId: string; categoryId: string; count: number }[] | null;
}

export const GRAND_PRIZE_TITLE = 'Grand prize';

export const AWARD_RULES =
  'Each category is won by its first-ranked entry. The grand prize goes to the category winner the organisers chose; ' +
  'if it is later disqualified, to the best remaining category winner by ranking score. ' +
  "People's Choice goes to the entry with the most votes in each category (ties: the earlier entry).";

export function categoryWinnerTitle(categoryName: string): string {
  return `${categoryName} winner`;
}

export function peoplesChoiceTitle(categoryName: string): string {
  return `People’s Choice · ${categoryName}`;
}

export function planAwards(input: AwardInput): PlannedAward[] {
  const entryById = new Map(input.entries.map((e) => [e.id, e]));
  const categories = [...input.categories].sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  const awards: PlannedAward[] = [];

  const winners: LeaderboardRow[] = [];
  for (const category of categories) {
    const top = input.rows.find((r) => r.categoryId === category.id && r.rank === 1 && r.scoreCount > 0);
    if (!top) continue;
    winners.push(top);
    awards.push({ kind: 'CATEGORY_WINNER', categoryId: category.id, entryId: top.entryId, title: categoryWinnerTitle(category.name) });
  }

  if (winners.length > 0) {
    const pick = input.grandPrizeEntryId ? winners.find((w) => w.entryId === input.grandPrizeEntryId) : undefined;
    const grand = pick ?? bestWinner(winners, input.normalize, entryById);
    awards.push({ kind: 'GRAND_PRIZE', categoryId: null, entryId: grand.entryId, title: GRAND_PRIZE_TITLE });
  }

  if (input.peoplesChoice) {
    for (const category of categories) {
      const tally = input.peoplesChoice.filter(
        (v) => v.categoryId === category.id && v.count > 0 && entryById.has(v.entryId) && !entryById.get(v.entryId)!.disqualified,
      );
      if (tally.length === 0) continue;
      tally.sort(
        (a, b) =>
          b.count - a.count ||
          time(entryById.get(a.entryId)!.createdAt) - time(entryById.get(b.entryId)!.createdAt) ||
          compareIds(a.entryId, b.entryId),
      );
      awards.push({ kind: 'PEOPLES_CHOICE', categoryId: category.id, entryId: tally[0].entryId, title: peoplesChoiceTitle(category.name) });
    }
  }
  return awards;
}

/** The category winner with the best ranking score, then TIE_BREAK_RULE's order. */
export function bestWinner(
  winners: LeaderboardRow[],
  normalize: boolean,
  entryById: Map<string, { createdAt: Date | string }>,
): LeaderboardRow {
  if (winners.length === 0) throw invalid('There are no category winners to choose from.');
  const primary = (r: LeaderboardRow) => (normalize ? r.normalized : r.weightedMean);
  const created = (r: LeaderboardRow) => time(entryById.get(r.entryId)?.createdAt ?? 0);
  return [...winners].sort(
    (a, b) =>
      round(primary(b)) - round(primary(a)) ||
      round(b.weightedMean) - round(a.weightedMean) ||
      b.scoreCount - a.scoreCount ||
      created(a) - created(b) ||
      compareIds(a.entryId, b.entryId),
  )[0];
}

// Same rounding step as scoring.ts, so float noise never decides between two winners.
function round(n: number): number {
  return Math.round(n / 1e-9);
}

function time(d: Date | string | number): number {
  return new Date(d).getTime();
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
