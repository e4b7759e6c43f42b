// What a catalog search asks for, and how that state reads and writes as a URL query string. Pure:
// shared by the browse page (server), its links, the API route and the tests.
import { z } from 'zod';
import { SEARCH_SORTS, SORT_LABELS, type SearchSort } from '@/lib/core/catalog/search-sorts';

export { SEARCH_SORTS, SORT_LABELS, type SearchSort };

export const FILE_FORMATS = ['OVA', 'OVF', 'VMDK', 'QCOW2', 'RAW', 'ISO', 'VAGRANT_BOX'] as const;
export type FileFormatName = (typeof FILE_FORMATS)[number];
export const ARCHITECTURES = ['AMD64', 'ARM64', 'I386'] as const;
export type ArchitectureName = (typeof ARCHITECTURES)[number];

/** "Needs at most this much memory": cumulative, so a user picks what their machine has. */
export const RAM_BUCKETS = [
  { key: '512m', mib: 512, label: 'Up to 512 MiB' },
  { key: '1g', mib: 1024, label: 'Up to 1 GiB' },
  { key: '2g', mib: 2048, label: 'Up to 2 GiB' },
  { key: '4g', mib: 4096, label: 'Up to 4 GiB' },
  { key: '8g', mib: 8192, label: 'Up to 8 GiB' },
] as const;

const MiB = 1024 ** 2;
/** "Downloads at most this much": cumulative, on the default file of the newest release (lib/core/launch/default-file.ts). */
export const SIZE_BUCKETS = [
  { key: '100m', bytes: 100 * MiB, label: 'Under 100 MiB' },
  { key: '500m', bytes: 500 * MiB, label: 'Under 500 MiB' },
  { key: '1g', bytes: 1024 * MiB, label: 'Under 1 GiB' },
  { key: '5g', bytes: 5 * 1024 * MiB, label: 'Under 5 GiB' },
  { key: '20g', bytes: 20 * 1024 * MiB, label: 'Under 20 GiB' },
] as const;

export type RamBucket = (typeof RAM_BUCKETS)[number]['key'];
export type SizeBucket = (typeof SIZE_BUCKETS)[number]['key'];

export const MAX_QUERY_LENGTH = 200;
export const MAX_VALUES_PER_FACET = 20;
export const MAX_PAGE = 500;
export const DEFAULT_LIMIT = 24;
export const MAX_LIMIT = 100;

export interface SearchFilters {
  category: string[];
  os: string[];
  format: FileFormatName[];
  arch: ArchitectureName[];
  license: string[];
  /** OS release read from the disk ("Debian 12", "Alpine 3.20"). */
  release: string[];
  minRam: RamBucket | null;
  maxSize: SizeBucket | null;
}

export interface SearchRequest extends SearchFilters {
  q: string;
  sort: SearchSort;
  limit: number;
  /** 1-based page for the browse page (offset pagination). */
  page: number;
  /** Opaque keyset cursor for the API; wins over `page`. */
  cursor: string | null;
}

/**
 * Free text as searched: NFKC-normalised, control characters (NUL included, which PostgreSQL text
 * cannot hold) and lone surrogates replaced by spaces, whitespace collapsed, capped in length.
 */
export function normaliseQuery(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/[\ud800-\udbff]$/, '')
    .trim();
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const OS_FAMILY = /^[a-z0-9][a-z0-9_-]{0,31}$/;

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

function all(params: Raw, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Values may repeat (`format=ova&format=qcow2`) or come comma-separated (`format=ova,qcow2`). */
function list(params: Raw, key: string): string[] {
  return all(params, key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)].slice(0, MAX_VALUES_PER_FACET);
}

export interface ParseProblem {
  field: string;
  message: string;
}

/**
 * Reads a search from query parameters. Never throws: values it cannot use are dropped and
 * reported in `problems` (the browse page ignores them, the API answers 422 with them).
 */
