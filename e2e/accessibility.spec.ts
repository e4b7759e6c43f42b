// Every page, as every role sees it, at a desktop and a phone size: no sideways scrolling and no
// axe violations of any impact (fixtures.ts AXE_TAGS). Pages are found the way a person finds
// them, by following the links each role is shown, starting from the site's entry points; every
// route under app/ is reached by some role. Screenshots of each page go to
// test-results/pages/<size>/<role>/ — look at them.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, DEMO, apiSignIn, axeViolations } from './fixtures';

// This spec runs axe itself on each page it opens, and says which page and size failed; its
// messages name the page and the element, so a trace of a hundred pages would only slow it down.
test.use({ auditEveryPage: false, trace: 'off' });

type Role = 'anonymous' | keyof typeof DEMO;
const ROLES: Role[] = ['anonymous', 'user', 'developer', 'judge', 'admin'];
const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Next.js routes (app/**\/page.tsx) as [template, pattern], static segments before dynamic ones. */
function routes(): [string, RegExp][] {
  const found: string[] = [];
  const walk = (dir: string, route: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isFile() && e.name === 'page.tsx') found.push(route || '/');
      // app/api holds route handlers (JSON), not pages.
      if (!e.isDirectory() || (route === '' && e.name === 'api')) continue;
      walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? route : `${route}/${e.name}`);
    }
  };
  walk(path.join(process.cwd(), 'app'), '');
  const dynamic = (t: string) => (t.match(/\[/g) ?? []).length;
  return found
    .sort((a, b) => dynamic(a) - dynamic(b))
    .map((t) => [t, new RegExp(`^${t.replace(/\[[^\]]+\]/g, '[^/]+')}/?$`)]);
}
const ROUTES = routes();
const templateOf = (pathname: string) => ROUTES.find(([, re]) => re.test(pathname))?.[0];

/** Where each role starts; what is not linked from anywhere (a 404, other roles' areas) is named here. */
const START = [
  '/',
  '/browse',
  '/browse?q=linux',
  '/appliances/demo-labs/nginx-web-server',
  '/appliances/demo-labs/server-base',
  '/appliances/demo-labs/server-base/compare',
  '/challenges',
  '/challenges/homelab-sprint',
  '/challenges/ultimate-2026/results',
  '/docs/api',
  '/sign-in',
  '/sign-up',
  '/account',
  '/account/tokens',
  '/notifications',
  '/publish',
  '/publish/new',
  '/publish/profile',
  '/judge',
  '/admin',
  '/admin/challenges/new',
  '/this-page-does-not-exist',
];

/** Routes each role must have reached by the end (besides the public ones every role reaches). */
const PUBLIC = ['/', '/browse', '/appliances/[publisher]/[slug]', '/appliances/[publisher]/[slug]/compare', '/challenges', '/challenges/[slug]', '/challenges/[slug]/results', '/docs/api'];
const MUST_REACH: Record<Role, string[]> = {
  anonymous: [...PUBLIC, '/sign-in', '/sign-up'],
  user: [...PUBLIC, '/account', '/account/tokens', '/notifications'],
  developer: [...PUBLIC, '/account', '/publish', '/publish/new', '/publish/profile', '/publish/appliances/[id]', '/publish/appliances/[id]/versions/[versionId]'],
  judge: [...PUBLIC, '/account', '/judge', '/judge/[slug]', '/judge/[slug]/entries/[entryId]'],
  admin: [
    ...PUBLIC,
    '/admin',
    '/admin/users',
    '/admin/audit',
    '/admin/moderation',
    '/admin/reports',
    '/admin/challenges',
    '/admin/challenges/new',
    '/admin/challenges/[slug]',
    '/admin/challenges/[slug]/entries',
    '/admin/challenges/[slug]/judges',
    '/admin/challenges/[slug]/results',
  ],
};
/** Pages of one route looked at per role and size: enough to see its variants, few enough to finish. */
const PER_ROUTE = 2;

/** What sticks out sideways, for the failure message. */
async function widerThanViewport(page: Page, viewport: number) {
  // A phone widens its layout viewport to fit what sticks out (innerWidth grows with it), so the
  // page is measured against the device's width, not innerWidth.
  return page.evaluate((width) => {
    if (document.documentElement.scrollWidth <= width && window.innerWidth <= width) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      // Only the outermost offenders: their children stick out because they do.
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 4).join('.')} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${culprits.join(', ')}`;
  }, viewport);
}

async function links(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !u.pathname.startsWith('/api/') && !u.pathname.startsWith('/v86/'))
    .map((u) => u.pathname + u.search);
}

const fileName = (url: string) => (url === '/' ? 'home' : url.replace(/^\//, '').replace(/[^a-z0-9-]+/gi, '_')).slice(0, 120);

for (const size of SIZES) {
  for (const role of ROLES) {
    test(`every page as ${role} at ${size.width}×${size.height}: no sideways scrolling, no axe violations`, async ({ browser, baseURL }, testInfo) => {
      test.setTimeout(15 * 60_000);
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        ...(size.name === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      });
      if (role !== 'anonymous') await apiSignIn(context.request, DEMO[role]);
      const page = await context.newPage();
      const origin = new URL(baseURL!).origin;
      const shots = path.join(testInfo.project.outputDir, 'pages', size.name, role);
      fs.mkdirSync(shots, { recursive: true });

      const queue = [...START];
      const seen = new Set<string>();
      const perRoute = new Map<string, number>();
      const reached = new Set<string>();
      const problems: string[] = [];
      while (queue.length) {
        const url = queue.shift()!;
        const template = templateOf(new URL(url, origin).pathname) ?? '(not found)';
        if (seen.has(url) || (perRoute.get(template) ?? 0) >= PER_ROUTE) continue;
        seen.add(url);
        perRoute.set(template, (perRoute.get(template) ?? 0) + 1);

        const response = await page.goto(url);
        // Where a role may not go, it is sent to sign in (or shown why): that page is checked as well.
        const landed = new URL(page.url());
        reached.add(templateOf(landed.pathname) ?? '(not found)');
        if (!/text\/html/.test(response?.headers()['content-type'] ?? '')) continue;
        await page.waitForLoadState('load');

        const overflow = await widerThanViewport(page, size.width);
        if (overflow) problems.push(`${url}: scrolls sideways — ${overflow}`);
        for (const v of await axeViolations(page)) problems.push(`${url}: ${v}`);
        // The whole page, up to a dozen screens (the API reference is sixty phone screens long).
        const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), size.height * 12);
        await page.screenshot({ path: path.join(shots, `${fileName(url)}.png`), fullPage: true, clip: { x: 0, y: 0, width: size.width, height } });

        for (const link of await links(page, origin)) if (!seen.has(link)) queue.push(link);
      }
      await context.close();

      expect(problems, `${role} at ${size.width}×${size.height}`).toEqual([]);
      expect(MUST_REACH[role].filter((t) => !reached.has(t)), `routes ${role} never reached`).toEqual([]);
    });
  }
}
