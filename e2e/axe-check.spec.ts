// The axe helper every spec relies on still sees what it must: planted faults of four kinds are
// each reported, on a real page of the site, with the options axeViolations runs axe with.
import { test, expect, axeViolations } from './fixtures';

// The page is broken on purpose; the every-page audit would rightly fail it.
test.use({ auditEveryPage: false });

test('axeViolations reports a missing alt, faint text, an unnamed button and content outside landmarks', async ({ page }) => {
  await page.goto('/');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => {
    const planted = document.createElement('div');
    planted.innerHTML = '<img src="/icon.svg"><p style="color:#eee;background:#fff">faint text</p><button></button>';
    document.body.append(planted);
  });
  const rules = (await axeViolations(page)).map((line) => line.split(' ')[0]);
  expect(rules).toEqual(expect.arrayContaining(['image-alt', 'color-contrast', 'button-name', 'region']));
});
