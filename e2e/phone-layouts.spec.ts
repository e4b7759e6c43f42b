// What a person on a phone (390 px) or a tablet (768 px) needs from the pages that are crowded on
// a desktop: results before filters, a file's download, size, status and checksum on screen, the
// judge's scorecard one tap away, admin actions on screen, and no page that scrolls sideways.
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, DEMO, apiSignIn } from './fixtures';

const PHONE = { width: 390, height: 844 };

async function phone(browser: Browser, who?: keyof typeof DEMO, viewport = PHONE) {
  const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true });
  if (who) await apiSignIn(context.request, DEMO[who]);
  return { context, page: await context.newPage() };
}

/** The element lies inside the viewport's width (nothing cut off at the right edge). */
async function expectWithinWidth(page: Page, locator: Locator) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x, 'left edge on screen').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'right edge on screen').toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('browse on a phone: results first, filters in a drawer behind "Filters (n)"', async ({ browser }) => {
  const { context, page } = await phone(browser);
  await page.goto('/browse?category=os');
  const button = page.getByRole('button', { name: 'Filters (1)' });
  await expectWithinWidth(page, button);
  // The filters are not on the page until asked for; the first result is on the first screen.
  await expect(page.getByRole('navigation', { name: 'Filters' })).toBeHidden();
  const firstResult = page.locator('article').first();
  expect((await firstResult.boundingBox())!.y).toBeLessThan(PHONE.height);

  await button.click();
  const drawer = page.getByRole('dialog', { name: 'Filters' });
  await expect(drawer).toBeVisible();
  await expectWithinWidth(page, drawer);
  await drawer.getByTestId('facet-format').getByRole('link', { name: /qcow2/ }).click();
  await expect(page).toHaveURL(/format=QCOW2/i);
  // The drawer stays open while filters are chosen, then shows the results.
  await expect(page.getByRole('button', { name: 'Filters (2)' })).toHaveAttribute('aria-expanded', 'true');
  const total = await page.getByTestId('result-count').textContent();
  await drawer.getByRole('button', { name: new RegExp(`^Show ${total} results?$`) }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('button', { name: 'Filters (2)' })).toBeFocused();

  await page.getByRole('button', { name: 'Filters (2)' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Filters' })).toBeHidden();
  await context.close();
});

test('browse on a desktop keeps the filters beside the results, with no drawer button', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/browse');
  await expect(page.getByRole('navigation', { name: 'Filters' })).toBeVisible();
  await expect(page.getByTestId('filters-button')).toBeHidden();
});

test("the appliance page's files are cards on a phone: download, size, status and the whole checksum on screen", async ({ browser }) => {
  const { context, page } = await phone(browser);
  await page.goto('/appliances/demo-labs/nginx-web-server');
  const file = page.locator('[data-testid^="file-"]').first();
  const id = (await file.getAttribute('data-testid'))!.replace('file-', '');
  await file.scrollIntoViewIfNeeded();
  await expectWithinWidth(page, file.getByTestId(`download-${id}`));
  await expectWithinWidth(page, file.getByText(/^\d+(\.\d+)? (B|KiB|MiB|GiB)$/));
  await expectWithinWidth(page, file.getByText('Verified'));
  const sha = file.getByTestId(`sha256-${id}`);
  await expectWithinWidth(page, sha);
  // Wrapped, not cut: the whole digest fits in the element.
  expect(await sha.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await context.close();
});

test("the judge's scorecard is one tap away on a phone", async ({ browser }) => {
  const { context, page } = await phone(browser, 'judge');
  // The demo judge scored entries of the seeded challenge whose results are out.
  await page.goto('/judge/ultimate-2026');
  await page.locator('a[href*="/entries/"]').first().click();
  const jump = page.getByRole('link', { name: 'Go to your scorecard ↓' });
  await expectWithinWidth(page, jump);
  expect((await jump.boundingBox())!.y).toBeLessThan(PHONE.height);
  await jump.click();
  await expect(page.getByRole('heading', { name: 'Your scorecard' })).toBeInViewport();
  await context.close();
});

test('admin users on a phone: each user is a card with its role actions on screen', async ({ browser }) => {
  const { context, page } = await phone(browser, 'admin');
  await page.goto('/admin/users');
  const row = page.getByTestId('user-row-user@demo.local');
  await expectWithinWidth(page, row.getByRole('button', { name: /judge for user@demo\.local/ }));
  await expectWithinWidth(page, row.getByRole('button', { name: /admin for user@demo\.local/ }));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await context.close();
});

test("the home page's search button is whole on a phone, and the header's search works there", async ({ browser }) => {
  const { context, page } = await phone(browser);
  await page.goto('/');
  await expectWithinWidth(page, page.locator('#main').getByRole('button', { name: 'Search' }));
  const search = page.getByRole('banner').getByRole('searchbox', { name: 'Search appliances' });
  await expectWithinWidth(page, search);
  await search.fill('postgres');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/browse\?q=postgres/);
  await expect(page.getByRole('link', { name: /PostgreSQL Server/ }).first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main (compact)' }).getByRole('link', { name: 'Browse' })).toBeVisible();
  await context.close();
});

// A tablet: wider than a phone, narrower than the two-column layouts. Pages of every role.
const TABLET_PAGES: [keyof typeof DEMO | null, string[]][] = [
  [null, ['/', '/browse', '/appliances/demo-labs/nginx-web-server', '/appliances/demo-labs/server-base', '/challenges', '/challenges/ultimate-2026', '/challenges/ultimate-2026/results', '/docs/api', '/sign-in']],
  ['developer', ['/publish', '/publish/new', '/publish/profile', '/account', '/account/tokens']],
  ['judge', ['/judge']],
  ['admin', ['/admin', '/admin/users', '/admin/audit', '/admin/moderation', '/admin/reports', '/admin/challenges', '/admin/challenges/ultimate-2026', '/admin/challenges/ultimate-2026/entries', '/admin/challenges/ultimate-2026/judges', '/admin/challenges/ultimate-2026/results']],
];
for (const [who, urls] of TABLET_PAGES) {
  test(`at 768 px no page of ${who ?? 'a visitor'} scrolls sideways`, async ({ browser }) => {
    const { context, page } = await phone(browser, who ?? undefined, { width: 768, height: 1024 });
    const wide: string[] = [];
    for (const url of urls) {
      await page.goto(url);
      const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, window.innerWidth));
      if (width > 768) wide.push(`${url}: ${width} px`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });
}