export function parseSearchParams(params: Raw): { request: SearchRequest; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const first = (key: string) => all(params, key)[0];

  const q = normaliseQuery(first('q') ?? '');

  const pick = <T extends string>(key: string, allowed: readonly T[], normalise: (v: string) => string): T[] => {
    const out: T[] = [];
    for (const v of list(params, key)) {
      const n = normalise(v);
      if ((allowed as readonly string[]).includes(n)) out.push(n as T);
      else problems.push({ field: key, message: `Unknown ${key} "${v.slice(0, 40)}".` });
    }
    return unique(out);
  };
  const format = pick('format', FILE_FORMATS, (v) => v.toUpperCase().replace(/-/g, '_'));
  const arch = pick('arch', ARCHITECTURES, (v) => v.toUpperCase());

  const matching = (key: string, pattern: RegExp, normalise: (v: string) => string = (v) => v) => {
    const out: string[] = [];
    for (const v of list(params, key)) {
      const n = normalise(v);
      if (pattern.test(n)) out.push(n);
      else problems.push({ field: key, message: `Invalid ${key} "${v.slice(0, 40)}".` });
    }
    return unique(out);
  };
  const category = matching('category', SLUG, (v) => v.toLowerCase());
  const os = matching('os', OS_FAMILY, (v) => v.toLowerCase());
  // Licences are free text (SPDX ids mostly): any printable value up to 64 characters.
  const license = unique(
    all(params, 'license')
      .map((v) => v.trim())
      .filter((v) => {
        const ok = v.length > 0 && v.length <= 64 && !/[\u0000-\u001f\u007f]/.test(v);
        if (!ok && v) problems.push({ field: 'license', message: 'Invalid license.' });
        return ok;
      }),
  );

  // OS releases are labels read from disks ("Debian 12"): printable, up to 60 characters.
  const release = unique(
    list(params, 'release').filter((v) => {
      const ok = v.length <= 60 && !/[\u0000-\u001f\u007f]/.test(v);
      if (!ok) problems.push({ field: 'release', message: 'Invalid release.' });
      return ok;
    }),
  );

  const bucket = <T extends string>(key: string, keys: readonly T[]): T | null => {
    const v = first(key)?.toLowerCase();
    if (!v) return null;
    if ((keys as readonly string[]).includes(v)) return v as T;
    problems.push({ field: key, message: `Choose one of ${keys.join(', ')}.` });
    return null;
  };
  const minRam = bucket<RamBucket>('minRam', RAM_BUCKETS.map((b) => b.key));
  const maxSize = bucket<SizeBucket>('maxSize', SIZE_BUCKETS.map((b) => b.key));

  const sortRaw = first('sort');
  let sort: SearchSort = q ? 'relevance' : 'downloads';
  if (sortRaw) {
    if ((SEARCH_SORTS as readonly string[]).includes(sortRaw)) sort = sortRaw as SearchSort;
    else problems.push({ field: 'sort', message: `Choose one of ${SEARCH_SORTS.join(', ')}.` });
  }

  const int = (key: string, min: number, max: number, fallback: number) => {
    const v = first(key);
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push({ field: key, message: `Use a whole number from ${min} to ${max}.` });
      return fallback;
    }
    return n;
  };
  const limit = int('limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  const page = int('page', 1, MAX_PAGE, 1);
  const cursorRaw = first('cursor');
  const cursor = cursorRaw && cursorRaw.length <= 512 && /^[A-Za-z0-9_-]+$/.test(cursorRaw) ? cursorRaw : null;
  if (cursorRaw && !cursor) problems.push({ field: 'cursor', message: 'The cursor is not one this API handed out.' });

  return { request: { q, sort, limit, page, cursor, category, os, format, arch, license, release, minRam, maxSize }, problems };
}

/** The query string for a search (browse page links): defaults left out, stable order. */
export function searchQueryString(r: Partial<SearchRequest>): string {
  const p = new URLSearchParams();
  if (r.q) p.set('q', r.q);
  for (const v of r.category ?? []) p.append('category', v);
  for (const v of r.os ?? []) p.append('os', v);
  for (const v of r.format ?? []) p.append('format', v.toLowerCase());
  for (const v of r.arch ?? []) p.append('arch', v.toLowerCase());
  for (const v of r.license ?? []) p.append('license', v);
  for (const v of r.release ?? []) p.append('release', v);
  if (r.minRam) p.set('minRam', r.minRam);
  if (r.maxSize) p.set('maxSize', r.maxSize);
  const defaultSort = r.q ? 'relevance' : 'downloads';
  if (r.sort && r.sort !== defaultSort) p.set('sort', r.sort);
  // A page size someone chose stays with them through every link (page numbers depend on it).
  if (r.limit && r.limit !== DEFAULT_LIMIT) p.set('limit', String(r.limit));
  if (r.page && r.page > 1) p.set('page', String(r.page));
  return p.toString();
}

export function hasFilters(f: SearchFilters): boolean {
  return f.category.length + f.os.length + f.format.length + f.arch.length + f.license.length + f.release.length > 0 || !!f.minRam || !!f.maxSize;
}

/** zod view of the same parameters, for the OpenAPI document (parsing goes through parseSearchParams). */
export const searchQuerySchema = z.object({
  q: z.string().max(1000).optional().meta({ description: `Free text; typos tolerated. Longer input is cut to ${MAX_QUERY_LENGTH} characters.`, example: 'postgres' }),
  category: z.string().optional().meta({ description: 'Category slug; repeat or comma-separate for several (any of them).', example: 'databases' }),
  os: z.string().optional().meta({ description: 'OS family (linux, windows, bsd, solaris, other); repeatable.', example: 'linux' }),
  format: z.string().optional().meta({ description: `File format (${FILE_FORMATS.map((f) => f.toLowerCase()).join(', ')}); repeatable.`, example: 'qcow2' }),
  arch: z.string().optional().meta({ description: 'Architecture (amd64, arm64, i386); repeatable.', example: 'amd64' }),
  license: z.string().optional().meta({ description: 'Licence as published (usually an SPDX id); repeatable.', example: 'MIT' }),
  release: z.string().optional().meta({ description: 'OS release read from the disk, as the `release` facet lists it; repeatable.', example: 'Debian 12' }),
  minRam: z.enum(RAM_BUCKETS.map((b) => b.key)).optional().meta({ description: 'Only appliances needing at most this much memory.' }),
  maxSize: z.enum(SIZE_BUCKETS.map((b) => b.key)).optional().meta({ description: 'Only appliances whose default download (the size `downloadSizeBytes` gives) is under this size.' }),
  sort: z.enum(SEARCH_SORTS).optional().meta({ description: 'Order; relevance (the default with q) or downloads (the default without).' }),
  cursor: z.string().optional().meta({ description: 'Opaque cursor from a previous page\'s nextCursor.' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().meta({ description: `Items per page (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}).` }),
});
