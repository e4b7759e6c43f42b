// Facet counting and ordering over a column-oriented table of published listings. Pure and
// synchronous: lib/server/catalog/catalog-index.ts keeps the table current from PostgreSQL, PostgreSQL's
// full-text search supplies the candidates and ranks for a text query. One pass over the
// candidates counts every facet (each with the other facets' filters applied) and keeps the best
// rows of the page in a bounded heap.
import {
  ARCHITECTURES,
  FILE_FORMATS,
  RAM_BUCKETS,
  SIZE_BUCKETS,
  type ArchitectureName,
  type FileFormatName,
  type SearchFilters,
  type SearchSort,
} from '@/lib/core/catalog/search-params';

/** Growable columns, one slot per listing; a slot whose id is null is free (an unpublished row). */
export class FacetTable {
  capacity: number;
  length = 0;
  ids: (string | null)[] = [];
  category: Int32Array;
  os: Int32Array;
  license: Int32Array;
  release: Int32Array;
  formats: Uint8Array;
  architectures: Uint8Array;
  /** Index of the first RAM bucket the listing fits (−1 unknown, RAM_BUCKETS.length above all). */
  ramLevel: Int8Array;
  sizeLevel: Int8Array;
  downloads: Float64Array;
  ratingAvg: Float64Array;
  ratingCount: Float64Array;
  publishedMs: Float64Array;
  /** Ascending size key: bytes, or the largest safe integer when unknown (sorts last). */
  sizeKey: Float64Array;
  readonly slotById = new Map<string, number>();
  readonly categories = new Dictionary();
  readonly osFamilies = new Dictionary();
  readonly licenses = new Dictionary();
  readonly releases = new Dictionary();

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.category = new Int32Array(capacity);
    this.os = new Int32Array(capacity);
    this.license = new Int32Array(capacity);
    this.release = new Int32Array(capacity);
    this.formats = new Uint8Array(capacity);
    this.architectures = new Uint8Array(capacity);
    this.ramLevel = new Int8Array(capacity);
    this.sizeLevel = new Int8Array(capacity);
    this.downloads = new Float64Array(capacity);
    this.ratingAvg = new Float64Array(capacity);
    this.ratingCount = new Float64Array(capacity);
    this.publishedMs = new Float64Array(capacity);
    this.sizeKey = new Float64Array(capacity);
  }

  private grow() {
    const next = this.capacity * 2;
    const copy = <T extends Int32Array | Uint8Array | Int8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(next);
      b.set(a);
      return b;
    };
    this.category = copy(this.category, (n) => new Int32Array(n));
    this.os = copy(this.os, (n) => new Int32Array(n));
    this.license = copy(this.license, (n) => new Int32Array(n));
    this.release = copy(this.release, (n) => new Int32Array(n));
    this.formats = copy(this.formats, (n) => new Uint8Array(n));
    this.architectures = copy(this.architectures, (n) => new Uint8Array(n));
    this.ramLevel = copy(this.ramLevel, (n) => new Int8Array(n));
    this.sizeLevel = copy(this.sizeLevel, (n) => new Int8Array(n));
    this.downloads = copy(this.downloads, (n) => new Float64Array(n));
    this.ratingAvg = copy(this.ratingAvg, (n) => new Float64Array(n));
    this.ratingCount = copy(this.ratingCount, (n) => new Float64Array(n));
    this.publishedMs = copy(this.publishedMs, (n) => new Float64Array(n));
    this.sizeKey = copy(this.sizeKey, (n) => new Float64Array(n));
    this.capacity = next;
  }

  /** Inserts or replaces a listing; returns its slot. */
  upsert(row: FacetRow): number {
    let slot = this.slotById.get(row.id);
    if (slot === undefined) {
      if (this.length === this.capacity) this.grow();
      slot = this.length++;
      this.ids[slot] = row.id;
      this.slotById.set(row.id, slot);
    }
    this.category[slot] = row.categoryId ? this.categories.indexOf(row.categoryId) : -1;
    this.os[slot] = row.osFamily ? this.osFamilies.indexOf(row.osFamily) : -1;
    this.license[slot] = row.license ? this.licenses.indexOf(row.license) : -1;
    this.release[slot] = row.osRelease ? this.releases.indexOf(row.osRelease) : -1;
    this.formats[slot] = maskOf(row.formats, FILE_FORMATS);
    this.architectures[slot] = maskOf(row.architectures, ARCHITECTURES);
    this.ramLevel[slot] = levelOf(row.minMemoryMiB, RAM_BUCKETS.map((b) => b.mib), true);
    this.sizeLevel[slot] = levelOf(row.downloadSizeBytes, SIZE_BUCKETS.map((b) => b.bytes), false);
    this.downloads[slot] = row.downloadCount;
    this.ratingAvg[slot] = row.ratingAvg;
    this.ratingCount[slot] = row.ratingCount;
    this.publishedMs[slot] = row.publishedMs;
    this.sizeKey[slot] = row.downloadSizeBytes ?? Number.MAX_SAFE_INTEGER;
    return slot;
  }

  remove(id: string) {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.ids[slot] = null;
    this.slotById.delete(id);
  }

  get live(): number {
    return this.slotById.size;
  }
}

