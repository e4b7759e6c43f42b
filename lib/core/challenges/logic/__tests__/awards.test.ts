import { describe, expect, it } from 'vitest';
import { planAwards } from '@/lib/core/challenges/logic/awards';
import { computeLeaderboard, type Criterion, type Scorecard } from '@/lib/core/challenges/logic/scoring';

const criteria: Criterion[] = [{ id: 'q', weight: 1, scaleMin: 0, scaleMax: 10 }];
const categories = [
  { id: 'web', name: 'Web', position: 0 },
  { id: 'db', name: 'Databases', position: 1 },
];
const entries = [
  { id: 'w1', categoryId: 'web', createdAt: '2026-03-01T00:00:00Z' },
  { id: 'w2', categoryId: 'web', createdAt: '2026-03-02T00:00:00Z' },
  { id: 'd1', categoryId: 'db', createdAt: '2026-03-03T00:00:00Z' },
  { id: 'd2', categoryId: 'db', createdAt: '2026-03-04T00:00:00Z' },
];
const card = (entryId: string, judgeId: string, q: number): Scorecard => ({ entryId, judgeId, values: { q }, submittedAt: '2026-07-01T00:00:00Z' });
const cards = [card('w1', 'j1', 9), card('w2', 'j1', 7), card('d1', 'j1', 6), card('d2', 'j1', 4)];

function awardsFor(disqualified: string[], grandPrizeEntryId: string | null, votes: { entryId: string; categoryId: string; count: number }[] | null = null) {
  const list = entries.map((e) => ({ ...e, disqualified: disqualified.includes(e.id) }));
  const rows = computeLeaderboard(list, criteria, cards, { normalize: false });
  return planAwards({ rows, categories, entries: list, normalize: false, grandPrizeEntryId, peoplesChoice: votes });
}

describe('planAwards', () => {
  it('gives each category to its first entry and the grand prize to the chosen winner', () => {
    expect(awardsFor([], 'd1')).toEqual([
      { kind: 'CATEGORY_WINNER', categoryId: 'web', entryId: 'w1', title: 'Web winner' },
      { kind: 'CATEGORY_WINNER', categoryId: 'db', entryId: 'd1', title: 'Databases winner' },
      { kind: 'GRAND_PRIZE', categoryId: null, entryId: 'd1', title: 'Grand prize' },
    ]);
  });

  it('defaults the grand prize to the best winner, and refuses a pick that is not a winner', () => {
    expect(awardsFor([], null).find((a) => a.kind === 'GRAND_PRIZE')?.entryId).toBe('w1');
    expect(awardsFor([], 'w2').find((a) => a.kind === 'GRAND_PRIZE')?.entryId).toBe('w1');
  });

  it('moves every award of a disqualified entry to the next one', () => {
    const after = awardsFor(['w1'], 'w1');
    expect(after.find((a) => a.categoryId === 'web')?.entryId).toBe('w2');
    // w2 (7) beats d1 (6): the grand prize moves to the best remaining winner.
    expect(after.find((a) => a.kind === 'GRAND_PRIZE')?.entryId).toBe('w2');
  });

  it("gives People's Choice to the most votes, ties to the earlier entry, never to a disqualified one", () => {
    const votes = [
      { entryId: 'w1', categoryId: 'web', count: 3 },
      { entryId: 'w2', categoryId: 'web', count: 3 },
      { entryId: 'd2', categoryId: 'db', count: 5 },
      { entryId: 'd1', categoryId: 'db', count: 0 },
    ];
    const pc = awardsFor([], null, votes).filter((a) => a.kind === 'PEOPLES_CHOICE');
    expect(pc.map((a) => [a.categoryId, a.entryId])).toEqual([['web', 'w1'], ['db', 'd2']]);
    expect(awardsFor(['w1'], null, votes).find((a) => a.kind === 'PEOPLES_CHOICE' && a.categoryId === 'web')?.entryId).toBe('w2');
  });

  it('gives nothing in a category whose entries have no scores', () => {
    const rows = computeLeaderboard(entries, criteria, [card('w1', 'j1', 5)], { normalize: true });
    const awards = planAwards({ rows, categories, entries, normalize: true, grandPrizeEntryId: null });
    expect(awards.map((a) => a.kind)).toEqual(['CATEGORY_WINNER', 'GRAND_PRIZE']);
  });
});
