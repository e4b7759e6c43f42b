// The metrics label for a request path: the route pattern Next.js matched ("/api/v1/files/[id]/download"),
// never the raw path, so labels stay few however many ids and slugs users send.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface RoutesManifest {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}

export type RouteLabeler = (pathname: string) => string;

export function routeLabeler(manifest: RoutesManifest): RouteLabeler {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamics = (manifest.dynamicRoutes ?? []).flatMap((r) => {
    try {
      return [{ page: r.page, regex: new RegExp(r.regex) }];
    } catch {
      return [];
    }
  });
  return (pathname) => {
    if (pathname.startsWith('/_next/')) return pathname.startsWith('/_next/static/') ? '/_next/static' : '/_next/other';
    const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    if (statics.has(p)) return p;
    for (const d of dynamics) if (d.regex.test(p)) return d.page;
    return 'unmatched';
  };
}

/** Reads the build's routes manifest; without one every path is "unmatched". */
export function routeLabelerFromBuild(distDir: string): RouteLabeler {
  try {
    return routeLabeler(JSON.parse(readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8')) as RoutesManifest);
  } catch {
    return routeLabeler({});
  }
}
