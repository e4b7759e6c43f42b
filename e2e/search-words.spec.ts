import { spawn } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { test, expect, DEMO, apiSignIn, apiSignUp } from './fixtures';
import { defaultFileOf } from '../lib/core/launch/default-file';
import { formatBytes } from '../lib/core/format';

/**
 * Search that finds (OS, category, vendor, tags), what it offers when nothing matches, a page past
 * the end, the size `apx search` shows, and words and numbers that agree across pages.
 */

interface Item {
  slug: string;
  publisherHandle: string;
  osFamily: string | null;
  category: { slug: string } | null;
  downloadSizeBytes: number | null;
}

const ids = (items: Item[]) => items.map((i) => `${i.publisherHandle}/${i.slug}`).sort();

test.describe('search finds by operating system, category and vendor', () => {
  test('"linux" finds every Linux appliance and "database" every database, in the API', async ({ request }) => {
    const get = async (qs: string) => (await (await request.get(`/api/v1/appliances?${qs}&limit=100`)).json()) as { items: Item[]; total: number };
    // Other tests publish and delete listings meanwhile: what the facet finds both before and after
    // the word search must be among the word's results.
    const linuxByFacet = await get('os=linux');
    expect(linuxByFacet.total).toBeGreaterThan(5);
    const linuxByWord = await get('q=linux');
    const stillLinux = new Set(ids((await get('os=linux')).items));
    expect(ids(linuxByWord.items)).toEqual(expect.arrayContaining(ids(linuxByFacet.items).filter((id) => stillLinux.has(id))));

    const databases = await get('category=databases');
    expect(databases.total).toBeGreaterThanOrEqual(2);
    expect(ids((await get('q=database')).items)).toEqual(expect.arrayContaining(ids(databases.items)));

    // The vendor: every listing of a publisher is found by the publisher's name.
    const northwind = (await get('q=Northwind')).items;
    expect(northwind.length).toBeGreaterThan(1);
    expect(northwind.every((i) => i.publisherHandle === 'northwind')).toBe(true);
  });

  test('the browse page finds the same, and offers nearby terms and popular categories when nothing matches', async ({ page }) => {
    // The page agrees with the API, both asked at once (other tests publish meanwhile).
    const apiTotal = async (qs: string) => ((await (await page.request.get(`/api/v1/appliances?${qs}`)).json()) as { total: number }).total;
    for (const qs of ['q=linux', 'os=linux']) {
      const before = await apiTotal(qs);
      await page.goto(`/browse?${qs}`);
      const shown = Number(await page.getByTestId('result-count').textContent());
      const after = await apiTotal(qs);
      expect(shown, qs).toBeGreaterThanOrEqual(Math.min(before, after));
      expect(shown, qs).toBeLessThanOrEqual(Math.max(before, after));
    }

    await page.goto('/browse?q=netwroking');
    await expect(page.getByTestId('result-count')).toHaveText('0');
    const empty = page.getByTestId('no-results');
    await expect(empty.getByRole('list', { name: 'Did you mean' }).getByRole('link', { name: 'networking', exact: true })).toBeVisible();
    const popular = empty.getByRole('list', { name: 'Popular categories' }).getByRole('link');
    expect(await popular.count()).toBeGreaterThan(2);
    // No facet offers a value that would find nothing.
    for (const count of await page.getByRole('navigation', { name: 'Filters' }).getByRole('link').allTextContents()) expect(count).not.toMatch(/\D0$/);

    await empty.getByRole('link', { name: 'networking', exact: true }).click();
    await expect(page).toHaveURL(/q=networking/);
    expect(Number(await page.getByTestId('result-count').textContent())).toBeGreaterThan(0);

    await page.goto('/browse?q=netwroking');
    await page.getByTestId('no-results').getByRole('list', { name: 'Popular categories' }).getByRole('link').first().click();
    await expect(page).toHaveURL(/category=/);
    expect(Number(await page.getByTestId('result-count').textContent())).toBeGreaterThan(0);
  });

  test('the API says why nothing matched with the same suggestions', async ({ request }) => {
    const body = await (await request.get('/api/v1/appliances?q=netwroking')).json();
    expect(body.total).toBe(0);
    expect(body.suggestions.terms).toContain('networking');
    expect(body.suggestions.categories.length).toBeGreaterThan(0);
    expect((await (await request.get('/api/v1/appliances?q=linux')).json()).suggestions).toBeNull();
  });

  test('a page number past the end says so and leads back to the last page', async ({ page }) => {
    // Other specs publish and delete listings meanwhile, which moves the total: the walk is
    // retried until it runs in a window where the catalog held still.
    await expect(async () => {
      await page.goto('/browse?limit=4');
      const total = Number(await page.getByTestId('result-count').textContent());
      const last = Math.ceil(total / 4);
      await page.goto('/browse?limit=4&page=99');
      await expect(page.getByText('There is no page 99.')).toBeVisible();
      await expect(page.getByTestId('past-the-end')).toContainText(`end at page ${last}`, { timeout: 1000 });
      await page.getByRole('link', { name: 'Go to the last page' }).click();
      await expect(page).toHaveURL(new RegExp(`page=${last}`));
      await expect(page.getByRole('link', { name: `Page ${last}` })).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('[data-testid="result-count"]')).toHaveText(String(total), { timeout: 1000 });
    }).toPass({ timeout: 60_000 });
  });
});

