import { describe, expect, it } from 'vitest';
import { FacetTable, runSearch, type FacetRow } from '@/lib/core/catalog/facet-engine';
import { parseSearchParams, searchQueryString, type SearchFilters } from '@/lib/core/catalog/search-params';

const noFilters: SearchFilters = { category: [], os: [], format: [], arch: [], license: [], release: [], minRam: null, maxSize: null };

function row(id: string, osRelease: string | null, over: Partial<FacetRow> = {}): FacetRow {
  return {
    id, categoryId: 'c', osFamily: 'linux', license: 'MIT', osRelease, formats: ['OVA'], architectures: ['AMD64'],
    minMemoryMiB: 512, downloadSizeBytes: 1000, downloadCount: 0, ratingAvg: 0, ratingCount: 0, publishedMs: 0, ...over,
  };
}

describe('the OS-release facet', () => {
  const table = new FacetTable(2);
  table.upsert(row('deb-a', 'Debian 12'));
  table.upsert(row('deb-b', 'Debian 12', { formats: ['QCOW2'] }));
  table.upsert(row('alp', 'Alpine 3.20'));
  table.upsert(row('unread', null));
  const search = (filters: Partial<SearchFilters>) =>
    runSearch(table, { filters: { ...noFilters, ...filters }, categoryIdBySlug: new Map(), sort: 'downloads', limit: 10, offset: 0, after: null, text: null });
  const counts = (r: ReturnType<typeof search>) => Object.fromEntries([...r.counts.release].map(([i, n]) => [table.releases.values[i], n]));

  it('counts releases, leaving unread disks out of the facet', () => {
    const r = search({});
    expect(r.total).toBe(4);
    expect(counts(r)).toEqual({ 'Debian 12': 2, 'Alpine 3.20': 1 });
  });

  it('filters by release and still counts the other releases under the other filters', () => {
    const r = search({ release: ['Debian 12'] });
    expect(r.page.map((s) => table.ids[s]).sort()).toEqual(['deb-a', 'deb-b']);
    expect(counts(r)).toEqual({ 'Debian 12': 2, 'Alpine 3.20': 1 });
    const q = search({ release: ['Debian 12'], format: ['QCOW2'] });
    expect(q.page.map((s) => table.ids[s])).toEqual(['deb-b']);
    expect(counts(q)).toEqual({ 'Debian 12': 1 });
  });

  it('a release nobody has matches nothing', () => {
    expect(search({ release: ['Windows 95'] }).total).toBe(0);
  });

  it('parses from and writes to the query string, refusing control characters', () => {
    const { request, problems } = parseSearchParams(new URLSearchParams('release=Debian%2012&release=Alpine%203.20&release=bad%00value'));
    expect(request.release).toEqual(['Debian 12', 'Alpine 3.20']);
    expect(problems.map((p) => p.field)).toEqual(['release']);
    expect(searchQueryString({ release: ['Debian 12'] })).toBe('release=Debian+12');
  });
});
