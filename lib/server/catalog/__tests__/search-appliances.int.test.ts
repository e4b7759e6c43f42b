import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { searchAppliances } from '@/lib/server/catalog/search-appliances';
import { parseSearchParams } from '@/lib/core/catalog/search-params';
import { createTestAppliance, createTestCategory, createTestPublisher, uid } from '@/lib/test-support/factories';

const search = (query: string) => searchAppliances(parseSearchParams(new URLSearchParams(query)).request);

// Every test searches with this run's own word or category, so other tests' rows never interfere.
const word = `zq${uid(3)}`;
let catA: { slug: string };
let catB: { slug: string };
let license: string;

beforeAll(async () => {
  const { publisher } = await createTestPublisher();
  catA = await createTestCategory();
  catB = await createTestCategory();
  license = `LIC-${uid(3)}`;
  const base = { status: 'PUBLISHED' as const, publishedAt: new Date(), license };
  const mk = (data: Parameters<typeof createTestAppliance>[1]) => createTestAppliance(publisher.id, { ...base, ...data });
  await mk({ name: `Postgres ${word} Server`, tags: ['database'], categoryId: (await db.category.findUniqueOrThrow({ where: { slug: catA.slug } })).id, formats: ['OVA', 'QCOW2'], architectures: ['AMD64'], osFamily: 'linux', minMemoryMiB: 1024, downloadSizeBytes: 50n * 2n ** 20n, downloadCount: 10, ratingAvg: 4.5, ratingCount: 2 });
  await mk({ name: `Redis ${word} Cache`, summary: 'in-memory database', categoryId: (await db.category.findUniqueOrThrow({ where: { slug: catA.slug } })).id, formats: ['QCOW2'], architectures: ['ARM64'], osFamily: 'linux', minMemoryMiB: 512, downloadSizeBytes: 300n * 2n ** 20n, downloadCount: 50, ratingAvg: 3, ratingCount: 1 });
  await mk({ name: `Firewall ${word}`, description: 'a database-free packet filter', categoryId: (await db.category.findUniqueOrThrow({ where: { slug: catB.slug } })).id, formats: ['OVA'], architectures: ['AMD64'], osFamily: 'bsd', minMemoryMiB: 4096, downloadSizeBytes: 2n * 2n ** 30n, downloadCount: 5 });
  // Never found: not published.
  for (const status of ['DRAFT', 'IN_REVIEW', 'REJECTED', 'UNLISTED'] as const) {
    await mk({ name: `Hidden ${status} ${word}`, status, categoryId: (await db.category.findUniqueOrThrow({ where: { slug: catA.slug } })).id, formats: ['OVA'] });
  }
});

