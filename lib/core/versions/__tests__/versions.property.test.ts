import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersionPrecedence, compareVersions, isValidVersion, versionSortKey } from '@/lib/core/versions/index';

const number = fc.oneof(
  fc.integer({ min: 0, max: 12 }).map(String),
  fc.stringMatching(/^[0-9]{1,12}$/), // leading zeros and big numbers
);
const word = fc.constantFrom('alpha', 'beta', 'rc', 'RC', 'pre', 'a', 'b', 'dev', 'Final', 'snapshot');
const identifier = fc.oneof(number, word);
const sep = fc.constantFrom('.', '-', '_', '');
const structured = fc
  .record({
    v: fc.constantFrom('', '', 'v', 'V'),
    release: fc.array(number, { minLength: 0, maxLength: 5 }),
    releaseSep: fc.constantFrom('.', '.', '_'),
    pre: fc.option(fc.tuple(fc.constantFrom('-', '', '.', '_'), fc.array(fc.tuple(identifier, sep), { minLength: 1, maxLength: 3 }))),
    build: fc.option(fc.array(identifier, { minLength: 1, maxLength: 3 })),
  })
  .map(({ v, release, releaseSep, pre, build }) => {
    let s = release.length ? v + release.join(releaseSep) : '';
    if (pre) s += pre[0] + pre[1].map(([id, s2]) => id + s2).join('');
    if (build) s += `+${build.join('.')}`;
    return s;
  });
const junk = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,20}$/);
const version = fc.oneof(structured, structured, junk).filter(isValidVersion);

const sign = (n: number) => Math.sign(n);
const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1'));
const runs = { numRuns: 2000 };

describe('compareVersions is a total order and versionSortKey agrees with it (property tests)', () => {
  it('antisymmetric, and 0 exactly for identical strings', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(sign(compareVersions(a, b))).toBe(-sign(compareVersions(b, a)));
        expect(compareVersions(a, b) === 0).toBe(a === b);
      }),
      runs,
    );
  });

  it('transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        // Every ordering of the three, so the premise holds for at least one of them.
        for (const [x, y, z] of [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]]) {
          if (compareVersions(x, y) <= 0 && compareVersions(y, z) <= 0) expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
          // precedence, the coarser order, is transitive too
          if (compareVersionPrecedence(x, y) <= 0 && compareVersionPrecedence(y, z) <= 0) {
            expect(compareVersionPrecedence(x, z)).toBeLessThanOrEqual(0);
          }
        }
      }),
      runs,
    );
  });

  it('the byte order of sort keys is compareVersions order, pair by pair', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(sign(byteCompare(versionSortKey(a), versionSortKey(b)))).toBe(sign(compareVersions(a, b)));
      }),
      runs,
    );
  });

  it('sorting by key equals sorting by compareVersions, also under a locale collation (ICU)', () => {
    const collator = new Intl.Collator('en');
    fc.assert(
      fc.property(fc.array(version, { maxLength: 30 }), (versions) => {
        const expected = [...versions].sort(compareVersions);
        const keyed = versions.map((v) => ({ v, key: versionSortKey(v) }));
        expect([...keyed].sort((p, q) => byteCompare(p.key, q.key)).map((p) => p.v)).toEqual(expected);
        expect([...keyed].sort((p, q) => collator.compare(p.key, q.key)).map((p) => p.v)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('build metadata and trailing zero segments never change precedence', () => {
    fc.assert(
      fc.property(version, version, fc.stringMatching(/^[a-z0-9]{1,6}$/), (a, b, build) => {
        fc.pre(!a.includes('+') && a.length + build.length < 60);
        expect(compareVersionPrecedence(`${a}+${build}`, b)).toBe(compareVersionPrecedence(a, b));
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 4 }), (segments) => {
        const v = segments.join('.');
        fc.pre(v.length < 60);
        expect(compareVersionPrecedence(v, `${v}.0`)).toBe(0);
        expect(compareVersions(v, `${v}.0`)).toBe(-1);
      }),
      runs,
    );
  });
});
