import { describe, expect, it } from 'vitest';
import { categorySlug, challengeFieldErrors, challengeFormToInput, challengeInputSchema } from '@/lib/core/challenges/challenge-input';

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const base: [string, string][] = [
  ['title', 'Spring Cup'],
  ['slug', 'spring-cup'],
  ['timeZone', 'Europe/Berlin'],
  ['submissionsOpenAt', '2026-03-01T09:00'],
  ['submissionsCloseAt', '2026-03-31T18:00'],
  ['judgingCloseAt', '2026-04-15T18:00'],
  ['judgesPerEntry', '3'],
  ['entryLimit', '2'],
  ['blind', 'on'],
  ['category.id', ''],
  ['category.name', 'Web'],
  ['category.description', ''],
  ['category.prize', '$500'],
  ['category.id', ''],
  ['category.name', 'Data'],
  ['category.description', 'Databases'],
  ['category.prize', ''],
  ['criterion.id', ''],
  ['criterion.name', 'Works'],
  ['criterion.description', ''],
  ['criterion.weight', '2.5'],
  ['criterion.scaleMin', '1'],
  ['criterion.scaleMax', '10'],
];

describe('the challenge editor form', () => {
  it('reads repeated category and criterion fields in order, and times in the zone', () => {
    const parsed = challengeInputSchema.parse(challengeFormToInput(form(base)));
    expect(parsed.categories.map((c) => [c.name, c.prize, c.description])).toEqual([
      ['Web', '$500', ''],
      ['Data', '', 'Databases'],
    ]);
    expect(parsed.criteria).toEqual([{ id: undefined, name: 'Works', description: '', weight: 2.5, scaleMin: 1, scaleMax: 10 }]);
    expect(parsed.submissionsOpenAt.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parsed.blind).toBe(true);
    expect(parsed.normalizeScores).toBe(false);
    expect(parsed.votingOpensAt).toBeNull();
  });

  it('accepts instants with an offset as well (the API)', () => {
    const parsed = challengeInputSchema.parse({ ...challengeFormToInput(form(base)), submissionsOpenAt: '2026-03-01T09:00:00+09:00' });
    expect(parsed.submissionsOpenAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('names the failing field of a row, and refuses hostile values', () => {
    const bad = challengeFormToInput(
      form(base.map(([k, v]) => (k === 'criterion.weight' ? [k, '-1'] : k === 'slug' ? [k, '../admin'] : k === 'judgesPerEntry' ? [k, '1e9'] : [k, v]))),
    );
    const result = challengeInputSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const fields = challengeFieldErrors(result.error!);
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['criteria.0.weight', 'slug', 'judgesPerEntry']));
    expect(challengeInputSchema.safeParse({ ...challengeFormToInput(form(base)), slug: 'new' }).success).toBe(false);
    expect(challengeInputSchema.safeParse({ ...challengeFormToInput(form(base)), title: 'x'.repeat(121) }).success).toBe(false);
    expect(challengeInputSchema.safeParse({ ...challengeFormToInput(form(base)), submissionsOpenAt: '2026-02-30T09:00' }).success).toBe(false);
  });

  it('caps the number of rows it reads', () => {
    const many: [string, string][] = [...base];
    for (let i = 0; i < 500; i++) many.push(['category.name', `C${i}`]);
    const input = challengeFormToInput(form(many)) as { categories: unknown[] };
    expect(input.categories.length).toBeLessThanOrEqual(50);
    expect(challengeInputSchema.safeParse(input).success).toBe(false);
  });

  it('makes category slugs from names', () => {
    expect(categorySlug('Web & CMS')).toBe('web-and-cms');
    expect(categorySlug('  Ünïcode — Names! ')).toBe('unicode-names');
    expect(categorySlug('!!!')).toBe('category');
    expect(categorySlug('x'.repeat(100))).toHaveLength(60);
  });
});
