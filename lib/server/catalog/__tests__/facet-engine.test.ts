import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedHeap, FacetTable, runSearch, type EngineRequest, type FacetRow } from '@/lib/core/catalog/facet-engine';
import { parseSearchParams, type SearchFilters } from '@/lib/core/catalog/search-params';

const noFilters: SearchFilters = { category: [], os: [], format: [], arch: [], license: [], release: [], minRam: null, maxSize: null };

function row(id: string, over: Partial<FacetRow> = {}): FacetRow {
  return {
    id,
    categoryId: 'c-web',
    osFamily: 'linux',
    license: 'MIT',
    formats: ['OVA'],
    architectures: ['AMD64'],
    minMemoryMiB: 1024,
    downloadSizeBytes: 50 * 2 ** 20,
    downloadCount: 0,
    ratingAvg: 0,
    ratingCount: 0,
    publishedMs: 0,
    ...over,
  };
}

const slugs = new Map([
  ['web', 'c-web'],
  ['db', 'c-db'],
]);

function request(over: Partial<EngineRequest> = {}, filters: Partial<SearchFilters> = {}): EngineRequest {
  return { filters: { ...noFilters, ...filters }, categoryIdBySlug: slugs, sort: 'downloads', limit: 10, offset: 0, after: null, text: null, ...over };
}

describe('runSearch', () => {
  const table = new FacetTable(2); // grows past its first capacity
  table.upsert(row('a', { downloadCount: 5, formats: ['OVA', 'QCOW2'] }));
  table.upsert(row('b', { downloadCount: 9, categoryId: 'c-db', formats: ['QCOW2'], architectures: ['ARM64'], minMemoryMiB: 256 }));
  table.upsert(row('c', { downloadCount: 1, categoryId: 'c-db', osFamily: 'bsd', downloadSizeBytes: 3 * 2 ** 30, minMemoryMiB: 8192 }));
  table.upsert(row('d', { downloadCount: 7, minMemoryMiB: null, downloadSizeBytes: null }));

  it('orders, counts and totals with no filters', () => {
    const r = runSearch(table, request());
    expect(r.page.map((s) => table.ids[s])).toEqual(['b', 'd', 'a', 'c']);
    expect(r.total).toBe(4);
    expect(Object.fromEntries(r.counts.format)).toEqual({ OVA: 3, QCOW2: 2 });
    expect(Object.fromEntries(r.counts.minRam)).toEqual({ '512m': 1, '1g': 2, '2g': 2, '4g': 2, '8g': 3 });
    expect(Object.fromEntries(r.counts.maxSize)).toEqual({ '100m': 2, '500m': 2, '1g': 2, '5g': 3, '20g': 3 });
  });

  it('counts each facet with the other facets applied, never its own', () => {
    const r = runSearch(table, request({}, { category: ['db'], format: ['QCOW2'] }));
    expect(r.total).toBe(1);
    expect(r.page.map((s) => table.ids[s])).toEqual(['b']);
    // Category counts: rows with qcow2 (a in web, b in db); format counts: rows in db (b qcow2, c ova).
    const cat = new Map([...r.counts.category].map(([i, n]) => [table.categories.values[i], n]));
    expect(Object.fromEntries(cat)).toEqual({ 'c-web': 1, 'c-db': 1 });
    expect(Object.fromEntries(r.counts.format)).toEqual({ QCOW2: 1, OVA: 1 });
    // Other facets see only rows passing both filters.
    expect(Object.fromEntries(r.counts.arch)).toEqual({ ARM64: 1 });
  });

  it('treats unknown values as matching nothing rather than as no filter', () => {
    expect(runSearch(table, request({}, { category: ['nope'] })).total).toBe(0);
    expect(runSearch(table, request({}, { license: ['WTFPL'] })).total).toBe(0);
  });

  it('leaves removed listings out and reuses no stale data', () => {
    const t = new FacetTable();
    t.upsert(row('x'));
    t.upsert(row('y'));
    t.remove('x');
    t.upsert(row('y', { formats: ['ISO'] }));
    const r = runSearch(t, request());
    expect(r.page.map((s) => t.ids[s])).toEqual(['y']);
    expect(Object.fromEntries(r.counts.format)).toEqual({ ISO: 1 });
  });

  it('restricts to text candidates and orders them by rank', () => {
    const slot = (id: string) => table.slotById.get(id)!;
    const r = runSearch(table, request({ sort: 'relevance', text: { slots: Int32Array.from([slot('c'), slot('a')]), ranks: Float64Array.from([0.9, 0.2]) } }));
    expect(r.page.map((s) => table.ids[s])).toEqual(['c', 'a']);
    expect(r.total).toBe(2);
  });

  it('pages by offset and by keyset to the same sequence, for every sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ downloads: fc.integer({ min: 0, max: 3 }), rating: fc.integer({ min: 0, max: 2 }), size: fc.option(fc.integer({ min: 1, max: 3 })) }), { maxLength: 30 }),
        fc.constantFrom('relevance', 'downloads', 'rating', 'newest', 'size'),
        fc.integer({ min: 1, max: 4 }),
        (rows, sort, limit) => {
          const t = new FacetTable();
          rows.forEach((r, i) => t.upsert(row(`r${String(i).padStart(2, '0')}`, { downloadCount: r.downloads, ratingAvg: r.rating, downloadSizeBytes: r.size, publishedMs: r.downloads })));
          const all = runSearch(t, request({ sort, limit: 100 })).page.map((s) => t.ids[s]);
          const keyset: (string | null)[] = [];
          let after: EngineRequest['after'] = null;
          for (let guard = 0; guard < 100; guard++) {
            const page = runSearch(t, request({ sort, limit, after }));
            keyset.push(...page.page.map((s) => t.ids[s]));
            if (!page.hasMore) break;
            after = { keys: page.keys.at(-1)!, id: t.ids[page.page.at(-1)!]! };
          }
          const offset: (string | null)[] = [];
          for (let p = 0; p * limit < rows.length; p++) offset.push(...runSearch(t, request({ sort, limit, offset: p * limit })).page.map((s) => t.ids[s]));
          expect(keyset).toEqual(all);
          expect(offset).toEqual(all);
        },
      ),
    );
  });
});

