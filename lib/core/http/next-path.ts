// Where a sign-in or sign-up sends the person afterwards (`?next=`): only a page of this site.
// Pure: the forms, the pages and the server actions share it.

const BASE = 'http://next-path.invalid';
const MAX_LENGTH = 2000;
/** Control characters and whitespace: browsers drop tabs and newlines, so `/\t/evil.com` would become `//evil.com`. */
const UNSAFE_CHARACTER = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;

/**
 * `value` when it is a local path (`/browse?q=x#top`), normalised; `fallback` for anything else:
 * other sites (`//evil.com`, `/\evil.com`, `https://evil.com`), schemes (`javascript:`), relative
 * paths, control characters, API routes (a page is expected) and overlong values.
 */
export function safeNextPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // Browsers read a backslash in a URL's path as a slash: `/\evil.com` is `//evil.com` to them.
  if (value.includes('\\') || UNSAFE_CHARACTER.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('//') || path === '/api' || path.startsWith('/api/') || path.startsWith('/api?') || path.startsWith('/api#')) return fallback;
  return path;
}

/** `/sign-in?next=…` for a page, or plain `/sign-in` when the page is the home page (or not a safe path). */
export function signInHref(next: unknown, page: '/sign-in' | '/sign-up' = '/sign-in'): string {
  const path = safeNextPath(next, '/');
  return path === '/' ? page : `${page}?next=${encodeURIComponent(path)}`;
}
