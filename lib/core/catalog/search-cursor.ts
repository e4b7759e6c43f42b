// Opaque keyset cursors for the search API: base64url JSON holding the sort it belongs to, the last
// item's sort keys and its id. A cursor is a position, not a secret; it is still validated fully.
import type { SearchSort } from '@/lib/core/catalog/search-params';

export interface SearchCursor {
  sort: SearchSort;
  /** The last item's sort keys, in the order the sort compares them. */
  keys: number[];
  id: string;
}

const KEY_COUNT: Record<SearchSort, number> = { relevance: 2, downloads: 1, rating: 2, newest: 1, size: 1 };

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: cursor.sort, k: cursor.keys, i: cursor.id })).toString('base64url');
}

/** The cursor, or null when it is not one we handed out for this sort. */
export function decodeCursor(value: string, sort: SearchSort): SearchCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { v, s, k, i } = parsed as Record<string, unknown>;
  if (v !== 1 || s !== sort || typeof i !== 'string' || i.length === 0 || i.length > 64 || !/^[A-Za-z0-9_-]+$/.test(i)) return null;
  if (!Array.isArray(k) || k.length !== KEY_COUNT[sort] || !k.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  return { sort, keys: k as number[], id: i };
}
