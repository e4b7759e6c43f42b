// Every state-changing API route refuses a cross-site request that rides on a session cookie.
// The routes are enumerated from the route table (every app/api/v1/**/route.ts and each POST,
// PUT, PATCH and DELETE it exports), so a route added tomorrow is attacked here too.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { createTestUser } from '@/lib/test-support/factories';
import { call, publisherWithVersion, sessionCookie } from '@/lib/server/publishing/__tests__/api-helpers';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const root = path.resolve(import.meta.dirname, '../../../..');
const apiDir = path.join(root, 'app/api/v1');
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    return d.name === 'route.ts' ? [full] : [];
  });
}

interface MutatingRoute {
  name: string;
  method: string;
  url: string;
  params: Record<string, string>;
  handler: Handler;
}

async function mutatingRoutes(): Promise<MutatingRoute[]> {
  const out: MutatingRoute[] = [];
  for (const file of routeFiles(apiDir).sort()) {
    const rel = path.relative(path.join(root, 'app'), path.dirname(file));
    const params = Object.fromEntries([...rel.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => [m[1], m[1] === 'partNumber' ? '1' : `x${m[1]}`]));
    const url = `/${rel.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, p: string) => params[p])}`;
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of MUTATING) {
      if (typeof mod[method] === 'function') out.push({ name: `${method} /${rel}`, method, url, params, handler: mod[method] as Handler });
    }
  }
  return out;
}

const site = () => new URL(process.env.PUBLIC_URL!).origin;
const attacks: [string, Record<string, string>][] = [
  ['a cross-site browser request', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
  ['a same-site request from a sibling host', { origin: 'http://evil.localhost', 'sec-fetch-site': 'same-site' }],
  ['a foreign Origin without Sec-Fetch-Site', { origin: 'https://evil.example' }],
  ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ['a text/plain form-style body from another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }],
];

let routes: MutatingRoute[];
let cookie: string;
beforeAll(async () => {
  routes = await mutatingRoutes();
  // A user with every role, so that nothing but the cross-site rule could refuse the request.
  const user = await createTestUser({ roles: ['DEVELOPER', 'JUDGE', 'ADMIN'] });
  cookie = await sessionCookie(user.email);
});

describe('cross-site writes to the API', () => {
  it('finds every mutating handler the route files declare', () => {
    // Read the sources too: each `export const POST = …` (or function) must be among the handlers found.
    const declared = routeFiles(apiDir).flatMap((file) => {
      const rel = path.relative(path.join(root, 'app'), path.dirname(file));
      const text = fs.readFileSync(file, 'utf8');
      return [...text.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\b(POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1] ?? m[2]} /${rel}`);
    });
    expect(routes.map((r) => r.name).sort()).toEqual([...new Set(declared)].sort());
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => r.name)).toContain('POST /api/v1/publish/versions/[id]/release');
    expect(routes.map((r) => r.name)).toContain('DELETE /api/v1/uploads/[uploadId]');
  });

  it('refuses every cookie-authenticated mutating route, for every kind of cross-site request, with 403 CROSS_SITE', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const [what, headers] of attacks) {
        const res = await call(route.handler, { method: route.method, path: route.url, params: route.params, cookie, headers: { 'sec-fetch-site': '', origin: '', ...headers }, body: {} });
        if (res.status !== 403 || res.json?.code !== 'CROSS_SITE' || res.headers.get('content-type') !== 'application/problem+json') {
          failures.push(`${route.name} accepted ${what}: ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses the body-less POST that released a version from another origin, and releases nothing', async () => {
    const a = await publisherWithVersion();
    const ownerCookie = await sessionCookie(a.owner.email);
    const release = routes.find((r) => r.name === 'POST /api/v1/publish/versions/[id]/release')!;
    for (const [, headers] of attacks) {
      const res = await call(release.handler, { method: 'POST', cookie: ownerCookie, params: { id: a.version.id }, headers: { 'sec-fetch-site': '', origin: '', ...headers } });
      expect(res.status).toBe(403);
    }
    expect((await db.applianceVersion.findUniqueOrThrow({ where: { id: a.version.id } })).status).toBe('DRAFT');
    // From the site itself the same request reaches the service (which has its own reasons to refuse a version without files).
    const own = await call(release.handler, { method: 'POST', cookie: ownerCookie, params: { id: a.version.id } });
    expect(own.json?.code).not.toBe('CROSS_SITE');
    expect(own.status).not.toBe(403);
  });

  it('lets the site’s own pages through: Sec-Fetch-Site same-origin, or an Origin that is the site’s, or its Host’s', async () => {
    const a = await publisherWithVersion();
    const ownerCookie = await sessionCookie(a.owner.email);
    const patch = routes.find((r) => r.name === 'PATCH /api/v1/publish/appliances/[id]')!;
    const host = new URL(site()).host;
    const variants: Record<string, string>[] = [{ 'sec-fetch-site': 'same-origin' }, { origin: site() }, { origin: `http://${host}`, host }];
    for (const headers of variants) {
      const res = await call(patch.handler, { method: 'PATCH', cookie: ownerCookie, params: { id: a.appliance.id }, headers: { origin: '', 'sec-fetch-site': '', ...headers }, body: { name: 'Renamed here' } });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    expect((await db.appliance.findUniqueOrThrow({ where: { id: a.appliance.id } })).name).toBe('Renamed here');
  });

  it('lets API tokens through from anywhere: a token is not an ambient credential', async () => {
    const a = await publisherWithVersion();
    const patch = routes.find((r) => r.name === 'PATCH /api/v1/publish/appliances/[id]')!;
    const res = await call(patch.handler, { method: 'PATCH', token: a.token, params: { id: a.appliance.id }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, body: { name: 'Renamed by apx' } });
    expect(res.status).toBe(200);
  });

  it('lets anonymous non-browser requests through to the route’s own answer (they act as nobody)', async () => {
    const release = routes.find((r) => r.name === 'POST /api/v1/publish/versions/[id]/release')!;
    const res = await call(release.handler, { method: 'POST', params: { id: 'nothing' } });
    expect(res.status).toBe(401);
  });
});
