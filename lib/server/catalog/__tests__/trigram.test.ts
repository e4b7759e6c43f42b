import { describe, expect, it } from 'vitest';
import { editDistance, nearbyTerms, trigramSimilarity, trigramsOf } from '@/lib/core/catalog/trigram';

const vocabulary = (words: [string, number][]) => words.map(([word, listings]) => ({ word, listings, trigrams: trigramsOf(word) }));

describe('trigram similarity', () => {
  it('matches pg_trgm: padded lower-case words, shared over union', () => {
    // SELECT show_trgm('Linux') → {"  l"," li",inu,lin,nux,"ux "}
    expect([...trigramsOf('Linux')].sort()).toEqual(['  l', ' li', 'inu', 'lin', 'nux', 'ux '].sort());
    // SELECT similarity('lnux', 'linux') → 0.375
    expect(trigramSimilarity('lnux', 'linux')).toBeCloseTo(0.375, 5);
    expect(trigramSimilarity('linux', 'LINUX')).toBe(1);
    expect(trigramSimilarity('', 'linux')).toBe(0);
    expect(trigramSimilarity('nginx', 'postgresql')).toBe(0);
  });
});

describe('editDistance', () => {
  it('counts a swapped pair as one edit and gives up beyond the bound', () => {
    expect(editDistance('ngnix', 'nginx', 2)).toBe(1);
    expect(editDistance('postgers', 'postgres', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(Infinity);
    expect(editDistance('a', 'abcd', 2)).toBe(Infinity);
  });
});

describe('nearbyTerms', () => {
  const words = vocabulary([['networking', 3], ['network', 1], ['linux', 11], ['postgresql', 1], ['nginx', 2], ['golf', 1]]);

  it('offers the closest words first, the common one on a tie', () => {
    expect(nearbyTerms('netwroking', words)[0]).toBe('networking');
    expect(nearbyTerms('lnux', words)).toEqual(['linux']);
    expect(nearbyTerms('zzzzzz', words)).toEqual([]);
  });

  it('corrects each unknown word of a longer query and leaves known words alone', () => {
    expect(nearbyTerms('lnux ngnix', words)[0]).toBe('linux nginx');
    expect(nearbyTerms('golf lnux', words)[0]).toBe('golf linux');
    // Nothing to correct: no phrase, no suggestions.
    expect(nearbyTerms('golf linux', words)).toEqual([]);
  });

  it('caps the number of suggestions and never repeats one', () => {
    const many = vocabulary(Array.from({ length: 20 }, (_, i) => [`linux${i}`, 1] as [string, number]));
    const out = nearbyTerms('linux', many, 5);
    expect(out).toHaveLength(5);
    expect(new Set(out).size).toBe(5);
  });
});
