/**
 * Version strings as publishers write them: `1.2.3`, `v1.2`, `2.0-rc.1`, `1.0rc1`, `1.0.0+build.5`,
 * `2024.01.15`. Allowed characters are letters, digits, `.`, `-`, `+`, `_`; at most 64 of them,
 * starting with a letter or digit (so a version never looks like a command-line option).
 */

export const MAX_VERSION_LENGTH = 64;
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** One identifier of a pre-release or build suffix: a number, or a run of letters (lower-cased). */
export type VersionIdentifier = { kind: 'number'; digits: string } | { kind: 'word'; text: string };

export interface ParsedVersion {
  /** The string as given. */
  raw: string;
  /** Numeric release segments, leading zeros removed (`'0'` for zero), e.g. `1.02.0` → ['1','2','0']. */
  release: string[];
  /** Pre-release identifiers; empty for a release. `-rc.1`, `rc1` and `_RC-1` all give [rc, 1]. */
  prerelease: VersionIdentifier[];
  /** Build metadata after `+`: ignored for precedence, used only to break ties. */
  build: VersionIdentifier[];
}

export function isValidVersion(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_VERSION_LENGTH && VERSION_PATTERN.test(value);
}

/** Digits without leading zeros; zero is `'0'`. */
function normaliseDigits(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Splits a suffix at separators and at letter/digit boundaries: `-rc.1` and `rc1` → [rc, 1]. */
function identifiers(text: string): VersionIdentifier[] {
  return (text.match(/[0-9]+|[A-Za-z]+/g) ?? []).map((part) =>
    /^[0-9]/.test(part) ? { kind: 'number', digits: normaliseDigits(part) } : { kind: 'word', text: part.toLowerCase() },
  );
}

/**
 * Splits a version into release segments, pre-release and build identifiers. A leading `v`/`V`
 * before a digit is dropped; the release is the leading run of numbers joined by `.` or `_`;
 * whatever follows before `+` (after a `-`, `.`, `_` or directly, as in `1.0rc1`) is the
 * pre-release; everything after the first `+` is build metadata. Throws on an invalid version.
 */
export function parseVersion(raw: string): ParsedVersion {
  if (!isValidVersion(raw)) {
    throw new RangeError(
      `invalid version ${JSON.stringify(raw)}: use 1-${MAX_VERSION_LENGTH} letters, digits, ".", "-", "+", "_", starting with a letter or digit`,
    );
  }
  const body = /^[vV][0-9]/.test(raw) ? raw.slice(1) : raw;
  const plus = body.indexOf('+');
  const main = plus < 0 ? body : body.slice(0, plus);
  const buildText = plus < 0 ? '' : body.slice(plus + 1);
  const releaseText = /^[0-9]+(?:[._][0-9]+)*/.exec(main)?.[0] ?? '';
  return {
    raw,
    release: releaseText ? releaseText.split(/[._]/).map(normaliseDigits) : [],
    prerelease: identifiers(main.slice(releaseText.length)),
    build: identifiers(buildText),
  };
}