test('apx search shows the size of the file a plain pull downloads, not the smallest one', async ({ request }) => {
  const search = (await (await request.get('/api/v1/appliances?q=nginx')).json()) as { items: Item[] };
  const nginx = search.items.find((i) => i.slug === 'nginx-web-server')!;
  const detail = await (await request.get('/api/v1/appliances/demo-labs/nginx-web-server')).json();
  const files = (await (await request.get(`/api/v1/appliances/demo-labs/nginx-web-server/versions/${detail.latestVersion}/files`)).json()).items as {
    format: string;
    architecture: string;
    sizeBytes: number;
  }[];
  const smallest = Math.min(...files.map((f) => Number(f.sizeBytes)));
  const chosen = defaultFileOf(files)!;
  expect(chosen.format).toBe('OVA');
  expect(nginx.downloadSizeBytes).toBe(Number(chosen.sizeBytes));
  expect(nginx.downloadSizeBytes).not.toBe(smallest);

  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('scripts/apx.mjs'), 'search', 'nginx'], {
      env: { ...process.env, APX_SITE: `http://localhost:${process.env.E2E_PORT}`, APX_TOKEN: '', APX_CONFIG: path.join(process.env.E2E_DATA_DIR!, 'no-apx-config.json') },
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const row = out.split('\n').find((l) => l.startsWith('demo-labs/nginx-web-server'));
  expect(row, out).toContain(formatBytes(Number(chosen.sizeBytes)));
  expect(row).not.toContain(formatBytes(smallest));
});

