import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/core/errors';
import {
  computeLeaderboard,
  judgeScore,
  type Criterion,
  type EntryInfo,
  type LeaderboardRow,
  type Scorecard,
} from '@/lib/core/challenges/logic/scoring';

// One criterion on 0–10 with weight 1: a judge's score is simply 10 × the value.
const overall: Criterion[] = [{ id: 'overall', weight: 1, scaleMin: 0, scaleMax: 10 }];

const card = (entryId: string, judgeId: string, value: number): Scorecard => ({
  entryId,
  judgeId,
  values: { overall: value },
  submittedAt: '2026-09-01T00:00:00Z',
});

const entry = (id: string, extra: Partial<EntryInfo> = {}): EntryInfo => ({
  id,
  categoryId: 'tools',
  createdAt: '2026-08-01T00:00:00Z',
  ...extra,
});

const ids = (rows: LeaderboardRow[]) => rows.map((r) => r.entryId);
const row = (rows: LeaderboardRow[], id: string) => {
  const found = rows.find((r) => r.entryId === id);
  if (!found) throw new Error(`no row for ${id}`);
  return found;
};

describe('judgeScore', () => {
  // usability weighs 3 on a 1–5 scale, docs weighs 1 on a 0–10 scale.
  const rubric: Criterion[] = [
    { id: 'usability', weight: 3, scaleMin: 1, scaleMax: 5 },
    { id: 'docs', weight: 1, scaleMin: 0, scaleMax: 10 },
  ];
  const score = (usability: number, docs: number, criteria = rubric) =>
    judgeScore({ entryId: 'e', judgeId: 'j', values: { usability, docs }, submittedAt: new Date() }, criteria);

  it('rescales each criterion over its own scale, then takes the weighted mean × 100', () => {
    // usability 5 → (5−1)/(5−1) = 1; docs 3 → 3/10 = 0.3; (3·1 + 1·0.3) / 4 = 0.825 → 82.5
    expect(score(5, 3)).toBeCloseTo(82.5, 10);
    // usability 2 → 1/4 = 0.25; docs 10 → 1; (3·0.25 + 1·1) / 4 = 1.75 / 4 = 0.4375 → 43.75
    expect(score(2, 10)).toBeCloseTo(43.75, 10);
    expect(score(1, 0)).toBe(0);
    expect(score(5, 10)).toBe(100);
  });

  it('uses weights only relative to each other', () => {
    // weights 0.5 and 1.5 are the same 1 : 3 ratio, reversed: (0.5·1 + 1.5·0.3) / 2 = 0.475 → 47.5
    const swapped: Criterion[] = [
      { id: 'usability', weight: 0.5, scaleMin: 1, scaleMax: 5 },
      { id: 'docs', weight: 1.5, scaleMin: 0, scaleMax: 10 },
    ];
    expect(score(5, 3, swapped)).toBeCloseTo(47.5, 10);
  });

  it.each([
    ['a value above the scale', () => score(6, 3), /usability is outside its scale 1–5/],
    ['a value below the scale', () => score(3, -1), /docs is outside its scale 0–10/],
    ['a value that is not a number', () => score(Number.NaN, 3), /outside its scale/],
    [
      'a missing value',
      () => judgeScore({ entryId: 'e', judgeId: 'j', values: { usability: 3 }, submittedAt: new Date() }, rubric),
      /no value for criterion docs/,
    ],
    [
      'a value for an unknown criterion',
      () =>
        judgeScore({ entryId: 'e', judgeId: 'j', values: { usability: 3, docs: 1, vibe: 2 }, submittedAt: new Date() }, rubric),
      /unknown criterion vibe/,
    ],
    ['a zero weight', () => score(3, 3, [{ ...rubric[0], weight: 0 }, rubric[1]]), /weight above 0, got 0/],
    ['a negative weight', () => score(3, 3, [{ ...rubric[0], weight: -1 }, rubric[1]]), /weight above 0, got -1/],
    ['an empty scale', () => score(3, 3, [{ ...rubric[0], scaleMax: 1 }, rubric[1]]), /maximum is above its minimum/],
    ['a repeated criterion', () => score(3, 3, [rubric[0], rubric[0]]), /appears twice/],
    ['no criteria', () => score(3, 3, []), /no criteria/],
  ])('refuses %s with a clear error', (_, run, message) => {
    expect(run).toThrow(AppError);
    expect(run).toThrow(message);
  });
});

