import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';
import { searchAppliances } from '@/lib/server/catalog/search-appliances';
import { parseSearchParams } from '@/lib/core/catalog/search-params';
import { resetSearchVocabulary } from '@/lib/server/catalog/suggest-terms';
import { createTestAppliance, createTestCategory, createTestPublisher, createTestVersion, uid } from '@/lib/test-support/factories';

const search = (query: string) => searchAppliances(parseSearchParams(new URLSearchParams(query)).request);
const names = async (query: string) => (await search(query)).items.map((i) => i.name).sort();

// This run's own licence keeps other tests' rows out of every count.
const license = `LIC-${uid(3)}`;
const w = `zq${uid(3)}`;
let databases: { id: string; slug: string };
let publisher: { id: string; displayName: string; handle: string };

beforeAll(async () => {
  ({ publisher } = await createTestPublisher());
  databases = await db.category.update({ where: { id: (await createTestCategory()).id }, data: { name: `Databases ${w}` } });
  const published = { status: 'PUBLISHED' as const, publishedAt: new Date(), license, summary: '', description: '' };
  await createTestAppliance(publisher.id, { ...published, name: `Alpha ${w}`, osFamily: 'linux', osName: 'Ubuntu Linux (64-bit)' });
  await createTestAppliance(publisher.id, { ...published, name: `Bravo ${w}`, osFamily: 'linux', categoryId: databases.id });
  await createTestAppliance(publisher.id, { ...published, name: `Charlie ${w}`, osFamily: 'bsd', osName: 'FreeBSD 64-bit', tags: ['packet-filter'] });
  await createTestAppliance(publisher.id, { ...published, name: `Delta ${w}`, osRelease: 'Debian 12' });
  // A draft is never found, whatever it matches.
  await createTestAppliance(publisher.id, { status: 'DRAFT', license, name: `Echo ${w}`, osFamily: 'linux', categoryId: databases.id });
});

describe('search matches more than name and description', () => {
  it('finds by operating system family and name, and by the OS release read from the disk', async () => {
    expect(await names(`q=linux&license=${license}`)).toEqual([`Alpha ${w}`, `Bravo ${w}`]);
    // The OS facet and the word agree: every Linux listing is found by "linux".
    const facet = await search(`os=linux&license=${license}`);
    expect((await search(`q=linux&license=${license}`)).total).toBe(facet.total);
    expect(await names(`q=ubuntu&license=${license}`)).toEqual([`Alpha ${w}`]);
    expect(await names(`q=freebsd&license=${license}`)).toEqual([`Charlie ${w}`]);
    expect(await names(`q=debian&license=${license}`)).toEqual([`Delta ${w}`]);
  });

  it('finds by category name (stemmed: "database" finds "Databases") and slug', async () => {
    expect(await names(`q=database&license=${license}`)).toEqual([`Bravo ${w}`]);
    expect(await names(`q=${databases.slug}&license=${license}`)).toEqual([`Bravo ${w}`]);
  });

  it('finds by vendor (the publisher’s name and handle) and by tag', async () => {
    const all = [`Alpha ${w}`, `Bravo ${w}`, `Charlie ${w}`, `Delta ${w}`];
    expect(await names(`q=${encodeURIComponent(publisher.displayName)}&license=${license}`)).toEqual(all);
    expect(await names(`q=${publisher.handle}&license=${license}`)).toEqual(all);
    expect(await names(`q=packet-filter&license=${license}`)).toEqual([`Charlie ${w}`]);
  });

  it('ranks a name match above an OS or category match', async () => {
    const { publisher: p } = await createTestPublisher();
    const word = `kiwi${uid(2)}`;
    const cat = await db.category.create({ data: { slug: `cat-${uid()}`, name: `${word} things` } });
    await createTestAppliance(p.id, { status: 'PUBLISHED', publishedAt: new Date(), name: `By category ${uid(2)}`, categoryId: cat.id, description: '' });
    await createTestAppliance(p.id, { status: 'PUBLISHED', publishedAt: new Date(), name: `${word} server`, description: '' });
    expect((await search(`q=${word}`)).items.map((i) => i.name)[0]).toBe(`${word} server`);
  });

  it('re-indexes a listing when its OS is filled in later, and when its category or publisher is renamed', async () => {
    const { publisher: p } = await createTestPublisher();
    const cat = await createTestCategory();
    const a = await createTestAppliance(p.id, { status: 'PUBLISHED', publishedAt: new Date(), license, name: `Foxtrot ${w}`, categoryId: cat.id });
    const os = `solaris${uid(2)}`;
    await db.appliance.update({ where: { id: a.id }, data: { osName: os } });
    expect(await names(`q=${os}`)).toEqual([`Foxtrot ${w}`]);

    const catWord = `newcat${uid(2)}`;
    await db.category.update({ where: { id: cat.id }, data: { name: `Renamed ${catWord}` } });
    expect(await names(`q=${catWord}`)).toEqual([`Foxtrot ${w}`]);

    const vendorWord = `vendor${uid(2)}`;
    await db.publisher.update({ where: { id: p.id }, data: { displayName: `${vendorWord} Inc` } });
    expect(await names(`q=${vendorWord}`)).toEqual([`Foxtrot ${w}`]);
  });
});