describe('searchAppliances', () => {
  it('finds published listings only, ranked by relevance with the name weighted highest', async () => {
    // "database" is a tag (weight B) of one, in the summary (B) of another, in the description (C) of the third.
    const r = await search(`q=database&license=${license}`);
    expect(r.items).toHaveLength(3);
    expect(r.items.at(-1)?.name).toBe(`Firewall ${word}`);
    // The name (weight A) outranks everything else.
    expect((await search(`q=redis ${word}`)).items[0]?.name).toBe(`Redis ${word} Cache`);
    const all = await search(`q=${word}&limit=100`);
    expect(all.total).toBe(3);
    expect(all.items.some((i) => i.name.startsWith('Hidden'))).toBe(false);
  });

  it('tolerates a typo in the name through trigram similarity', async () => {
    const r = await search(`q=${encodeURIComponent(`Postgers ${word}`)}`);
    expect(r.items.map((i) => i.name)).toContain(`Postgres ${word} Server`);
    // One misspelt word alone finds the listing too, and leaves the setting as it was.
    const { publisher } = await createTestPublisher();
    const name = `Wireguard${uid(2)} Gateway`;
    await createTestAppliance(publisher.id, { name, status: 'PUBLISHED', publishedAt: new Date() });
    expect((await search(`q=${encodeURIComponent(name.replace('guard', 'gaurd'))}`)).items.map((i) => i.name)).toContain(name);
    const [{ threshold }] = await db.$queryRaw<{ threshold: string }[]>`SELECT current_setting('pg_trgm.word_similarity_threshold') AS threshold`;
    expect(threshold).toBe('0.6');
  });

  it('counts each facet with the other facets applied', async () => {
    const r = await search(`license=${license}&category=${catA.slug}&format=qcow2`);
    expect(r.total).toBe(2);
    // Category counts ignore the category filter but keep the format filter: catB's firewall has no qcow2.
    expect(r.facets.category).toEqual([{ value: catA.slug, label: expect.any(String), count: 2 }]);
    // Format counts ignore the format filter but keep the category filter.
    const formats = Object.fromEntries(r.facets.format.map((f) => [f.value, f.count]));
    expect(formats).toEqual({ QCOW2: 2, OVA: 1 });
    const os = Object.fromEntries(r.facets.os.map((f) => [f.value, f.count]));
    expect(os).toEqual({ linux: 2 });
    const ram = Object.fromEntries(r.facets.minRam.map((f) => [f.value, f.count]));
    expect(ram).toMatchObject({ '512m': 1, '1g': 2, '8g': 2 });
  });

  it('filters by memory and size buckets and by several values of one facet', async () => {
    expect((await search(`license=${license}&minRam=512m`)).items.map((i) => i.name)).toEqual([`Redis ${word} Cache`]);
    expect((await search(`license=${license}&maxSize=100m`)).items.map((i) => i.name)).toEqual([`Postgres ${word} Server`]);
    expect((await search(`license=${license}&arch=arm64,i386`)).total).toBe(1);
    expect((await search(`license=${license}&category=${catA.slug}&category=${catB.slug}`)).total).toBe(3);
  });

  it('sorts by downloads, rating, size and newest', async () => {
    const names = async (sort: string) => (await search(`license=${license}&sort=${sort}`)).items.map((i) => i.name.split(' ')[0]);
    expect(await names('downloads')).toEqual(['Redis', 'Postgres', 'Firewall']);
    expect(await names('rating')).toEqual(['Postgres', 'Redis', 'Firewall']);
    expect(await names('size')).toEqual(['Postgres', 'Redis', 'Firewall']);
    expect(await names('newest')).toHaveLength(3);
  });

  it('pages with keyset cursors without repeating or skipping', async () => {
    for (const sort of ['downloads', 'rating', 'size', 'newest', 'relevance']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page: Awaited<ReturnType<typeof search>> = await search(`q=${word}&license=${license}&sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size, sort).toBe(3);
      expect(seen, sort).toHaveLength(3);
    }
  });

  it('sees publishing and unpublishing at the next search (the in-memory index follows the database)', async () => {
    const { publisher } = await createTestPublisher();
    const fresh = `fresh${uid(3)}`;
    expect((await search(`q=${fresh}`)).total).toBe(0);
    const a = await createTestAppliance(publisher.id, { name: `Brand ${fresh}`, status: 'PUBLISHED', publishedAt: new Date(), formats: ['ISO'] });
    expect((await search(`q=${fresh}`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await search(`q=${fresh}&format=iso`)).total).toBe(1);
    await db.appliance.update({ where: { id: a.id }, data: { status: 'UNLISTED' } });
    expect((await search(`q=${fresh}`)).total).toBe(0);
    expect((await search(`format=iso&limit=100`)).items.map((i) => i.id)).not.toContain(a.id);
  });

  it('refuses a forged cursor with a clear error', async () => {
    await expect(search(`sort=downloads&cursor=${Buffer.from('{"v":1,"s":"downloads","k":["x"],"i":"a"}').toString('base64url')}`)).rejects.toMatchObject({ code: 'INVALID' });
    await expect(search(`sort=rating&cursor=${Buffer.from('{"v":1,"s":"downloads","k":[1],"i":"a"}').toString('base64url')}`)).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('handles SQL metacharacters, search syntax, very long and odd Unicode queries without failing', async () => {
    const hostile = [
      "'; DROP TABLE \"Appliance\"; --",
      "\\' OR 1=1 --",
      '%_%',
      '"unterminated',
      '-',
      '!!! & | ( ) : * <-> ',
      'or or or',
      '\u0000nul\u0000',
      '\ud800 lone surrogate',
      'Ｐｏｓｔｇｒｅｓ',
      '🚀🔥 emoji',
      'עברית العربية 中文',
      'e\u0301\u0301\u0301 combining',
      'x'.repeat(100_000),
      `${word} `.repeat(2000),
    ];
    for (const q of hostile) {
      // A plain record, so the string reaches the parser exactly (lone surrogates included).
      const r = await searchAppliances(parseSearchParams({ q }).request);
      expect(Array.isArray(r.items)).toBe(true);
    }
    expect(await db.appliance.count()).toBeGreaterThan(0);
    // Fullwidth letters normalise to ASCII (NFKC), so they still find the listing.
    const fw = await search(`q=${encodeURIComponent(`Ｐｏｓｔｇｒｅｓ ${word}`)}`);
    expect(fw.items.map((i) => i.name)).toContain(`Postgres ${word} Server`);
  });
});
