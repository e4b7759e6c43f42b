// "What's inside" as a newcomer meets it on the seeded demo: the disks of demo-labs/server-base
// and stackworks/admin-toolbox are real ext4 roots made at seed time from this machine's own
// /etc/os-release and /var/lib/dpkg/status, read by the worker through S3 Range GETs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { osReleaseLabel } from '../lib/core/inside-reports/summary';

const run = promisify(execFile);
const osRelease = readFileSync('/etc/os-release', 'utf8');
const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1];
const PRETTY = field('PRETTY_NAME')!;
const RELEASE = osReleaseLabel({ id: field('ID')!, versionId: field('VERSION_ID'), name: field('NAME') })!;

const stanzas = readFileSync('/var/lib/dpkg/status', 'utf8')
  .split(/\n\s*\n/)
  .filter((s) => /^Status: install ok installed$/m.test(s))
  .map((s) => ({ name: /^Package: (\S+)$/m.exec(s)?.[1] ?? '', priority: /^Priority: (\S+)$/m.exec(s)?.[1], essential: /^Essential: yes$/m.test(s) }));
const isBase = (p: (typeof stanzas)[number]) => p.essential || p.priority === 'required' || p.priority === 'important';
/** A package only the toolbox holds (not in server-base's required + important set), named like no listing. */
const TOOLBOX_ONLY = stanzas.find((p) => !isBase(p) && /^lib[a-z]+[0-9]+$/.test(p.name))!.name;

test.describe("What's inside", () => {
  test('a person sees the real OS, kernel and packages, filters them, downloads the SBOM and compares versions', async ({ page }) => {
    await page.goto('/appliances/demo-labs/server-base');
    const inside = page.getByTestId('whats-inside');
    await expect(inside.getByRole('heading', { name: "What's inside" })).toBeVisible();
    await expect(inside.getByTestId('inside-os')).toHaveText(PRETTY);
    await expect(inside.getByTestId('inside-kernel')).toHaveText(os.release());
    const total = stanzas.filter(isBase).length;
    await expect(inside.getByTestId('inside-package-total')).toContainText(String(total));
    await expect(inside.getByTestId('package-count')).toHaveText(`${total} packages${total > 200 ? ' · first 200 shown' : ''}`);
    await expect(inside.getByTestId('finding-ssh-host-keys')).toContainText('/etc/ssh/ssh_host_ed25519_key');

    // The filter narrows the list to matching packages.
    await inside.getByLabel('Filter packages').fill('base-fi');
    await expect(inside.getByTestId('package-count')).toHaveText(new RegExp(`^\\d+ of ${total} packages`));
    const rows = inside.getByTestId('package-list').locator('tbody tr');
    await expect(rows.first()).toContainText('base-files');
    for (const text of await rows.locator('td:first-child').allTextContents()) expect(text).toContain('base-fi');
    await inside.getByLabel('Filter packages').fill('no-such-package-xyz');
    await expect(rows).toHaveText(['No package matches “no-such-package-xyz”.']);

    // The SBOM: a CycloneDX 1.6 attachment naming the same packages.
    const [download] = await Promise.all([page.waitForEvent('download'), inside.getByTestId('sbom-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.cdx\.json$/);
    const bom = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { bomFormat: string; specVersion: string; components: { name: string; purl?: string }[] };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c) => c.name)).toContain('base-files');
    expect(bom.components.find((c) => c.name === 'base-files')?.purl).toMatch(/^pkg:deb\//);

    // Compare the two versions, from the link on the versions card.
    await page.getByRole('link', { name: 'Compare versions' }).click();
    await expect(page).toHaveURL(/\/appliances\/demo-labs\/server-base\/compare/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Server Base: 1.0 → 1.1');
    const added = stanzas.filter((p) => !p.essential && p.priority === 'important').map((p) => p.name);
    const addedList = page.getByTestId('diff-added');
    await expect(addedList.getByRole('heading')).toContainText(`(${added.length})`);
    for (const name of added.slice(0, 3)) await expect(addedList).toContainText(name);
    await expect(page.getByTestId('diff-removed')).toContainText('None.');
  });

  test('a person finds an appliance by a package inside it, and filters by OS release', async ({ page }) => {
    await page.goto('/browse');
    const main = page.getByRole('main');
    await main.getByRole('searchbox').fill(TOOLBOX_ONLY);
    await main.getByRole('button', { name: 'Search' }).click();
    const results = page.locator('article');
    await expect(results.getByRole('link', { name: 'Admin Toolbox' })).toBeVisible();
    await expect(results.getByRole('link', { name: 'Server Base' })).toHaveCount(0);

    await page.goto('/browse');
    await page.getByTestId('facet-release').getByRole('link', { name: new RegExp(RELEASE) }).click();
    await expect(page).toHaveURL(/release=/);
    const names = await page.locator('article h3').allTextContents();
    expect(names.sort()).toEqual(['Admin Toolbox', 'Server Base']);
  });

  test('apx inside prints the report from the site and writes the SBOM', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-inside-e2e-'));
    try {
      const sbom = path.join(dir, 'server-base.cdx.json');
      const env = { ...process.env, APX_SITE: `http://localhost:${process.env.E2E_PORT}`, APX_CONFIG: path.join(dir, 'config.json'), APX_CACHE: path.join(dir, 'cache') };
      const { stdout } = await run(process.execPath, [path.resolve('scripts/apx.mjs'), 'inside', 'demo-labs/server-base@1.0', '--sbom', sbom], { env });
      expect(stdout).toContain('demo-labs/server-base@1.0: read');
      expect(stdout).toContain(`OS           ${PRETTY}`);
      expect(stdout).toContain(`Packages     ${stanzas.filter((p) => p.essential || p.priority === 'required').length} (dpkg)`);
      expect(stdout).toMatch(/HIGH\s+.*SSH host key/i);
      const bom = JSON.parse(readFileSync(sbom, 'utf8')) as { bomFormat: string; components: { name: string }[] };
      expect(bom.bomFormat).toBe('CycloneDX');
      expect(bom.components.map((c) => c.name)).toContain('base-files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('screenshots of the appliance page at 1366 and 390 px', async ({ page }) => {
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/appliances/demo-labs/server-base');
      const inside = page.getByTestId('whats-inside');
      await inside.scrollIntoViewIfNeeded();
      await expect(inside.getByTestId('inside-os')).toHaveText(PRETTY);
      // The section fits the screen: nothing of it sticks out sideways on a phone. (What else on
      // the page is wider than a phone is a layout issue of its own, found by this check too.)
      const box = await inside.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      const insideWide = await inside.evaluate((el) => {
        const edge = el.getBoundingClientRect().right;
        return [...el.querySelectorAll('*')].filter((c) => c.getBoundingClientRect().right > edge + 1).map((c) => `${c.tagName.toLowerCase()} ${c.textContent?.slice(0, 40)}`).slice(0, 5);
      });
      expect(insideWide, `wider than the section at ${width}px`).toEqual([]);
      const wide = await page.evaluate((w) => {
        const out: string[] = [];
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.right > w + 1 && r.width > 0 && !el.closest('[data-testid="whats-inside"]')) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} → ${Math.round(r.right)}`);
        }
        return out.slice(0, 5);
      }, width);
      if (wide.length) console.log(`wider than ${width}px:`, wide);
      await inside.screenshot({ path: test.info().outputPath(`inside-${width}.png`) });
      await page.screenshot({ path: test.info().outputPath(`appliance-${width}.png`), fullPage: true });
    }
  });
});
