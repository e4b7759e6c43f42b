import { describe, expect, it } from 'vitest';
import { createRandom, shuffleInPlace } from '@/lib/core/challenges/logic/prng';

const draw = (seed: string | number, n = 5) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random());
};

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds, numbers and strings included', () => {
    expect(draw('challenge-1')).toEqual(draw('challenge-1'));
    expect(draw('challenge-1')).not.toEqual(draw('challenge-2'));
    expect(draw(1)).not.toEqual(draw('1'));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const values = draw('spread', 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)] += 1;
    // 2,000 expected per bucket; ±15 % is far outside what a sound generator produces.
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(300);
  });
});

describe('shuffleInPlace', () => {
  it('permutes, reproducibly for a seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffleInPlace([...items], createRandom('s'));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
    expect(shuffleInPlace([...items], createRandom('s'))).toEqual(a);
  });
});
