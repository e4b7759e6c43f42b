import { describe, expect, it } from 'vitest';
import { browseHref } from '@/components/catalog/search-links';
import { parseSearchParams } from '@/lib/core/catalog/search-params';

describe('browse links', () => {
  it('keep a chosen page size, so the page numbers they carry mean the same pages', () => {
    const { request } = parseSearchParams(new URLSearchParams('limit=4&page=9&q=linux'));
    expect(browseHref({ ...request, page: 5 })).toBe('/browse?q=linux&limit=4&page=5');
    // The default size stays out of the URL.
    expect(browseHref({ ...parseSearchParams(new URLSearchParams('page=3')).request, page: 2 })).toBe('/browse?page=2');
  });
});
