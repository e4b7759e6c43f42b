import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import { FacetTable, type FacetRow } from '@/lib/core/catalog/facet-engine';

/*
 * The search index every app node keeps in memory: the facet columns and sort keys of every
 * published listing (a few bytes each; 100,000 listings fit in ~15 MB). Counting facets over the
 * whole catalog in PostgreSQL costs a scan of every listing per search; here it is one tight loop.
 *
 * PostgreSQL stays the truth:
 * - each search first asks for the rows changed since the index last looked (`updatedAt`, indexed),
 *   in the same round trip as its full-text matches, so a write is searchable by the next search;
 * - every 10 s a search looks 2 minutes back (a transaction that committed late with an older
 *   `updatedAt`), every 10 minutes the index reloads in the background (deleted rows);
 * - the page's cards are read from PostgreSQL with `status = 'PUBLISHED'`, so a listing hidden a
 *   moment ago never shows, whatever the index says.
 */

const SWEEP_EVERY_MS = 10_000;
const SWEEP_LOOKBACK_MS = 120_000;
const RELOAD_EVERY_MS = 10 * 60_000;

interface IndexState {
  table: FacetTable;
  /** Highest `updatedAt` (ms) applied. */
  seenUpdatedMs: number;
  lastSweep: number;
  loadedAt: number;
  categories: Map<string, { id: string; slug: string; name: string }>;
  categoryIdBySlug: Map<string, string>;
}

const globalForIndex = globalThis as unknown as {
  catalogIndex?: { state: IndexState | null; loading: Promise<IndexState> | null; reloading: boolean };
};
const holder = (globalForIndex.catalogIndex ??= { state: null, loading: null, reloading: false });

interface RawRow {
  id: string;
  status: string;
  categoryId: string | null;
  osFamily: string | null;
  license: string | null;
  osRelease: string | null;
  formats: string[] | null;
  architectures: string[] | null;
  minMemoryMiB: number | null;
  downloadSizeBytes: number | null;
  downloadCount: number;
  ratingAvg: number;
  ratingCount: number;
  publishedMs: number;
  updatedMs: number;
}

type Columns = { [K in keyof RawRow]: RawRow[K][] };

/**
 * Rows as one JSON object of columns: far cheaper to build, send and parse than one object per
 * row when the whole catalog loads.
 */
