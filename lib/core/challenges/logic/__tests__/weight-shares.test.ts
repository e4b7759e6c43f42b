import { describe, expect, it } from 'vitest';
import { weightShares } from '@/lib/core/challenges/logic/weight-shares';

describe('weightShares', () => {
  it('gives whole percents that add up to 100', () => {
    expect(weightShares([1, 1, 1])).toEqual([34, 33, 33]);
    expect(weightShares([3, 2, 1, 1])).toEqual([43, 29, 14, 14]);
    expect(weightShares([2, 1, 1])).toEqual([50, 25, 25]);
    for (const ws of [[1, 1, 1], [7, 3, 3, 2, 1, 1], [0.5, 0.25, 0.25]]) expect(weightShares(ws).reduce((s, v) => s + v, 0)).toBe(100);
  });

  it('gives nothing to a zero or invalid weight, and zeros when nothing weighs', () => {
    expect(weightShares([1, 0, 1])).toEqual([50, 0, 50]);
    expect(weightShares([1, Number.NaN])).toEqual([100, 0]);
    expect(weightShares([0, 0])).toEqual([0, 0]);
    expect(weightShares([])).toEqual([]);
  });
});
