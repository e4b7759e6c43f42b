import { parseVersion, type VersionIdentifier } from './parse-version';

/*
 * The key uses only the characters 0-9 and a-z, whose order is the same in byte order
 * (COLLATE "C"), ICU and glibc locale collations, so ORDER BY works whatever the column's
 * collation. Every part is self-delimiting and designed so that byte order = compareVersions:
 *
 *   key        = release "0" prerelease build "1" hex(raw)
 *   release    = ("1" number)*            trailing zero segments dropped; "0" ends it (< "1")
 *   number     = 2-digit length, digits   no leading zeros; zero is "00"
 *   prerelease = "9"                      for a release: after every pre-release
 *              | identifier+ "1"          "1" ends the list, so a prefix list comes first
 *   identifier = "2" number               numbers before words
 *              | "3" letters "0"          lower-cased; "0" ends the word (< "a")
 *   build      = identifier*              before the "1" that ends it
 *   hex(raw)   = the raw string, two hex digits per character: ties broken by the raw bytes.
 */

function number(digits: string): string {
  const significant = digits === '0' ? '' : digits;
  return String(significant.length).padStart(2, '0') + significant;
}

function identifier(id: VersionIdentifier): string {
  return id.kind === 'number' ? `2${number(id.digits)}` : `3${id.text}0`;
}

/** A string whose byte order equals `compareVersions` order (for SQL ORDER BY). Throws on an invalid version. */
export function versionSortKey(version: string): string {
  const parsed = parseVersion(version);
  const release = [...parsed.release];
  while (release.length > 0 && release[release.length - 1] === '0') release.pop();
  const releaseKey = release.map((digits) => `1${number(digits)}`).join('') + '0';
  const prereleaseKey = parsed.prerelease.length === 0 ? '9' : parsed.prerelease.map(identifier).join('') + '1';
  const buildKey = parsed.build.map(identifier).join('') + '1';
  const rawKey = Array.from(version, (ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return releaseKey + prereleaseKey + buildKey + rawKey;
}
