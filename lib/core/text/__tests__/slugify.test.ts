import { describe, expect, it } from 'vitest';
import { applianceSlugSchema } from '@/lib/core/publishing/api-schemas';
import { slugify } from '@/lib/core/text/slugify';

describe('slugify', () => {
  it('makes lowercase ASCII words joined by single hyphens', () => {
    expect(slugify('Hello Appliance')).toBe('hello-appliance');
    expect(slugify('  Ünïcode & Co. — v2 ')).toBe('unicode-and-co-v2');
    expect(slugify('Ubuntu 24.04 LTS (amd64)')).toBe('ubuntu-24-04-lts-amd64');
  });

  it('stays within the length and never ends in a hyphen where it is cut', () => {
    expect(slugify('x'.repeat(100))).toHaveLength(64);
    expect(slugify('a'.repeat(59) + ' bbbbbb', 60)).toBe('a'.repeat(59));
  });

  it('leaves a name without letters or digits empty for the caller to decide', () => {
    expect(slugify('!!! — ???')).toBe('');
  });

  it('always makes a slug the listing schema accepts from a name with letters', () => {
    for (const name of ['Web & CMS', '--Lead-- and trail--', 'Ça va? Déjà vu!', 'A', `${'word '.repeat(30)}`]) {
      const slug = slugify(name);
      if (slug.length >= 2) expect(applianceSlugSchema.safeParse(slug).success, slug).toBe(true);
    }
  });
});
