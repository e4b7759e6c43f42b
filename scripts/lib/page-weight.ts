// What a page costs a first-time visitor: the JavaScript it transfers (bytes on the wire, as the
// server encoded them), and what Next.js prefetches from it. Shared by `npm run bench -- weight`
// and the e2e test that holds the line (e2e/page-weight.spec.ts).
import type { Browser, Request } from 'playwright-core';

export interface ScriptLoad {
  path: string;
  /** Body bytes as transferred (gzip when the server compressed it). */
  bytes: number;
  encoding: string;
  /** Which known heavy library this chunk carries, if any. */
  carries: Heavy[];
}

export type Heavy = 'chart' | 'emulator' | 'terminal' | 'zod' | 'uploader';

export interface PageWeight {
  path: string;
  scripts: ScriptLoad[];
  jsBytes: number;
  /** Router prefetches (RSC requests made before any navigation), path + query, in order. */
  prefetches: string[];
  /** Prefetches of /api/ routes: never wanted. */
  apiPrefetches: string[];
  /** URLs prefetched more than once. */
  duplicatePrefetches: string[];
  /** Every request path the page made under /api/. */
  apiRequests: string[];
  carries: Heavy[];
}

/**
 * Strings that appear only in each library's code (class names, error texts the minifier keeps).
 * Chunk names are hashes, so the content is what tells.
 */
const MARKERS: Record<Heavy, RegExp> = {
  chart: /recharts-(wrapper|surface|tooltip-wrapper)/,
  emulator: /libv86|v86\.wasm|V86Starter|emulator_bundle/,
  terminal: /xterm-helper-textarea/,
  zod: /_zod\b|ZodError|\$ZodType/,
  uploader: /uppy-Dashboard|@uppy\/core/,
};

function isRouterFetch(request: Request): boolean {
  const h = request.headers();
  return h['rsc'] === '1' || h['next-router-prefetch'] === '1';
}

/** Loads `url` in a fresh, cookie-less context (or `storageState`) and records its JS and prefetches. */
export async function measurePage(
  browser: Browser,
  baseURL: string,
  pagePath: string,
  options: { storageState?: string; settleMs?: number } = {},
): Promise<PageWeight> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 900 }, storageState: options.storageState });
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const scripts: ScriptLoad[] = [];
  const prefetches: string[] = [];
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    const u = new URL(request.url());
    if (u.origin !== new URL(baseURL).origin) return;
    if (u.pathname.startsWith('/api/')) apiRequests.push(u.pathname);
    if (isRouterFetch(request)) {
      u.searchParams.delete('_rsc');
      prefetches.push(`${u.pathname}${u.search}`);
    }
  });
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return;
        const [sizes, body, headers] = await Promise.all([request.sizes(), response.body(), response.allHeaders()]);
        const text = body.toString('utf8');
        const carries = (Object.keys(MARKERS) as Heavy[]).filter((k) => MARKERS[k].test(text) || (k === 'emulator' && new URL(request.url()).pathname.startsWith('/v86/')));
        scripts.push({ path: new URL(request.url()).pathname, bytes: sizes.responseBodySize, encoding: headers['content-encoding'] ?? 'identity', carries });
      })(),
    );
  });
  try {
    await page.goto(pagePath, { waitUntil: 'networkidle' });
    // Prefetches are scheduled when the browser is idle: give them time, then let them finish.
    await page.waitForTimeout(options.settleMs ?? 2000);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
  } finally {
    await context.close();
  }
  const seen = new Map<string, number>();
  for (const p of prefetches) seen.set(p, (seen.get(p) ?? 0) + 1);
  return {
    path: pagePath,
    scripts,
    jsBytes: scripts.reduce((s, x) => s + x.bytes, 0),
    prefetches,
    apiPrefetches: prefetches.filter((p) => p.startsWith('/api/')),
    duplicatePrefetches: [...seen].filter(([, n]) => n > 1).map(([p]) => p),
    apiRequests,
    carries: [...new Set(scripts.flatMap((s) => s.carries))],
  };
}
