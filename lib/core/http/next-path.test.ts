import { describe, expect, it } from 'vitest';
import { safeNextPath, signInHref } from '@/lib/core/http/next-path';

describe('safeNextPath (?next= after signing in)', () => {
  it('keeps local pages with their query and fragment', () => {
    expect(safeNextPath('/appliances/demo-labs/alpine-minimal#reviews')).toBe('/appliances/demo-labs/alpine-minimal#reviews');
    expect(safeNextPath('/browse?q=linux&category=databases')).toBe('/browse?q=linux&category=databases');
    expect(safeNextPath('/challenges/spring-2026')).toBe('/challenges/spring-2026');
    expect(safeNextPath('/')).toBe('/');
  });

  it('normalises dot segments and encodes what needs encoding, staying on the site', () => {
    expect(safeNextPath('/a/../browse')).toBe('/browse');
    expect(safeNextPath('/browse?q=ünï')).toBe('/browse?q=%C3%BCn%C3%AF');
    expect(safeNextPath('/%2F%2Fevil.com')).toBe('/%2F%2Fevil.com');
  });

  it.each([
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/sign-in'],
    ['backslash', '/\\evil.com'],
    ['backslash later', '/browse\\..\\\\evil.com'],
    ['double backslash', '\\\\evil.com'],
    ['absolute https', 'https://evil.com'],
    ['absolute http to this site', 'http://localhost:3000/account'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['slash then scheme', '/javascript:alert(1)'.replace('/', '')],
    ['tab inside', '/\t/evil.com'],
    ['newline inside', '/\n/evil.com'],
    ['carriage return', '/\r/evil.com'],
    ['leading space', ' /account'],
    ['NUL', '/account\u0000'],
    ['no-break space', '/\u00a0/evil.com'],
    ['line separator', '/\u2028/evil.com'],
    ['relative path', 'account'],
    ['dot relative', './account'],
    ['empty', ''],
    ['API route', '/api/auth/sign-out'],
    ['API root', '/api'],
    ['API via dot segment', '/x/../api/v1/appliances'],
    ['overlong', `/${'a'.repeat(2500)}`],
    ['user info trick', '/@evil.com'.replace('/', '//')],
  ])('refuses %s', (_name, value) => {
    expect(safeNextPath(value)).toBe('/');
    expect(safeNextPath(value, '/account')).toBe('/account');
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, ['/account'], { toString: () => '/account' }]) expect(safeNextPath(value)).toBe('/');
  });

  it('a path that only looks like a host stays a path on this site', () => {
    expect(safeNextPath('/evil.com')).toBe('/evil.com');
    expect(safeNextPath('/@evil.com')).toBe('/@evil.com');
  });
});

describe('signInHref', () => {
  it('carries the page in ?next=, encoded, and leaves the home page out', () => {
    expect(signInHref('/appliances/demo-labs/alpine-minimal#reviews')).toBe('/sign-in?next=%2Fappliances%2Fdemo-labs%2Falpine-minimal%23reviews');
    expect(signInHref('/browse?q=a&b=c', '/sign-up')).toBe('/sign-up?next=%2Fbrowse%3Fq%3Da%26b%3Dc');
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref('//evil.com')).toBe('/sign-in');
    expect(signInHref(null, '/sign-up')).toBe('/sign-up');
  });
});
