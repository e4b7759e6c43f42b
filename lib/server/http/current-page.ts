import 'server-only';
import { headers } from 'next/headers';
import { safeNextPath } from '@/lib/core/http/next-path';

/** The header proxy.ts sets on every page request: the path and query the person asked for. */
export const PAGE_PATH_HEADER = 'x-page-path';

/**
 * The page to come back to after signing in from the current page: the page itself, or, on the
 * sign-in and sign-up pages, the `next` they already carry. Always a safe local path.
 */
export async function returnPathForAuthLinks(): Promise<string> {
  const raw = (await headers()).get(PAGE_PATH_HEADER) ?? '/';
  const path = safeNextPath(raw);
  const url = new URL(path, 'http://page.invalid');
  if (url.pathname === '/sign-in' || url.pathname === '/sign-up') return safeNextPath(url.searchParams.get('next'));
  return path;
}
