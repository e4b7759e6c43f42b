import { describe, expect, it } from 'vitest';
import { chartTicks } from '@/components/catalog/chart-ticks';

describe('chartTicks', () => {
  it('has a scale even when nothing was counted', () => {
    expect(chartTicks(0)).toEqual([0, 1]);
    expect(chartTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('uses whole 1-2-5 steps whose top covers the largest value', () => {
    expect(chartTicks(1)).toEqual([0, 1]);
    expect(chartTicks(3)).toEqual([0, 1, 2, 3]);
    expect(chartTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(chartTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(chartTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('never draws more than five lines, nor a top below the data', () => {
    for (const max of [1, 2, 4, 5, 9, 11, 19, 21, 99, 101, 999, 12_345, 987_654]) {
      const ticks = chartTicks(max);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});
