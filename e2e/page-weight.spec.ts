// Light pages: an anonymous visitor's pages carry no chart, emulator, terminal, uploader or
// validation library; nothing is prefetched on sight, links prefetch when a person points at them,
// and neither an API route nor a facet ever is. (The figures themselves: npm run bench -- weight.)
import os from 'node:os';
import path from 'node:path';
import { measurePage } from '../scripts/lib/page-weight';
import { test, expect, DEMO, apiSignIn, rid } from './fixtures';

const APPLIANCE = '/appliances/demo-labs/alpine-minimal';

test.describe('page weight', () => {
  test('anonymous home, browse and appliance pages load no heavy library and prefetch nothing on sight', async ({ browser, baseURL }) => {
    for (const pagePath of ['/', '/browse', APPLIANCE]) {
      const w = await measurePage(browser, baseURL!, pagePath, { settleMs: 1500 });
      expect(w.scripts.length, `${pagePath} loads its scripts`).toBeGreaterThan(0);
      expect(w.carries, `${pagePath} carries`).toEqual([]);
      expect(w.scripts.filter((s) => s.path.startsWith('/v86/')), `${pagePath} requests emulator files`).toEqual([]);
      expect(w.apiPrefetches, `${pagePath} prefetches API routes`).toEqual([]);
      expect(w.prefetches, `${pagePath} prefetches on sight`).toEqual([]);
      // An anonymous page load calls no API at all (the footer's status link is a plain link).
      expect(w.apiRequests, `${pagePath} calls the API`).toEqual([]);
    }
  });

  test('a link prefetches once a person points at it; API and facet links never do', async ({ page }) => {
    const prefetched: string[] = [];
    page.on('request', (r) => {
      const h = r.headers();
      if (h['rsc'] === '1' || h['next-router-prefetch'] === '1') prefetched.push(new URL(r.url()).pathname + new URL(r.url()).search);
    });
    await page.goto('/', { waitUntil: 'networkidle' });
    const card = page.getByRole('main').locator('a[href^="/appliances/"]').first();
    const href = (await card.getAttribute('href'))!;
    await card.hover();
    await expect.poll(() => prefetched.filter((p) => p.startsWith(href)).length, { message: `prefetch of ${href} on hover` }).toBeGreaterThan(0);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Status' }).hover();
    await page.waitForTimeout(800);
    expect(prefetched.filter((p) => p.startsWith('/api/'))).toEqual([]);

    await page.goto('/browse', { waitUntil: 'networkidle' });
    prefetched.length = 0;
    const facets = page.locator('a[href*="category="]');
    expect(await facets.count()).toBeGreaterThan(2);
    for (const i of [0, 1, 2]) await facets.nth(i).hover();
    await page.waitForTimeout(800);
    expect(prefetched.filter((p) => p.includes('category='))).toEqual([]);
  });

  test("the publisher's chart is drawn on the server: their page carries no chart code either", async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await apiSignIn(context.request, DEMO.developer);
    const state = path.join(os.tmpdir(), `apx-e2e-weight-${rid()}.json`);
    await context.storageState({ path: state });
    const page = await context.newPage();
    await page.goto(APPLIANCE);
    const chart = page.getByTestId('downloads-chart');
    await expect(chart).toContainText('Downloads and tries, last 30 days');
    await expect(chart.getByRole('img', { name: /Downloads and browser tries per day over the last 30 days/ })).toBeVisible();
    await expect(chart.locator('[title]')).toHaveCount(30);
    await context.close();

    const w = await measurePage(browser, baseURL!, APPLIANCE, { storageState: state, settleMs: 500 });
    expect(w.carries).not.toContain('chart');
    expect(w.carries).not.toContain('zod');
  });
});
