import 'server-only';
import { db } from '@/lib/server/db';
import { nearbyTerms, trigramsOf, type VocabularyWord } from '@/lib/core/catalog/trigram';

/*
 * "Did you mean": the words published listings are found by (names, tags, categories, operating
 * systems, vendors), held in memory per app node and scored against a query that found nothing.
 * Scoring in memory keeps a stream of gibberish queries from costing the database a scan each; the
 * vocabulary reloads at most every few minutes, only when a search finds nothing.
 */

const RELOAD_EVERY_MS = 5 * 60_000;
const MAX_WORDS = 50_000;

const globalForVocabulary = globalThis as unknown as { searchVocabulary?: { words: VocabularyWord[]; loadedAt: number } | null };

async function loadVocabulary(): Promise<VocabularyWord[]> {
  // Stop words ("the", "and") are not searchable: to_tsvector drops them, so does this.
  const rows = await db.$queryRaw<{ word: string; listings: number }[]>`
    SELECT w AS word, count(DISTINCT id)::int AS listings FROM (
      SELECT a.id, regexp_split_to_table(lower(concat_ws(' ', a.name, array_to_string(a.tags, ' '), a."osFamily", a."osName",
               a."osRelease", c.name, p."displayName")), '[^[:alnum:]]+') AS w
      FROM "Appliance" a
      JOIN "Publisher" p ON p.id = a."publisherId"
      LEFT JOIN "Category" c ON c.id = a."categoryId"
      WHERE a.status = 'PUBLISHED'
    ) t
    WHERE length(w) BETWEEN 3 AND 40 AND to_tsvector('english', w) <> ''::tsvector
    GROUP BY w ORDER BY listings DESC, w LIMIT ${MAX_WORDS}`;
  return rows.map((r) => ({ word: r.word, listings: r.listings, trigrams: trigramsOf(r.word) }));
}

/** Up to five nearby terms for a query that found nothing, each a word some published listing is found by. */
export async function suggestSearchTerms(query: string): Promise<string[]> {
  let cached = globalForVocabulary.searchVocabulary;
  if (!cached || Date.now() - cached.loadedAt > RELOAD_EVERY_MS) {
    cached = globalForVocabulary.searchVocabulary = { words: await loadVocabulary(), loadedAt: Date.now() };
  }
  return nearbyTerms(query, cached.words);
}

/** For tests: forget the vocabulary so the next suggestion reads it afresh. */
export function resetSearchVocabulary() {
  globalForVocabulary.searchVocabulary = null;
}
