// Trigram similarity as pg_trgm computes it (lower-cased words of letters and digits, each padded
// with two spaces in front and one behind; |shared| / |union| of the trigram sets). Pure: the
// zero-results suggestions score a query against the catalog's vocabulary in memory with it.

const WORD = /[\p{L}\p{N}]+/gu;

export function trigramsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const padded = [...`  ${word} `];
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3).join(''));
  }
  return out;
}

export function trigramSimilarity(a: Set<string> | string, b: Set<string> | string): number {
  const x = typeof a === 'string' ? trigramsOf(a) : a;
  const y = typeof b === 'string' ? trigramsOf(b) : b;
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

export function wordsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(WORD)].map(([w]) => w);
}

export interface VocabularyWord {
  word: string;
  /** How many published listings use it: breaks ties towards the common word. */
  listings: number;
  trigrams: Set<string>;
}

/** Words closer to the query than this are suggested (pg_trgm's own default threshold is 0.3). */
export const SUGGEST_SIMILARITY = 0.3;

/**
 * Edit distance with adjacent transpositions (optimal string alignment), or Infinity beyond `max`.
 * Trigrams miss a swapped pair in a short word ("ngnix" and "nginx" share 2 of 10 trigrams).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return Infinity;
    rows.push(row);
  }
  const d = rows[a.length][b.length];
  return d > max ? Infinity : d;
}

/** How close a typed word is to a vocabulary word: trigram similarity, or one typo (two in longer words). */
function closeness(word: string, trigrams: Set<string>, v: VocabularyWord): number {
  const byTrigrams = trigramSimilarity(trigrams, v.trigrams);
  const maxEdits = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  const edits = maxEdits ? editDistance(word, v.word, maxEdits) : Infinity;
  return Math.max(byTrigrams, edits === Infinity ? 0 : 1 - edits / Math.max(word.length, v.word.length));
}

/**
 * Nearby terms for a query that found nothing (trigram similarity, or an edit distance of one or two
 * for swapped and missing letters): the query with each unknown word replaced by its closest vocabulary word (when that changes anything), then the closest single words. A word
 * already in the vocabulary stays as typed.
 */
export function nearbyTerms(query: string, vocabulary: readonly VocabularyWord[], max = 5): string[] {
  const words = wordsOf(query).slice(0, 8);
  if (!words.length || !vocabulary.length) return [];
  const known = new Set(vocabulary.map((v) => v.word));
  const scored: { word: string; score: number; listings: number }[] = [];
  const corrected: string[] = [];
  for (const w of words) {
    if (known.has(w)) {
      corrected.push(w);
      continue;
    }
    const t = trigramsOf(w);
    let best: { word: string; score: number; listings: number } | null = null;
    for (const v of vocabulary) {
      const score = closeness(w, t, v);
      if (score < SUGGEST_SIMILARITY) continue;
      scored.push({ word: v.word, score, listings: v.listings });
      if (!best || score > best.score || (score === best.score && v.listings > best.listings)) best = { word: v.word, score, listings: v.listings };
    }
    corrected.push(best?.word ?? w);
  }
  const out: string[] = [];
  const phrase = corrected.join(' ');
  if (words.length > 1 && phrase !== words.join(' ')) out.push(phrase);
  scored.sort((a, b) => b.score - a.score || b.listings - a.listings || a.word.localeCompare(b.word));
  for (const s of scored) {
    if (out.length >= max) break;
    if (!out.includes(s.word)) out.push(s.word);
  }
  return out;
}