test.describe('words and numbers that agree', () => {
  test('the home page counts the appliances browse shows; the site has a favicon', async ({ page, request }) => {
    await page.goto('/browse');
    const browse = (await page.getByTestId('result-count').textContent())!.trim();
    await page.goto('/');
    await expect(page.getByText(`${browse} appliances · every file checksummed`)).toBeVisible();
    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(icon).toBeTruthy();
    const res = await request.get(icon!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/svg+xml');
  });

  test('a judge on a challenge whose results are out reads no future deadline and no “can still change”', async ({ page }) => {
    await apiSignIn(page.request, DEMO.judge);
    await page.goto('/judge');
    const card = page.getByRole('link', { name: /Ultimate/ });
    await expect(card).not.toContainText('judging closes');
    await expect(card).toContainText(/Judging (closed|has ended)/);
    await card.click();
    const main = page.getByRole('main');
    await expect(main).toContainText('scores are frozen');
    await expect(main).not.toContainText(/can still (be )?change/);
    await expect(main).not.toContainText('Judging closes');

    // Rubric weights read as the public rubric reads them.
    const judgeWeights = (await main.getByRole('heading', { name: 'Rubric' }).locator('..').getByRole('listitem').allTextContents()).map((t) => /(\d+)%/.exec(t)?.[1]);
    expect(judgeWeights.every(Boolean)).toBe(true);
    await page.goto('/challenges/ultimate-2026');
    const publicWeights = (await page.locator('#rubric-heading').locator('..').getByRole('listitem').allTextContents()).map((t) => /(\d+)%/.exec(t)?.[1]);
    expect(publicWeights).toEqual(judgeWeights);
    expect(publicWeights.reduce((s, w) => s + Number(w), 0)).toBe(100);

    // An entry's scorecard says it is frozen, not that it can still change.
    await page.goto('/judge/ultimate-2026');
    await page.locator('[data-testid^="assignment-"]').first().click();
    await expect(page.getByRole('heading', { name: 'Your scorecard' })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('can still change');
  });

  test('the results page says why the normalised order can differ from the weighted means', async ({ page }) => {
    await page.goto('/challenges/ultimate-2026/results');
    await expect(page.getByTestId('why-normalised')).toContainText('Why a lower weighted mean can rank higher');
  });

  test('granting admin is a secondary action that asks first', async ({ browser }) => {
    const targetContext = await browser.newContext();
    const target = await apiSignUp((await targetContext.newPage()).request);
    await targetContext.close();
    const context = await browser.newContext();
    const admin = await context.newPage();
    await apiSignIn(admin.request, DEMO.admin);
    await admin.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
    const row = admin.getByTestId(`user-row-${target.email}`);
    const grant = row.getByRole('button', { name: `Grant admin for ${target.email}` });
    // Secondary: outlined, not the filled primary colour.
    expect(await grant.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(255, 255, 255)');

    let asked = '';
    admin.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await grant.click();
    expect(asked).toContain(`Make ${target.email} an admin?`);
    await admin.reload();
    await expect(row.getByText('admin', { exact: true })).toHaveCount(0);

    admin.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: `Grant admin for ${target.email}` }).click();
    await expect(row.getByRole('button', { name: `Remove admin for ${target.email}` })).toBeVisible();
    await context.close();
  });
});

test('the API reference has a search box, a collapsible section per tag, and labels and examples shown whole', async ({ page }) => {
  await page.goto('/docs/api');
  const search = page.getByRole('searchbox', { name: 'Search the API' });
  const total = await page.locator('[data-api-op]').count();
  await search.fill('vagrant');
  await expect(page.getByTestId('api-search-status')).toHaveText(new RegExp(`^\\d+ of ${total} operations$`));
  await expect(page.getByTestId('op-searchAppliances')).toBeHidden();
  const visible = page.locator('[data-api-op]:visible');
  expect(await visible.count()).toBeGreaterThan(0);
  for (const text of await visible.allTextContents()) expect(text.toLowerCase()).toContain('vagrant');
  // Each section's count follows the filter.
  for (const section of await page.locator('details[data-api-tag]:visible').all()) {
    const shown = await section.locator('[data-api-op]:visible').count();
    await expect(section.locator('summary')).toContainText(new RegExp(`${shown} of \\d+ operations`));
  }
  await search.fill('zzzz-nothing');
  await expect(page.getByTestId('api-search-status')).toHaveText('No operation matches.');
  await search.fill('');
  await expect(page.getByTestId('op-searchAppliances')).toBeVisible();

  // Each tag is a section that folds.
  const section = page.locator('details[data-api-tag]').filter({ has: page.getByTestId('op-searchAppliances') });
  await expect(section).toHaveAttribute('open', '');
  await section.locator('summary').click();
  await expect(page.getByTestId('op-searchAppliances')).toBeHidden();
  await section.locator('summary').click();
  await expect(page.getByTestId('op-searchAppliances')).toBeVisible();

  // Nothing is cut off: navigation labels wrap, examples are not boxes that scroll.
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('nav[aria-label="API reference"] a span, [data-api-op] pre')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => el.textContent?.slice(0, 60)),
  );
  expect(clipped).toEqual([]);
});

test('screenshots: no results, past the end, the API reference searched (1366 and 390 px)', async ({ page }, testInfo) => {
  for (const [width, height] of [[1366, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.goto('/browse?q=netwroking');
    await page.screenshot({ path: testInfo.outputPath(`no-results-${width}.png`), fullPage: true });
    await page.goto('/browse?limit=4&page=99');
    await page.screenshot({ path: testInfo.outputPath(`past-the-end-${width}.png`), fullPage: true });
    await page.goto('/docs/api');
    await page.getByRole('searchbox', { name: 'Search the API' }).fill('download');
    await page.screenshot({ path: testInfo.outputPath(`api-search-${width}.png`) });
    // Nothing on these pages scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});

test('what this work added has no axe violations of any impact', async ({ page }) => {
  const audit = async (selector: string) => {
    const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), selector).toEqual([]);
  };
  await page.goto('/browse?q=netwroking');
  await audit('[data-testid="no-results"]');
  await page.goto('/browse?limit=4&page=99');
  await audit('[data-testid="past-the-end"]');
  await page.goto('/docs/api');
  await page.getByRole('searchbox', { name: 'Search the API' }).fill('appliances');
  await audit('[role="search"]');
  await audit('details[data-api-tag]');
  await audit('nav[aria-label="API reference"]');
});