function columnsOf(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT json_build_object(
      'id', coalesce(json_agg(a.id), '[]'::json),
      'status', coalesce(json_agg(a.status), '[]'::json),
      'categoryId', coalesce(json_agg(a."categoryId"), '[]'::json),
      'osFamily', coalesce(json_agg(a."osFamily"), '[]'::json),
      'license', coalesce(json_agg(a.license), '[]'::json),
      'osRelease', coalesce(json_agg(a."osRelease"), '[]'::json),
      'formats', coalesce(json_agg(a.formats), '[]'::json),
      'architectures', coalesce(json_agg(a.architectures), '[]'::json),
      'minMemoryMiB', coalesce(json_agg(a."minMemoryMiB"), '[]'::json),
      'downloadSizeBytes', coalesce(json_agg(a."downloadSizeBytes"::float8), '[]'::json),
      'downloadCount', coalesce(json_agg(a."downloadCount"), '[]'::json),
      'ratingAvg', coalesce(json_agg(a."ratingAvg"), '[]'::json),
      'ratingCount', coalesce(json_agg(a."ratingCount"), '[]'::json),
      'publishedMs', coalesce(json_agg((extract(epoch FROM coalesce(a."publishedAt", a."createdAt")) * 1000)::float8), '[]'::json),
      'updatedMs', coalesce(json_agg((extract(epoch FROM a."updatedAt") * 1000)::float8), '[]'::json)
    ) AS columns FROM "Appliance" a WHERE ${where}`;
}

function* rowsOf(c: Columns): Generator<RawRow> {
  for (let i = 0; i < c.id.length; i++) {
    yield {
      id: c.id[i],
      status: c.status[i],
      categoryId: c.categoryId[i],
      osFamily: c.osFamily[i],
      license: c.license[i],
      osRelease: c.osRelease[i],
      formats: c.formats[i],
      architectures: c.architectures[i],
      minMemoryMiB: c.minMemoryMiB[i],
      downloadSizeBytes: c.downloadSizeBytes[i],
      downloadCount: c.downloadCount[i],
      ratingAvg: c.ratingAvg[i],
      ratingCount: c.ratingCount[i],
      publishedMs: c.publishedMs[i],
      updatedMs: c.updatedMs[i],
    };
  }
}

function toFacetRow(r: RawRow): FacetRow {
  return {
    id: r.id,
    categoryId: r.categoryId,
    osFamily: r.osFamily,
    license: r.license,
    osRelease: r.osRelease,
    formats: r.formats ?? [],
    architectures: r.architectures ?? [],
    minMemoryMiB: r.minMemoryMiB,
    downloadSizeBytes: r.downloadSizeBytes,
    downloadCount: r.downloadCount,
    ratingAvg: r.ratingAvg,
    ratingCount: r.ratingCount,
    publishedMs: r.publishedMs,
  };
}

async function loadCategories() {
  const rows = await db.category.findMany({ select: { id: true, slug: true, name: true } });
  return { categories: new Map(rows.map((c) => [c.id, c])), categoryIdBySlug: new Map(rows.map((c) => [c.slug, c.id])) };
}

async function loadAll(): Promise<IndexState> {
  // Read the high-water mark first: anything committed during the load is re-read by the next search.
  const [{ max }] = await db.$queryRaw<{ max: number | null }[]>`SELECT (extract(epoch FROM max("updatedAt")) * 1000)::float8 AS max FROM "Appliance"`;
  const [{ columns }] = await db.$queryRaw<{ columns: Columns }[]>(columnsOf(Prisma.sql`a.status = 'PUBLISHED'`));
  const table = new FacetTable(Math.max(1024, columns.id.length + 256));
  for (const r of rowsOf(columns)) table.upsert(toFacetRow(r));
  const now = Date.now();
  // Rows committed late with an older updatedAt are the sweep's job (below).
  return { table, seenUpdatedMs: max ?? 0, lastSweep: now, loadedAt: now, ...(await loadCategories()) };
}

async function current(): Promise<IndexState> {
  if (holder.state) {
    if (Date.now() - holder.state.loadedAt > RELOAD_EVERY_MS && !holder.reloading) {
      holder.reloading = true;
      loadAll()
        .then((fresh) => {
          holder.state = fresh;
        })
        .catch((e: unknown) => console.error('[catalog-index] background reload failed:', e))
        .finally(() => {
          holder.reloading = false;
        });
    }
    return holder.state;
  }
  holder.loading ??= loadAll()
    .then((s) => (holder.state = s))
    .finally(() => {
      holder.loading = null;
    });
  return holder.loading;
}

/** Applies changed rows: published ones are (re)indexed, anything else leaves the index. */
function apply(state: IndexState, columns: Columns) {
  for (const r of rowsOf(columns)) {
    if (r.status === 'PUBLISHED') state.table.upsert(toFacetRow(r));
    else state.table.remove(r.id);
    if (r.updatedMs > state.seenUpdatedMs) state.seenUpdatedMs = r.updatedMs;
  }
}

export interface TextMatch {
  id: string;
  rank: number;
}

/** Typo tolerance steps in when the exact search finds fewer listings than this. */
export const TYPO_FALLBACK_BELOW = 5;

/**
 * Word similarity a name needs to count as a typo match. pg_trgm's default (0.6) misses swapped
 * letters ("postgers" → PostgreSQL scores 0.56, "graphana" → Grafana 0.42). The `<%` operator (and
 * its GIN index) reads the threshold from a setting: the statement sets it for itself
 * (set_config(…, is_local), i.e. for this statement's transaction only) in a one-time filter that
 * runs before the index scan starts.
 */
export const TYPO_SIMILARITY = 0.4;

/**
 * The full-text part of a search: the weighted tsvector ranked by ts_rank; when that finds (almost)
 * nothing — a typo, a prefix, a stem the dictionary does not know — names close to the query by
 * trigram word similarity (pg_trgm, GIN index on the name) join, ranked by that similarity.
 */
export function textMatchQuery(q: string, ranked = true): Prisma.Sql {
  const tsq = Prisma.sql`websearch_to_tsquery('english', ${q}::text)`;
  // Ranking reads every match's tsvector: only worth it when the order is by relevance.
  const rank = ranked ? Prisma.sql`ts_rank(a."searchVector", ${tsq})::float8 + 1` : Prisma.sql`1::float8`;
  return Prisma.sql`WITH fts AS (
      SELECT a.id, ${rank} AS rank
      FROM "Appliance" a WHERE a.status = 'PUBLISHED' AND a."searchVector" @@ ${tsq}
    )
    SELECT id, rank FROM fts
    UNION ALL
    SELECT a.id, word_similarity(${q}::text, a.name)::float8 AS rank
    FROM "Appliance" a
    WHERE (SELECT count(*) FROM fts) < ${TYPO_FALLBACK_BELOW}::int
      AND (SELECT set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_SIMILARITY)}::text, true)) IS NOT NULL
      AND a.status = 'PUBLISHED' AND ${q}::text <% a.name AND a.id NOT IN (SELECT id FROM fts)`;
}

/**
 * One round trip: what changed after `sinceMs` (or at it too, for sweeps: rows sharing the last
 * timestamp are then read again, while a bulk update's rows are not re-read by every search),
 * and the text query's matches (when there is one).
 */
export function syncQuery(sinceMs: number, q: string, inclusive = false, ranked = true): Prisma.Sql {
  const since = new Date(sinceMs).toISOString().replace('Z', '');
  const changedWhere = inclusive ? Prisma.sql`a."updatedAt" >= ${since}::timestamp` : Prisma.sql`a."updatedAt" > ${since}::timestamp`;
  return Prisma.sql`SELECT
    (${columnsOf(changedWhere)}) AS changed,
    ${q ? Prisma.sql`(SELECT coalesce(json_agg(json_build_array(m.id, m.rank)), '[]'::json) FROM (${textMatchQuery(q, ranked)}) m)` : Prisma.sql`NULL::json`} AS matches`;
}

export interface SyncedIndex {
  table: FacetTable;
  categories: IndexState['categories'];
  categoryIdBySlug: IndexState['categoryIdBySlug'];
  matches: TextMatch[] | null;
}

/** The index brought up to date with PostgreSQL, plus the text query's matches. */
export async function syncCatalogIndex(q: string, options: { ranked?: boolean } = {}): Promise<SyncedIndex> {
  const state = await current();
  const now = Date.now();
  const sweep = now - state.lastSweep > SWEEP_EVERY_MS;
  const since = sweep ? state.seenUpdatedMs - SWEEP_LOOKBACK_MS : state.seenUpdatedMs;
  const [row] = await db.$queryRaw<{ changed: Columns; matches: [string, number][] | null }[]>(syncQuery(since, q, sweep, options.ranked ?? true));
  apply(state, row.changed);
  if (sweep) {
    state.lastSweep = now;
    Object.assign(state, await loadCategories());
  } else if (row.changed.categoryId.some((id) => id && !state.categories.has(id))) {
    Object.assign(state, await loadCategories());
  }
  return {
    table: state.table,
    categories: state.categories,
    categoryIdBySlug: state.categoryIdBySlug,
    matches: row.matches ? row.matches.map(([id, rank]) => ({ id, rank })) : null,
  };
}

/** For tests: forget the index so the next search loads it afresh. */
export function resetCatalogIndex() {
  holder.state = null;
}