describe('computeLeaderboard', () => {
  it('normalisation can reverse the raw order when judges score different subsets', () => {
    // J1 (harsh) scores C1 20, C2 40, P 60: μ = 40, σ² = (400 + 0 + 400)/3 = 266.67, σ = 16.3299;
    //   z: C1 −1.2247, C2 0, P +1.2247.
    // J2 (lenient) scores Q 70, C3 90, C4 100: μ = 86.667, σ² = (277.78 + 11.11 + 177.78)/3
    //   = 155.56, σ = 12.4722; z: Q −1.3363, C3 +0.2673, C4 +1.0690.
    // Raw means: C4 100, C3 90, Q 70, P 60, C2 40, C1 20.
    // Mean z:    P 1.2247, C4 1.0690, C3 0.2673, C2 0, C1 −1.2247, Q −1.3363.
    const entries = ['C1', 'C2', 'P', 'Q', 'C3', 'C4'].map((id) => entry(id));
    const cards = [
      card('C1', 'J1', 2),
      card('C2', 'J1', 4),
      card('P', 'J1', 6),
      card('Q', 'J2', 7),
      card('C3', 'J2', 9),
      card('C4', 'J2', 10),
    ];
    const raw = computeLeaderboard(entries, overall, cards, { normalize: false });
    expect(ids(raw)).toEqual(['C4', 'C3', 'Q', 'P', 'C2', 'C1']);
    const normalized = computeLeaderboard(entries, overall, cards, { normalize: true });
    expect(ids(normalized)).toEqual(['P', 'C4', 'C3', 'C2', 'C1', 'Q']);
    expect(normalized.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(row(normalized, 'P').normalized).toBeCloseTo(1.224745, 6);
    expect(row(normalized, 'C4').normalized).toBeCloseTo(1.069045, 6);
    expect(row(normalized, 'Q').normalized).toBeCloseTo(-1.336306, 6);
    expect(row(normalized, 'Q').weightedMean).toBe(70);
    expect(normalized.every((r) => r.tieBrokenBy === undefined)).toBe(true);
    // Normalisation is on by default, as in the schema.
    expect(computeLeaderboard(entries, overall, cards)).toEqual(normalized);
  });

  it('averages z-scores and scores per entry and reports the spread', () => {
    // J1: X 30, Y 50, Z 70 → μ 50, σ 16.3299, z −1.2247, 0, +1.2247.
    // J2: Y 90, Z 60 → μ 75, σ 15, z +1, −1.
    // Y: mean (50 + 90)/2 = 70, z (0 + 1)/2 = 0.5, spread 40.
    // Z: mean (70 + 60)/2 = 65, z (1.2247 − 1)/2 = 0.11237, spread 10.
    // X: mean 30, z −1.2247, spread 0.
    const rows = computeLeaderboard(
      [entry('X'), entry('Y'), entry('Z')],
      overall,
      [card('X', 'J1', 3), card('Y', 'J1', 5), card('Z', 'J1', 7), card('Y', 'J2', 9), card('Z', 'J2', 6)],
    );
    expect(ids(rows)).toEqual(['Y', 'Z', 'X']);
    const y = row(rows, 'Y');
    expect(y.weightedMean).toBe(70);
    expect(y.normalized).toBeCloseTo(0.5, 10);
    expect(y.spread).toBe(40);
    expect(y.scoreCount).toBe(2);
    expect(y.perJudge).toEqual([
      { judgeId: 'J1', score: 50, z: 0 },
      { judgeId: 'J2', score: 90, z: expect.closeTo(1, 10) },
    ]);
    expect(row(rows, 'Z').normalized).toBeCloseTo(0.112372, 6);
    expect(row(rows, 'Z').spread).toBe(10);
    expect(row(rows, 'X').spread).toBe(0);
  });

  it('gives z = 0 when a judge has no spread: equal scores, or a single score', () => {
    // J1 scores A and B both 60: σ = 0 → z = 0. J2 scores only C: σ = 0 → z = 0.
    // All three tie on z = 0; C wins on mean 90; A and B tie on mean and count, A entered first.
    const rows = computeLeaderboard(
      [entry('B', { createdAt: '2026-08-02T00:00:00Z' }), entry('A', { createdAt: '2026-08-01T00:00:00Z' }), entry('C')],
      overall,
      [card('A', 'J1', 6), card('B', 'J1', 6), card('C', 'J2', 9)],
    );
    expect(rows.map((r) => [r.entryId, r.normalized, r.tieBrokenBy])).toEqual([
      ['C', 0, undefined],
      ['A', 0, 'weightedMean'],
      ['B', 0, 'createdAt'],
    ]);
  });

  it('does not let float noise in σ pass for a spread', () => {
    // 1 on a 0–9 scale is 11.111…; the mean of three of them is off by one ulp, so the computed
    // σ is ~1.8e−15 rather than 0. Dividing by it would give z = ±1.
    const rows = computeLeaderboard(
      [entry('A'), entry('B'), entry('C')],
      [{ id: 'overall', weight: 1, scaleMin: 0, scaleMax: 9 }],
      ['A', 'B', 'C'].map((id) => card(id, 'J1', 1)),
    );
    expect(rows.map((r) => r.normalized)).toEqual([0, 0, 0]);
  });

  describe('tie-break, in the order TIE_BREAK_RULE states', () => {
    it('1. higher weighted mean, when the normalized scores tie', () => {
      // J1: C1 20, C2 40, P 60 → z(P) = 20/√(800/3) = √1.5. J2: Q 80, C3 90, C4 100 →
      // z(C4) = 10/√(200/3) = √1.5 as well (computed differently, so only equal up to float noise).
      const entries = ['C1', 'C2', 'P', 'Q', 'C3', 'C4'].map((id) => entry(id));
      const cards = [
        card('C1', 'J1', 2),
        card('C2', 'J1', 4),
        card('P', 'J1', 6),
        card('Q', 'J2', 8),
        card('C3', 'J2', 9),
        card('C4', 'J2', 10),
      ];
      const rows = computeLeaderboard(entries, overall, cards, { normalize: true });
      // Pairs tied on z: (C4 100, P 60), (C3 90, C2 40), (Q 80, C1 20).
      expect(rows.map((r) => [r.entryId, r.tieBrokenBy])).toEqual([
        ['C4', undefined],
        ['P', 'weightedMean'],
        ['C3', undefined],
        ['C2', 'weightedMean'],
        ['Q', undefined],
        ['C1', 'weightedMean'],
      ]);
    });

    it('2. more scores', () => {
      // X: 50 and 50 (mean 50, two scores); Y: 50 (mean 50, one score).
      const rows = computeLeaderboard(
        [entry('Y', { createdAt: '2026-01-01T00:00:00Z' }), entry('X', { createdAt: '2026-02-01T00:00:00Z' })],
        overall,
        [card('X', 'J1', 5), card('X', 'J2', 5), card('Y', 'J3', 5)],
        { normalize: false },
      );
      expect(rows.map((r) => [r.entryId, r.rank, r.tieBrokenBy])).toEqual([
        ['X', 1, undefined],
        ['Y', 2, 'scoreCount'],
      ]);
    });

    it('3. earlier entry', () => {
      const rows = computeLeaderboard(
        [entry('a', { createdAt: new Date('2026-08-02T10:00:00Z') }), entry('b', { createdAt: new Date('2026-08-02T09:59:59Z') })],
        overall,
        [card('a', 'J1', 7), card('b', 'J2', 7)],
        { normalize: false },
      );
      expect(rows.map((r) => [r.entryId, r.tieBrokenBy])).toEqual([
        ['b', undefined],
        ['a', 'createdAt'],
      ]);
    });

    it('float noise never decides: equal means computed along different paths still tie', () => {
      // A: values 0 and 0.7 → scores 0 and 7 → mean 3.5 (in floats 3.4999999999999996);
      // B: values 0.1 and 0.6 → scores 1 and 6 → mean 3.5 (in floats exactly 3.5).
      // They tie, and A, entered first, ranks first.
      const rows = computeLeaderboard(
        [entry('A', { createdAt: '2026-08-01T00:00:00Z' }), entry('B', { createdAt: '2026-08-02T00:00:00Z' })],
        overall,
        [card('A', 'J1', 0), card('A', 'J2', 0.7), card('B', 'J3', 0.1), card('B', 'J4', 0.6)],
        { normalize: false },
      );
      expect(rows.map((r) => [r.entryId, r.tieBrokenBy])).toEqual([
        ['A', undefined],
        ['B', 'createdAt'],
      ]);
    });

    it('4. entry id', () => {
      const rows = computeLeaderboard([entry('b'), entry('a')], overall, [card('b', 'J1', 7), card('a', 'J2', 7)], {
        normalize: false,
      });
      expect(rows.map((r) => [r.entryId, r.tieBrokenBy])).toEqual([
        ['a', undefined],
        ['b', 'entryId'],
      ]);
    });
  });

  it('ranks entries without scores last, even below negative normalized scores', () => {
    // J1: A 80, B 20 → z +1, −1. U has no scores: normalized 0 would beat B, but it ranks last.
    const rows = computeLeaderboard([entry('U'), entry('A'), entry('B')], overall, [card('A', 'J1', 8), card('B', 'J1', 2)]);
    expect(ids(rows)).toEqual(['A', 'B', 'U']);
    expect(row(rows, 'U')).toEqual({
      entryId: 'U',
      categoryId: 'tools',
      rank: 3,
      weightedMean: 0,
      normalized: 0,
      spread: 0,
      scoreCount: 0,
      perJudge: [],
    });
  });

  it('leaves disqualified entries out, but still counts their scorecards in the judge statistics', () => {
    // J1: A 20, B 40, D 60 → μ 40, so z(B) = 0. Were D's card dropped, μ would be 30 and z(B) = +1.
    const rows = computeLeaderboard(
      [entry('A'), entry('B'), entry('D', { disqualified: true })],
      overall,
      [card('A', 'J1', 2), card('B', 'J1', 4), card('D', 'J1', 6)],
    );
    expect(ids(rows)).toEqual(['B', 'A']);
    expect(row(rows, 'B').normalized).toBe(0);
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('ranks each category on its own, categories in id order', () => {
    const rows = computeLeaderboard(
      [entry('s1', { categoryId: 'security' }), entry('t1'), entry('t2'), entry('s2', { categoryId: 'security' })],
      overall,
      [card('s1', 'J1', 3), card('s2', 'J1', 9), card('t1', 'J2', 8), card('t2', 'J2', 4)],
      { normalize: false },
    );
    expect(rows.map((r) => [r.categoryId, r.entryId, r.rank])).toEqual([
      ['security', 's2', 1],
      ['security', 's1', 2],
      ['tools', 't1', 1],
      ['tools', 't2', 2],
    ]);
  });

  it.each([
    ['a scorecard for an unknown entry', [entry('A')], [card('B', 'J1', 5)], /unknown entry B/],
    ['two scorecards of one judge for one entry', [entry('A')], [card('A', 'J1', 5), card('A', 'J1', 6)], /more than one scorecard/],
    ['a value outside the scale', [entry('A')], [card('A', 'J1', 11)], /outside its scale 0–10/],
    ['an entry listed twice', [entry('A'), entry('A')], [], /listed twice/],
    ['an invalid creation time', [entry('A', { createdAt: 'yesterday' })], [], /invalid creation time/],
  ])('refuses %s', (_, entries, cards, message) => {
    expect(() => computeLeaderboard(entries, overall, cards)).toThrow(message);
  });

  it('returns nothing for a challenge without entries', () => {
    expect(computeLeaderboard([], overall, [])).toEqual([]);
  });
});
