import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test, expect, DEMO, apiSignIn, apiSignUp, rid, uiSignIn, type Credentials } from './fixtures';
import type { Page } from '@playwright/test';

const SCRIPT_PAYLOAD = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '[click me](javascript:window.__pwned=1)',
  '<a href="javascript:window.__pwned=2">raw link</a>',
  '<svg onload="window.__pwned=3"></svg>',
  '**still bold**',
].join('\n\n');

/** Nothing executable came out of user text: no script, no on* handler, no javascript: link — and nothing ran. */
async function expectInert(page: Page, selector: string) {
  const region = page.locator(selector);
  await expect(region).toBeVisible();
  const found = await region.evaluate((root) => ({
    scripts: root.querySelectorAll('script').length,
    handlers: [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName}.${a.name}`)),
    jsLinks: [...root.querySelectorAll('[href],[src],[action],[formaction]')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? el.getAttribute('formaction') ?? '')
      .filter((v) => /^\s*javascript:/i.test(v)),
    svgs: root.querySelectorAll('svg[onload], iframe, object, embed').length,
  }));
  expect(found).toEqual({ scripts: 0, handlers: [], jsLinks: [], svgs: 0 });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // What the payload says reaches the reader as plain text (raw HTML tags themselves are dropped
  // by the Markdown renderer, never interpreted); the Markdown around it still renders.
  for (const text of ['click me', 'raw link']) await expect(region.getByText(text, { exact: true })).toBeVisible();
  await expect(region.locator('strong', { hasText: 'still bold' })).toBeVisible();
}

test.describe('catalog', () => {
  test('an anonymous user searches, filters by two facets, opens an appliance and downloads a file whose SHA-256 matches', async ({ page, request }) => {
    await page.goto('/');
    const main = page.getByRole('main');
    await main.getByRole('searchbox', { name: 'Search appliances' }).fill('minimal');
    await main.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/browse\?q=minimal/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “minimal”');

    // Two facets, each a link: the URL carries the state.
    await page.getByTestId('facet-category').getByRole('link', { name: /Operating Systems/ }).click();
    await expect(page).toHaveURL(/category=os/);
    await page.getByTestId('facet-format').getByRole('link', { name: /Vagrant box/ }).click();
    await expect(page).toHaveURL(/category=os.*format=vagrant_box|format=vagrant_box.*category=os/);
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Operating Systems');
    const results = page.locator('article');
    await expect(results.getByRole('link', { name: 'Alpine Minimal' })).toBeVisible();
    for (const name of await results.locator('h3').allTextContents()) expect(['Alpine Minimal', 'Debian Base']).toContain(name);

    // Back removes the last filter, Forward restores it: the state lives in the URL.
    await page.goBack();
    await expect(page).not.toHaveURL(/format=/);
    await page.goForward();
    await expect(page).toHaveURL(/format=vagrant_box/);

    await results.getByRole('link', { name: 'Alpine Minimal' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Alpine Minimal' })).toBeVisible();

    // The published checksum, from the API and from the page.
    const versions = await (await request.get('/api/v1/appliances/demo-labs/alpine-minimal/versions/3.19/files')).json();
    const raw = versions.items.find((f: { format: string }) => f.format === 'RAW');
    expect(raw.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId(`sha256-${raw.id}`)).toHaveAttribute('data-sha256', raw.sha256);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${raw.id}`).click()]);
    expect(download.suggestedFilename()).toBe(raw.fileName);
    const bytes = await readFile((await download.path())!);
    expect(bytes.length).toBe(raw.sizeBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(raw.sha256);
  });

  test('the first page of search works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/browse');
    await page.getByRole('main').getByRole('searchbox', { name: 'Search appliances' }).fill('firewall');
    await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(/q=firewall/);
    await expect(page.locator('article').getByRole('link', { name: 'Edge Firewall' })).toBeVisible();
    await page.getByTestId('facet-os').getByRole('link').first().click();
    await expect(page).toHaveURL(/os=/);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('newest');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/sort=newest/);
    await expect(page).toHaveURL(/os=/);
    await context.close();
  });

  test('a misspelt query still finds the appliance', async ({ request }) => {
    for (const [q, slug] of [['postgers', 'postgresql-server'], ['graphana', 'grafana-dashboards'], ['wiregaurd', 'wireguard-gateway']]) {
      const res = await (await request.get(`/api/v1/appliances?q=${q}`)).json();
      expect(res.items.map((i: { slug: string }) => i.slug), q).toContain(slug);
    }
  });

  test('hostile search input is answered, never a server error', async ({ request, page }) => {
    for (const q of ["'; DROP TABLE \"Appliance\"; --", '%_\\', '"', ' OR 1=1', '🚀 ünïcödé 中文 ﷽', 'x'.repeat(5000), '<script>alert(1)</script>', '\u0000']) {
      const api = await request.get(`/api/v1/appliances?q=${encodeURIComponent(q)}`);
      expect(api.status(), q.slice(0, 20)).toBe(200);
      const html = await request.get(`/browse?q=${encodeURIComponent(q)}`);
      expect(html.status(), q.slice(0, 20)).toBe(200);
    }
    await page.goto(`/browse?q=${encodeURIComponent('<script>window.__pwned=1</script>')}`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const bad = await request.get('/api/v1/appliances?sort=evil&format=exe');
    expect(bad.status()).toBe(422);
    expect(bad.headers()['content-type']).toBe('application/problem+json');
  });

  test('the launch panel shows the exact text of the launch API for each file and player', async ({ page, request }) => {
    await page.goto('/appliances/demo-labs/alpine-minimal');
    const files = (await (await request.get('/api/v1/appliances/demo-labs/alpine-minimal/versions/3.19/files')).json()).items as { id: string; format: string }[];
    for (const f of files) {
      for (const player of ['qemu', 'virtualbox', 'vmware', 'vagrant']) {
        const plan = await (await request.get(`/api/v1/files/${f.id}/launch?player=${player}`)).json();
        // Byte for byte what lib/core/launch rendered (and what `apx launch --dry-run` prints); a
        // player that cannot run the file gets no tab (the panel names it with its reason).
        if (plan.plan.supported) expect(await page.getByTestId(`launch-${f.id}-${player}`).textContent()).toBe(plan.text);
        else await expect(page.getByTestId(`launch-${f.id}-${player}`)).toHaveCount(0);
      }
    }
    await expect(page.locator('#run').getByRole('tab', { name: /n\/a/i })).toHaveCount(0);
    const panel = page.locator('#run');
    await panel.getByRole('tab', { name: /^QEMU/ }).click();
    await expect(panel.locator('[role=tabpanel]:not([hidden]) pre')).toContainText('qemu-system-x86_64');
    const box = files.find((f) => f.format === 'VAGRANT_BOX')!;
    await panel.getByRole('combobox', { name: 'File' }).selectOption(box.id);
    await expect(panel.locator('[role=tabpanel]:not([hidden]) pre')).toContainText('vagrant box add');
  });

  test('a signed-in user reviews an appliance, edits the review, and the average follows', async ({ page }) => {
    const who = await apiSignUp(page.request, `Reviewer ${rid(2)}`);
    await page.goto('/appliances/demo-labs/alpine-minimal#reviews');
    const before = await (await page.request.get('/api/v1/appliances/demo-labs/alpine-minimal')).json();
    const form = page.getByRole('form', { name: 'Write a review' });
    await form.getByRole('radio', { name: '4 stars' }).check({ force: true });
    await form.getByLabel('Your review').fill('Boots under **QEMU** in a second. Checksum matched.');
    await form.getByRole('button', { name: 'Post review' }).click();
    await expect(page.getByText('Thanks — your review is saved.')).toBeVisible();
    await page.reload();
    const mine = page.getByTestId('review').filter({ hasText: who.name! });
    await expect(mine).toContainText('Boots under QEMU in a second.');
    await expect(mine.locator('strong', { hasText: 'QEMU' })).toBeVisible();
    let after = await (await page.request.get('/api/v1/appliances/demo-labs/alpine-minimal')).json();
    expect(after.ratingCount).toBe(before.ratingCount + 1);

    const edit = page.getByRole('form', { name: 'Edit your review' });
    await edit.getByRole('radio', { name: '2 stars' }).check({ force: true });
    await edit.getByRole('button', { name: 'Update review' }).click();
    await expect(page.getByText('Thanks — your review is saved.')).toBeVisible();
    after = await (await page.request.get('/api/v1/appliances/demo-labs/alpine-minimal')).json();
    expect(after.ratingCount).toBe(before.ratingCount + 1);
    expect(after.ratingAvg).toBeCloseTo((before.ratingAvg * before.ratingCount + 2) / (before.ratingCount + 1), 5);
  });

  test('a review carrying a script payload renders inert; admins can hide a reported review', async ({ browser }) => {
    const authorContext = await browser.newContext();
    const author = await authorContext.newPage();
    await apiSignUp(author.request, `Payload ${rid(2)}`);
    const res = await author.request.post('/api/v1/appliances/demo-labs/wordpress-stack/reviews', { data: { rating: 1, body: SCRIPT_PAYLOAD } });
    expect(res.status()).toBe(201);
    const { id } = await res.json();

    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    await reader.goto('/appliances/demo-labs/wordpress-stack#reviews');
    await expectInert(reader, '#reviews');

    // Someone reports it; an admin hides it from /admin/reports; it leaves the page.
    await apiSignUp(reader.request);
    await reader.reload();
    const review = reader.getByTestId('review').filter({ hasText: 'raw link' });
    await review.getByText('Report', { exact: true }).click();
    await review.getByLabel('What is wrong with this review?').fill('Tries to run scripts');
    await review.getByRole('button', { name: 'Send report' }).click();
    await expect(reader.getByText('Thanks — a moderator will look at it.')).toBeVisible();

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await apiSignIn(admin.request, DEMO.admin);
    await admin.goto('/admin/reports');
    const card = admin.getByTestId(`reported-${id}`);
    await expectInert(admin, `[data-testid="reported-${id}"]`);
    await card.getByLabel('Reason for hiding').fill('Script injection attempt');
    await card.getByRole('button', { name: 'Hide review' }).click();
    await expect(card).toHaveCount(0);

    const anonymous = await browser.newContext();
    const anonPage = await anonymous.newPage();
    await anonPage.goto('/appliances/demo-labs/wordpress-stack#reviews');
    await expect(anonPage.getByTestId('review').filter({ hasText: 'raw link' })).toHaveCount(0);
    for (const c of [authorContext, readerContext, adminContext, anonymous]) await c.close();
  });

  test('a description carrying a script payload renders inert', async ({ page }) => {
    await apiSignIn(page.request, DEMO.developer);
    const slug = `xss-${rid(3)}`;
    const created = await page.request.post('/api/v1/publish/appliances', { data: { slug, name: `Payload ${rid(2)}`, summary: 'x', description: SCRIPT_PAYLOAD } });
    expect(created.status()).toBe(201);
    await page.goto(`/appliances/demo-labs/${slug}`);
    await expectInert(page, '[data-testid="description"]');
  });

  test('unpublished listings are 404 to everyone but their owner and admins, in pages and the API', async ({ browser }) => {
    const devContext = await browser.newContext();
    const dev = await devContext.newPage();
    await apiSignIn(dev.request, DEMO.developer);
    const slug = `draft-${rid(3)}`;
    expect((await dev.request.post('/api/v1/publish/appliances', { data: { slug, name: 'Secret draft', summary: 'not yet' } })).status()).toBe(201);
    expect((await dev.goto(`/appliances/demo-labs/${slug}`))?.status()).toBe(200);
    await expect(dev.getByRole('heading', { level: 1, name: 'Secret draft' })).toBeVisible();

    const paths = [`/appliances/demo-labs/${slug}`, `/api/v1/appliances/demo-labs/${slug}`, `/api/v1/appliances/demo-labs/${slug}/versions`, `/api/v1/vagrant/demo-labs/${slug}`];
    const viewers: (Credentials | null)[] = [null, DEMO.user, DEMO.judge];
    for (const who of viewers) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (who) await apiSignIn(page.request, who);
      for (const path of paths) expect((await page.request.get(path)).status(), `${who?.email ?? 'anonymous'} ${path}`).toBe(404);
      expect((await page.request.get(`/api/v1/appliances?q=${encodeURIComponent('Secret draft')}`)).ok()).toBe(true);
      const search = await (await page.request.get(`/api/v1/appliances?q=${encodeURIComponent('Secret draft')}`)).json();
      expect(search.items.map((i: { slug: string }) => i.slug)).not.toContain(slug);
      await context.close();
    }
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await apiSignIn(admin.request, DEMO.admin);
    expect((await admin.request.get(`/api/v1/appliances/demo-labs/${slug}`)).status()).toBe(200);
    await adminContext.close();
    await devContext.close();
  });

  test('downloads redirect to a short-lived URL and count once per caller per day', async ({ request }) => {
    const files = (await (await request.get('/api/v1/appliances/stackworks/redis-cache/versions')).json()).items as { files: string }[];
    const list = (await (await request.get(files[0].files)).json()).items as { id: string; fileName: string }[];
    const before = (await (await request.get('/api/v1/appliances/stackworks/redis-cache')).json()).downloadCount;
    const res = await request.get(`/api/v1/files/${list[0].id}/download`, { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    const location = new URL(res.headers().location);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('response-content-disposition')).toContain(list[0].fileName);
    // Resuming works because the object store serves ranges.
    const part = await request.get(location.toString(), { headers: { range: 'bytes=0-99' } });
    expect(part.status()).toBe(206);
    expect((await part.body()).length).toBe(100);
    await request.get(`/api/v1/files/${list[0].id}/download`, { maxRedirects: 0 });
    await expect
      .poll(async () => (await (await request.get('/api/v1/appliances/stackworks/redis-cache')).json()).downloadCount)
      .toBe(before + 1);
  });

  test('the browse page, the appliance page and the tokens page look right', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto('/browse?category=os&format=qcow2');
    await page.screenshot({ path: testInfo.outputPath('browse.png'), fullPage: true });
    await page.goto('/appliances/demo-labs/alpine-minimal');
    await page.screenshot({ path: testInfo.outputPath('appliance.png'), fullPage: true });
    await uiSignIn(page, DEMO.developer);
    await page.goto('/account/tokens');
    await page.screenshot({ path: testInfo.outputPath('tokens.png'), fullPage: true });
  });
});
