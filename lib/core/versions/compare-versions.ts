import { parseVersion, type ParsedVersion, type VersionIdentifier } from './parse-version';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Compares normalised digit strings as numbers of any size. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return sign(a.length - b.length);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Missing release segments count as zero: 1.0 and 1.0.0 have the same precedence. */
function compareRelease(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

/** As SemVer: numbers below words, numbers by value, words alphabetically (case-insensitive). */
function compareIdentifier(a: VersionIdentifier, b: VersionIdentifier): number {
  if (a.kind === 'number' && b.kind === 'number') return compareDigits(a.digits, b.digits);
  if (a.kind === 'word' && b.kind === 'word') return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  return a.kind === 'number' ? -1 : 1;
}

/** Identifier by identifier; a list that is a prefix of the other comes first (alpha < alpha.1). */
function compareIdentifiers(a: VersionIdentifier[], b: VersionIdentifier[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareIdentifier(a[i], b[i]);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** Precedence only: release, then pre-release (a release outranks its pre-releases). Build ignored. */
export function compareParsedPrecedence(a: ParsedVersion, b: ParsedVersion): number {
  const release = compareRelease(a.release, b.release);
  if (release !== 0) return release;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return sign(b.prerelease.length - a.prerelease.length);
  return compareIdentifiers(a.prerelease, b.prerelease);
}

/**
 * -1, 0 or 1: whether `a` is older, the same as, or newer than `b` in the sense of "which is the
 * newer release", ignoring build metadata and spelling (1.0 ≡ 1.0.0 ≡ v1.0 ≡ 1.0+build.5).
 */
export function compareVersionPrecedence(a: string, b: string): number {
  return compareParsedPrecedence(parseVersion(a), parseVersion(b));
}

/**
 * A total order on version strings for sorting: precedence first (1.9 < 1.10 < 2.0-rc.1 < 2.0),
 * then, between versions of equal precedence, build metadata (none first, then compared like a
 * pre-release), then the raw string. So it returns 0 only for identical strings and sorting is
 * stable across runs. Throws on an invalid version. `versionSortKey` orders the same way.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  const precedence = compareParsedPrecedence(pa, pb);
  if (precedence !== 0) return precedence;
  const build = compareIdentifiers(pa.build, pb.build);
  if (build !== 0) return build;
  return a < b ? -1 : 1;
}