describe('when nothing matches', () => {
  it('suggests nearby terms that do find something, and the biggest categories', async () => {
    const { publisher: p } = await createTestPublisher();
    const tag = `marsupial${uid(2)}`;
    await createTestAppliance(p.id, { status: 'PUBLISHED', publishedAt: new Date(), name: `Golf ${uid(2)}`, tags: [tag], categoryId: databases.id });
    resetSearchVocabulary();
    const typo = tag.replace('pial', 'pail');
    const r = await search(`q=${typo}`);
    expect(r.total).toBe(0);
    expect(r.suggestions?.terms).toContain(tag);
    // Every suggestion finds something.
    for (const term of r.suggestions?.terms ?? []) expect((await search(`q=${encodeURIComponent(term)}`)).total, term).toBeGreaterThan(0);
    // Two words, one misspelt: the whole query comes back corrected first.
    expect((await search(`q=${encodeURIComponent(`${typo} golf`)}`)).suggestions?.terms[0]).toBe(`${tag} golf`);

    const categories = r.suggestions?.categories ?? [];
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.every((c) => c.count > 0)).toBe(true);
    expect(categories.map((c) => c.count)).toEqual([...categories.map((c) => c.count)].sort((a, b) => b - a));
    expect(categories.map((c) => c.value)).toContain(databases.slug);
  });

  it('suggests nothing from unpublished listings, and no suggestions at all when something matched', async () => {
    const { publisher: p } = await createTestPublisher();
    const secret = `wallaby${uid(2)}`;
    await createTestAppliance(p.id, { status: 'DRAFT', name: `Hotel ${uid(2)}`, tags: [secret] });
    resetSearchVocabulary();
    const r = await search(`q=${secret.replace('aby', 'bay')}`);
    expect(r.total).toBe(0);
    expect(r.suggestions?.terms).not.toContain(secret);
    expect((await search(`q=linux&license=${license}`)).suggestions).toBeNull();
    // The words found listings, the filters ruled them out: no other words are offered, the categories are.
    const filtered = await search(`q=linux&license=${license}&format=iso`);
    expect(filtered.total).toBe(0);
    expect(filtered.suggestions?.terms).toEqual([]);
    expect(filtered.suggestions?.categories.length).toBeGreaterThan(0);
  });
});

describe('the download size a listing shows', () => {
  it('is the default file’s (the OVA, else the amd64 disk a plain pull fetches), not the smallest file', async () => {
    const { publisher: p } = await createTestPublisher();
    const a = await createTestAppliance(p.id, { status: 'PUBLISHED', publishedAt: new Date() });
    const v = await createTestVersion(a.id, '1.0.0', { status: 'RELEASED', releasedAt: new Date() });
    const file = (format: 'OVA' | 'RAW' | 'VAGRANT_BOX' | 'QCOW2', sizeBytes: number, architecture: 'AMD64' | 'ARM64' = 'AMD64') =>
      db.applianceFile.create({ data: { versionId: v.id, format, architecture, fileName: `f.${format}`, sizeBytes: BigInt(sizeBytes), objectKey: `t/${uid()}`, status: 'VERIFIED' } });
    await file('VAGRANT_BOX', 922);
    await file('RAW', 1_048_576);
    await file('QCOW2', 393_216, 'ARM64');
    await refreshApplianceFacets(a.id);
    // No OVA, no amd64 qcow2: the amd64 raw disk, not the 922-byte box.
    expect((await db.appliance.findUniqueOrThrow({ where: { id: a.id } })).downloadSizeBytes).toBe(1_048_576n);
    await file('OVA', 20_480);
    await refreshApplianceFacets(a.id);
    expect((await db.appliance.findUniqueOrThrow({ where: { id: a.id } })).downloadSizeBytes).toBe(20_480n);
  });
});