/** Values ↔ small integers, append-only. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  indexOf(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
  find(value: string): number | undefined {
    return this.index.get(value);
  }
}

export interface FacetRow {
  id: string;
  categoryId: string | null;
  osFamily: string | null;
  license: string | null;
  /** OS release read from the disk ("Debian 12"); null when unread. */
  osRelease?: string | null;
  formats: string[];
  architectures: string[];
  minMemoryMiB: number | null;
  downloadSizeBytes: number | null;
  downloadCount: number;
  ratingAvg: number;
  ratingCount: number;
  publishedMs: number;
}

function maskOf(values: readonly string[], order: readonly string[]): number {
  let mask = 0;
  for (const v of values) {
    const i = order.indexOf(v);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

/** RAM buckets include their bound (≤ 1 GiB), size buckets exclude it (< 1 GiB). */
function levelOf(value: number | null, bounds: number[], inclusive: boolean): number {
  if (value === null || !Number.isFinite(value)) return -1;
  for (let i = 0; i < bounds.length; i++) if (inclusive ? value <= bounds[i] : value < bounds[i]) return i;
  return bounds.length;
}

// ─── Searching ──────────────────────────────────────────────────────────────────

export interface TextCandidates {
  slots: Int32Array;
  ranks: Float64Array;
}

export interface EngineRequest {
  filters: SearchFilters;
  /** Category slugs resolve to the table's category ids through this map. */
  categoryIdBySlug: ReadonlyMap<string, string>;
  sort: SearchSort;
  limit: number;
  offset: number;
  /** Keyset position: rows strictly after it. */
  after: { keys: number[]; id: string } | null;
  /** Null: every listing; otherwise only these (a text query's matches) with their ranks. */
  text: TextCandidates | null;
}

export interface EngineResult {
  total: number;
  /** Slots of the page in order (at most limit), and whether more follow. */
  page: number[];
  hasMore: boolean;
  /** The sort keys of each page slot, for cursors. */
  keys: number[][];
  counts: {
    category: Map<number, number>;
    os: Map<number, number>;
    license: Map<number, number>;
    release: Map<number, number>;
    format: Map<FileFormatName, number>;
    arch: Map<ArchitectureName, number>;
    /** Cumulative, per bucket key. */
    minRam: Map<string, number>;
    maxSize: Map<string, number>;
  };
}

const F_CATEGORY = 1;
const F_OS = 2;
const F_LICENSE = 4;
const F_FORMAT = 8;
const F_ARCH = 16;
const F_RAM = 32;
const F_SIZE = 64;
const F_RELEASE = 128;

function allowed(dict: Dictionary, values: string[]): Uint8Array | null {
  if (values.length === 0) return null;
  const out = new Uint8Array(dict.values.length + 1);
  for (const v of values) {
    const i = dict.find(v);
    if (i !== undefined) out[i] = 1;
  }
  return out;
}

export function runSearch(table: FacetTable, request: EngineRequest): EngineResult {
  const f = request.filters;
  const categoryIds = f.category.map((slug) => request.categoryIdBySlug.get(slug)).filter((id): id is string => !!id);
  // A category filter naming only unknown slugs matches nothing (rather than being ignored).
  const catAllowed = f.category.length ? (allowed(table.categories, categoryIds) ?? new Uint8Array(1)) : null;
  const osAllowed = allowed(table.osFamilies, f.os);
  const licAllowed = allowed(table.licenses, f.license);
  const relAllowed = allowed(table.releases, f.release);
  const fmtMask = maskOf(f.format, FILE_FORMATS);
  const archMask = maskOf(f.arch, ARCHITECTURES);
  const ramMax = f.minRam ? RAM_BUCKETS.findIndex((b) => b.key === f.minRam) : -1;
  const sizeMax = f.maxSize ? SIZE_BUCKETS.findIndex((b) => b.key === f.maxSize) : -1;

  const catCounts = new Int32Array(table.categories.values.length);
  const osCounts = new Int32Array(table.osFamilies.values.length);
  const licCounts = new Int32Array(table.licenses.values.length);
  const relCounts = new Int32Array(table.releases.values.length);
  const fmtCounts = new Int32Array(FILE_FORMATS.length);
  const archCounts = new Int32Array(ARCHITECTURES.length);
  const ramLevels = new Int32Array(RAM_BUCKETS.length + 1);
  const sizeLevels = new Int32Array(SIZE_BUCKETS.length + 1);

  const { ids, category, os, license, release, formats, architectures, ramLevel, sizeLevel } = table;
  const rank = new Float64Array(request.text ? table.length : 0);
  if (request.text) for (let k = 0; k < request.text.slots.length; k++) rank[request.text.slots[k]] = request.text.ranks[k];

  const order = comparator(table, request.sort, rank);
  const afterKeys = request.after;
  const heap = new BoundedHeap(request.offset + request.limit + 1, order.compareSlots);
  let total = 0;

  const n = request.text ? request.text.slots.length : table.length;
  for (let k = 0; k < n; k++) {
    const i = request.text ? request.text.slots[k] : k;
    if (ids[i] === null) continue;
    let failed = 0;
    if (catAllowed && (category[i] < 0 || !catAllowed[category[i]])) failed |= F_CATEGORY;
    if (osAllowed && (os[i] < 0 || !osAllowed[os[i]])) failed |= F_OS;
    if (licAllowed && (license[i] < 0 || !licAllowed[license[i]])) failed |= F_LICENSE;
    if (relAllowed && (release[i] < 0 || !relAllowed[release[i]])) failed |= F_RELEASE;
    if (fmtMask && !(formats[i] & fmtMask)) failed |= F_FORMAT;
    if (archMask && !(architectures[i] & archMask)) failed |= F_ARCH;
    if (ramMax >= 0 && (ramLevel[i] < 0 || ramLevel[i] > ramMax)) failed |= F_RAM;
    if (sizeMax >= 0 && (sizeLevel[i] < 0 || sizeLevel[i] > sizeMax)) failed |= F_SIZE;
    // A row failing two filters counts nowhere; failing one, it counts only for that facet.
    if (failed & (failed - 1)) continue;
    if (failed === 0) {
      total++;
      if (!afterKeys || order.isAfter(i, afterKeys.keys, afterKeys.id)) heap.push(i);
    }
    if ((failed === 0 || failed === F_CATEGORY) && category[i] >= 0) catCounts[category[i]]++;
    if ((failed === 0 || failed === F_OS) && os[i] >= 0) osCounts[os[i]]++;
    if ((failed === 0 || failed === F_LICENSE) && license[i] >= 0) licCounts[license[i]]++;
    if ((failed === 0 || failed === F_RELEASE) && release[i] >= 0) relCounts[release[i]]++;
    if (failed === 0 || failed === F_FORMAT) {
      for (let m = formats[i], b = 0; m; m >>= 1, b++) if (m & 1) fmtCounts[b]++;
    }
    if (failed === 0 || failed === F_ARCH) {
      for (let m = architectures[i], b = 0; m; m >>= 1, b++) if (m & 1) archCounts[b]++;
    }
    if ((failed === 0 || failed === F_RAM) && ramLevel[i] >= 0) ramLevels[ramLevel[i]]++;
    if ((failed === 0 || failed === F_SIZE) && sizeLevel[i] >= 0) sizeLevels[sizeLevel[i]]++;
  }

  const sorted = heap.sorted();
  const window = sorted.slice(request.offset, request.offset + request.limit + 1);
  const page = window.slice(0, request.limit);
  const cumulative = (levels: Int32Array, keys: readonly string[]) => {
    const out = new Map<string, number>();
    let sum = 0;
    keys.forEach((key, b) => {
      sum += levels[b];
      out.set(key, sum);
    });
    return out;
  };
  const nonZero = (counts: Int32Array) => {
    const out = new Map<number, number>();
    counts.forEach((c, i) => c > 0 && out.set(i, c));
    return out;
  };
  return {
    total,
    page,
    hasMore: window.length > request.limit,
    keys: page.map((i) => order.keys(i)),
    counts: {
      category: nonZero(catCounts),
      os: nonZero(osCounts),
      license: nonZero(licCounts),
      release: nonZero(relCounts),
      format: new Map(FILE_FORMATS.flatMap((name, b) => (fmtCounts[b] ? [[name, fmtCounts[b]] as const] : []))),
      arch: new Map(ARCHITECTURES.flatMap((name, b) => (archCounts[b] ? [[name, archCounts[b]] as const] : []))),
      minRam: cumulative(ramLevels, RAM_BUCKETS.map((b) => b.key)),
      maxSize: cumulative(sizeLevels, SIZE_BUCKETS.map((b) => b.key)),
    },
  };
}

interface Order {
  /** Negative when slot a comes first. */
  compareSlots(a: number, b: number): number;
  isAfter(slot: number, keys: number[], id: string): boolean;
  keys(slot: number): number[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each sort as key columns, compared descending (or ascending for size), ids ascending last. */
function comparator(table: FacetTable, sort: SearchSort, rank: Float64Array): Order {
  const columns: { values: Float64Array; desc: boolean }[] =
    sort === 'relevance'
      ? [{ values: rank.length ? rank : new Float64Array(table.length), desc: true }, { values: table.downloads, desc: true }]
      : sort === 'downloads'
        ? [{ values: table.downloads, desc: true }]
        : sort === 'rating'
          ? [{ values: table.ratingAvg, desc: true }, { values: table.ratingCount, desc: true }]
          : sort === 'newest'
            ? [{ values: table.publishedMs, desc: true }]
            : [{ values: table.sizeKey, desc: false }];
  const ids = table.ids;
  const compareKeys = (a: (c: number) => number, aId: string, b: (c: number) => number, bId: string) => {
    for (let c = 0; c < columns.length; c++) {
      const x = a(c);
      const y = b(c);
      if (x !== y) return columns[c].desc ? (x > y ? -1 : 1) : x < y ? -1 : 1;
    }
    return byId(aId, bId);
  };
  return {
    compareSlots: (a, b) => compareKeys((c) => columns[c].values[a], ids[a]!, (c) => columns[c].values[b], ids[b]!),
    isAfter: (slot, keys, id) => compareKeys((c) => columns[c].values[slot], ids[slot]!, (c) => keys[c], id) > 0,
    keys: (slot) => columns.map((col) => col.values[slot]),
  };
}

/** Keeps the `capacity` first items under `compare` (a max-heap on the worst kept item). */
export class BoundedHeap {
  private readonly items: number[] = [];
  constructor(
    private readonly capacity: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  push(item: number) {
    const h = this.items;
    if (h.length < this.capacity) {
      h.push(item);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.compare(h[i], h[p]) <= 0) break;
        [h[i], h[p]] = [h[p], h[i]];
        i = p;
      }
      return;
    }
    if (this.compare(item, h[0]) >= 0) return;
    h[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.compare(h[l], h[worst]) > 0) worst = l;
      if (r < h.length && this.compare(h[r], h[worst]) > 0) worst = r;
      if (worst === i) break;
      [h[i], h[worst]] = [h[worst], h[i]];
      i = worst;
    }
  }

  sorted(): number[] {
    return [...this.items].sort(this.compare);
  }
}