describe('BoundedHeap', () => {
  it('keeps the first k items under the order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 10 }), (xs, k) => {
        const h = new BoundedHeap(k, (a, b) => a - b);
        xs.forEach((x) => h.push(x));
        expect(h.sorted()).toEqual([...xs].sort((a, b) => a - b).slice(0, k));
      }),
    );
  });
});

describe('parseSearchParams', () => {
  it('reads repeated and comma-separated values, normalises case, keeps defaults out', () => {
    const { request: r, problems } = parseSearchParams(new URLSearchParams('q=%20Nginx%20%20proxy&format=ova,QCOW2&format=vagrant-box&arch=ARM64&category=Web&minRam=2G&sort=size&page=3'));
    expect(problems).toEqual([]);
    expect(r).toMatchObject({ q: 'Nginx proxy', format: ['OVA', 'QCOW2', 'VAGRANT_BOX'], arch: ['ARM64'], category: ['web'], minRam: '2g', sort: 'size', page: 3 });
  });

  it('reports what it cannot use instead of throwing', () => {
    const { request: r, problems } = parseSearchParams(new URLSearchParams('format=exe&arch=mips&sort=evil&limit=0&page=-1&minRam=1t&category=a%20b&cursor=%3D%3D%3D'));
    expect(problems.map((p) => p.field).sort()).toEqual(['arch', 'category', 'cursor', 'format', 'limit', 'minRam', 'page', 'sort']);
    expect(r).toMatchObject({ format: [], arch: [], sort: 'downloads', limit: 24, page: 1, minRam: null, cursor: null, category: [] });
  });

  it('caps queries and strips control characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const q = parseSearchParams({ q: s }).request.q;
        expect(q.length).toBeLessThanOrEqual(200);
        expect(q).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(q).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
    expect(parseSearchParams({ q: 'x'.repeat(10_000) }).request.q).toHaveLength(200);
  });
});
