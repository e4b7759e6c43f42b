import AxeBuilder from '@axe-core/playwright';
import { test, expect, DEMO, apiSignIn } from './fixtures';

// Serious and critical WCAG 2.1 A/AA problems fail the build; the rest is reported by axe's own output.
async function audit(page: import('@playwright/test').Page, url: string) {
  await page.goto(url);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
    `accessibility of ${url}`,
  ).toEqual([]);
}

test.describe('accessibility', () => {
  for (const url of ['/', '/browse', '/appliances/demo-labs/nginx-web-server', '/challenges', '/sign-in', '/sign-up']) {
    test(`public page ${url}`, async ({ page }) => {
      await audit(page, url);
    });
  }

  test('signed-in pages', async ({ page }) => {
    await apiSignIn(page.request, DEMO.admin);
    for (const url of ['/publish', '/admin', '/admin/users', '/account']) await audit(page, url);
  });

  test('the layout works on a phone', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/');
    // No horizontal scrolling, and the compact navigation is there.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('navigation', { name: 'Main (compact)' }).getByRole('link', { name: 'Browse' })).toBeVisible();
    await context.close();
  });
});
