import { test, expect, DEMO, apiSignIn } from './fixtures';

for (const width of [1366, 390]) {
  test(`judge shots at ${width}`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    await apiSignIn(ctx.request, DEMO.judge);
    const page = await ctx.newPage();
    await page.goto('/judge');
    const challenge = page.locator('a[href^="/judge/"]').first();
    await challenge.click();
    const entry = page.locator('a[href*="/entries/"]').first();
    await entry.click();
    await expect(page.getByRole('heading', { name: 'Run it' })).toBeVisible();
    await page.screenshot({ path: `/tmp/shots-account/judge-${width}.png`, fullPage: true });
    await page.locator('#run').screenshot({ path: `/tmp/shots-account/judge-run-${width}.png` });
    await ctx.close();
  });
}
