import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { ApplianceCard } from '@/lib/server/catalog/appliance-card';
import { syncCatalogIndex } from '@/lib/server/catalog/catalog-index';
import { runSearch } from '@/lib/core/catalog/facet-engine';
import { decodeCursor, encodeCursor } from '@/lib/core/catalog/search-cursor';
import { RAM_BUCKETS, SIZE_BUCKETS, type SearchFilters, type SearchRequest } from '@/lib/core/catalog/search-params';
import { suggestSearchTerms } from '@/lib/server/catalog/suggest-terms';
import { ARCH_LABELS, FORMAT_LABELS } from '@/lib/core/format';
import { invalid } from '@/lib/core/errors';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchFacets {
  category: FacetValue[];
  os: FacetValue[];
  format: FacetValue[];
  arch: FacetValue[];
  license: FacetValue[];
  release: FacetValue[];
  minRam: FacetValue[];
  maxSize: FacetValue[];
}

export interface SearchResult {
  items: ApplianceCard[];
  /** Listings matching the query and every filter. */
  total: number;
  facets: SearchFacets;
  /** Keyset cursor for the next page, null on the last one. */
  nextCursor: string | null;
  /** When nothing matched: nearby terms for the query and the catalog's biggest categories; otherwise null. */
  suggestions: SearchSuggestions | null;
}

export interface SearchSuggestions {
  /** Each one a word (or the query with its unknown words corrected) that published listings are found by. */
  terms: string[];
  /** The categories with the most published listings, whatever the query and filters. */
  categories: FacetValue[];
}

const NO_FILTERS: SearchFilters = { category: [], os: [], format: [], arch: [], license: [], release: [], minRam: null, maxSize: null };
const POPULAR_CATEGORIES = 6;

export const OS_LABELS: Record<string, string> = { linux: 'Linux', windows: 'Windows', bsd: 'BSD', solaris: 'Solaris', other: 'Other' };

/** The cards of a page, read from PostgreSQL (published only, whatever the index says), in order. */
export function cardsQuery(ids: string[]): Prisma.Sql {
  return Prisma.sql`SELECT json_build_object(
      'id', a.id, 'name', a.name, 'slug', a.slug, 'summary', a.summary,
      'publisherHandle', p.handle, 'publisherName', p."displayName",
      'category', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('slug', c.slug, 'name', c.name) END,
      'formats', a.formats, 'architectures', a.architectures, 'latestVersion', a."latestVersion",
      'downloadCount', a."downloadCount", 'ratingAvg', a."ratingAvg", 'ratingCount', a."ratingCount",
      'downloadSizeBytes', a."downloadSizeBytes", 'minMemoryMiB', a."minMemoryMiB", 'minCpus', a."minCpus",
      'osFamily', a."osFamily", 'featured', a.featured,
      'publishedAt', to_char(a."publishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'awards', (SELECT coalesce(json_agg(aw.title ORDER BY aw."createdAt"), '[]'::json)
                 FROM "Entry" e JOIN "Award" aw ON aw."entryId" = e.id JOIN "Challenge" ch ON ch.id = aw."challengeId"
                 WHERE e."applianceId" = a.id AND ch.state IN ('RESULTS', 'ARCHIVED'))
    ) AS card
    FROM "Appliance" a
    JOIN "Publisher" p ON p.id = a."publisherId"
    LEFT JOIN "Category" c ON c.id = a."categoryId"
    WHERE a.id = ANY(${ids}::text[]) AND a.status = 'PUBLISHED'`;
}

const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.label.localeCompare(b.label);

/**
 * Full-text search over published listings — PostgreSQL's weighted tsvector (name A; tags, summary,
 * category and operating system B; description and vendor C; packages D) plus trigram similarity on
 * the name for typos — with every facet counted under the other facets' filters, keyset (API) or
 * page (browse) pagination, and nearby terms and popular categories when nothing matches. Only
 * published listings are ever found, whoever calls.
 */
