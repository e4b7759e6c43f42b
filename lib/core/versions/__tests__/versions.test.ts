import { describe, expect, it } from 'vitest';
import {
  compareVersionPrecedence,
  compareVersions,
  isValidVersion,
  MAX_VERSION_LENGTH,
  parseVersion,
  versionSortKey,
} from '@/lib/core/versions/index';

const byKey = (a: string, b: string) => {
  const ka = versionSortKey(a);
  const kb = versionSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

describe('compareVersions', () => {
  // Every adjacent pair is strictly ordered.
  const ordered = [
    'alpha',
    '0',
    '0.1',
    '0.9',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.9',
    '1.10',
    '1.99.9',
    '2.0',
    '2.0.0.1',
    '10.0-rc1',
    '10.0',
    '2024.01.15',
    '2024.02.01',
    '2024.10.01',
  ];

  it('orders versions as people expect (SemVer pre-releases, numeric segments)', () => {
    for (let i = 1; i < ordered.length; i++) {
      expect(compareVersions(ordered[i - 1], ordered[i]), `${ordered[i - 1]} < ${ordered[i]}`).toBe(-1);
      expect(compareVersions(ordered[i], ordered[i - 1]), `${ordered[i]} > ${ordered[i - 1]}`).toBe(1);
    }
    // 7 is coprime with the length, so this is a permutation, and far from sorted.
    const scrambled = ordered.map((_, i) => ordered[(i * 7) % ordered.length]);
    expect(new Set(scrambled).size).toBe(ordered.length);
    expect([...scrambled].sort(compareVersions)).toEqual(ordered);
    expect([...scrambled].sort(byKey)).toEqual(ordered);
  });

  it.each([
    ['1.10', '1.9', 1],
    ['2.0', '1.99.9', 1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0rc1', '1.0', -1],
    ['1.0-beta', '1.0rc1', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-RC.2', '1.0.0-rc.10', -1],
    ['1.' + '9'.repeat(40), '1.1' + '0'.repeat(40), -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected);
    expect(Math.sign(byKey(a, b))).toBe(expected);
  });

  it('treats spelling variants as equal precedence but breaks the tie stably', () => {
    const same = ['1.0+build.10', 'v1.0', '1.0.0', '1.0+build.9', 'V1.0.0', '1.0', '1.00', '1_0'];
    for (const v of same) expect(compareVersionPrecedence(v, '1.0')).toBe(0);
    const expected = ['1.0', '1.0.0', '1.00', '1_0', 'V1.0.0', 'v1.0', '1.0+build.9', '1.0+build.10'];
    expect([...same].sort(compareVersions)).toEqual(expected);
    expect([...same].sort(byKey)).toEqual(expected);
    expect(compareVersionPrecedence('1.0rc1', '1.0-rc.1')).toBe(0);
    expect(compareVersions('1.0-rc.1', '1.0rc1')).toBe(-1);
  });

  it('returns 0 only for identical strings', () => {
    expect(compareVersions('1.0', '1.0')).toBe(0);
    expect(compareVersions('1.0', '1.0.0')).not.toBe(0);
  });

  it('refuses invalid versions with a clear error', () => {
    expect(() => compareVersions('1.0', '1.0 beta')).toThrow(/invalid version "1.0 beta"/);
    expect(() => versionSortKey('')).toThrow(/invalid version/);
  });
});

describe('parseVersion and isValidVersion', () => {
  it('splits release, pre-release and build', () => {
    expect(parseVersion('v1.02.3-RC.1+build.5')).toEqual({
      raw: 'v1.02.3-RC.1+build.5',
      release: ['1', '2', '3'],
      prerelease: [{ kind: 'word', text: 'rc' }, { kind: 'number', digits: '1' }],
      build: [{ kind: 'word', text: 'build' }, { kind: 'number', digits: '5' }],
    });
    expect(parseVersion('1.0rc1').prerelease).toEqual(parseVersion('1.0-rc.1').prerelease);
    expect(parseVersion('beta').release).toEqual([]);
    expect(parseVersion('1.0.').prerelease).toEqual([]);
    expect(parseVersion('1.0+a+b').build).toEqual([{ kind: 'word', text: 'a' }, { kind: 'word', text: 'b' }]);
  });

  it.each(['1', 'v2', '1.2.3-rc.1+build.5', 'latest', '2024_01_15', 'x'.repeat(MAX_VERSION_LENGTH)])('accepts %j', (v) => {
    expect(isValidVersion(v)).toBe(true);
    expect(() => parseVersion(v)).not.toThrow();
  });

  it.each([
    '',
    '-1',
    '.1',
    '+build',
    '1.0 beta',
    '1.0/2',
    '1.0\n',
    '$(reboot)',
    'ü1',
    'x'.repeat(MAX_VERSION_LENGTH + 1),
  ])('refuses %j', (v) => {
    expect(isValidVersion(v)).toBe(false);
    expect(() => parseVersion(v)).toThrow(/invalid version/);
  });

  it('refuses non-strings', () => {
    expect(isValidVersion(1)).toBe(false);
    expect(isValidVersion(null)).toBe(false);
  });
});

describe('versionSortKey', () => {
  it('uses only 0-9 and a-z, so any collation sorts it like bytes', () => {
    for (const v of ['1.0', 'V1.0.0-RC.1+Build_7', 'x'.repeat(64)]) expect(versionSortKey(v)).toMatch(/^[0-9a-z]+$/);
  });

  it('is short enough for an indexed column', () => {
    expect(versionSortKey('1.'.repeat(31) + '99').length).toBeLessThan(512);
  });
});