export async function searchAppliances(request: SearchRequest): Promise<SearchResult> {
  const after = request.cursor ? decodeCursor(request.cursor, request.sort) : null;
  if (request.cursor && !after) throw invalid('The cursor is not one this API handed out for this sort.', { cursor: 'Invalid cursor.' });

  const index = await syncCatalogIndex(request.q, { ranked: request.sort === 'relevance' });
  let text = null;
  if (index.matches) {
    const slots: number[] = [];
    const ranks: number[] = [];
    for (const m of index.matches) {
      const slot = index.table.slotById.get(m.id);
      if (slot !== undefined) {
        slots.push(slot);
        ranks.push(m.rank);
      }
    }
    text = { slots: Int32Array.from(slots), ranks: Float64Array.from(ranks) };
  }

  const result = runSearch(index.table, {
    filters: request,
    categoryIdBySlug: index.categoryIdBySlug,
    sort: request.sort,
    limit: request.limit,
    offset: after ? 0 : (request.page - 1) * request.limit,
    after,
    text,
  });

  const pageIds = result.page.map((slot) => index.table.ids[slot]!);
  const cards = pageIds.length ? await db.$queryRaw<{ card: ApplianceCard }[]>(cardsQuery(pageIds)) : [];
  const byId = new Map(cards.map(({ card }) => [card.id, card]));
  const items = pageIds.flatMap((id) => {
    const card = byId.get(id);
    return card ? [{ ...card, downloadSizeBytes: card.downloadSizeBytes === null ? null : Number(card.downloadSizeBytes) }] : [];
  });
  const lastSlot = result.page.length - 1;

  const t = index.table;
  const categoryFacet = (counts: Map<number, number>): FacetValue[] =>
    [...counts]
      .flatMap(([i, count]) => {
        const c = index.categories.get(t.categories.values[i]);
        return c && count > 0 ? [{ value: c.slug, label: c.name, count }] : [];
      })
      .sort(byCount);
  let suggestions: SearchSuggestions | null = null;
  if (result.total === 0) {
    const everything = runSearch(t, { filters: NO_FILTERS, categoryIdBySlug: index.categoryIdBySlug, sort: 'downloads', limit: 0, offset: 0, after: null, text: null });
    suggestions = {
      // Other words only help when the words themselves found nothing (not when the filters did).
      terms: request.q && index.matches?.length === 0 ? await suggestSearchTerms(request.q) : [],
      categories: categoryFacet(everything.counts.category).slice(0, POPULAR_CATEGORIES),
    };
  }
  return {
    suggestions,
    total: result.total,
    items,
    nextCursor: result.hasMore && lastSlot >= 0 ? encodeCursor({ sort: request.sort, keys: result.keys[lastSlot], id: pageIds[lastSlot] }) : null,
    facets: {
      category: categoryFacet(result.counts.category),
      os: [...result.counts.os].map(([i, count]) => ({ value: t.osFamilies.values[i], label: OS_LABELS[t.osFamilies.values[i]] ?? t.osFamilies.values[i], count })).sort(byCount),
      license: [...result.counts.license].map(([i, count]) => ({ value: t.licenses.values[i], label: t.licenses.values[i], count })).sort(byCount),
      release: [...result.counts.release].map(([i, count]) => ({ value: t.releases.values[i], label: t.releases.values[i], count })).sort(byCount),
      format: [...result.counts.format].map(([value, count]) => ({ value, label: FORMAT_LABELS[value] ?? value, count })).sort(byCount),
      arch: [...result.counts.arch].map(([value, count]) => ({ value, label: ARCH_LABELS[value] ?? value, count })).sort(byCount),
      minRam: RAM_BUCKETS.map((b) => ({ value: b.key, label: b.label, count: result.counts.minRam.get(b.key) ?? 0 })),
      maxSize: SIZE_BUCKETS.map((b) => ({ value: b.key, label: b.label, count: result.counts.maxSize.get(b.key) ?? 0 })),
    },
  };
}
