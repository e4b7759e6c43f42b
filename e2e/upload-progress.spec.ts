// One upload progress: while a file uploads, the page shows one percent, one speed and one time
// left, in the binary units file sizes use (what `apx` prints too), and no second bar of Uppy's;
// when the bytes are in, the same row follows the file to "Verified" without a reload.
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeOva, makeOvf, makeRawDisk, rawToStreamOptimizedVmdk } from '../lib/core/appliance-kit';
import { test, expect, DEMO, apiSignIn, rid } from './fixtures';

const MiB = 1024 * 1024;

function writeOva(dir: string, stem: string, sizeMiB: number): string {
  const raw = makeRawDisk({ message: 'progress', sizeBytes: sizeMiB * MiB });
  randomFillSync(raw, MiB);
  const diskName = `${stem}-disk1.vmdk`;
  const vmdk = rawToStreamOptimizedVmdk(raw, { fileName: diskName });
  const ovf = makeOvf({ name: stem, product: stem, vendor: 'E2E', version: '1', cpus: 1, memoryMiB: 256, disks: [{ fileName: diskName, fileSize: vmdk.length, capacityBytes: raw.length }] });
  const file = path.join(dir, `${stem}.ova`);
  writeFileSync(file, makeOva({ ovf, ovfName: `${stem}.ovf`, disks: [{ name: diskName, bytes: vmdk }] }));
  return file;
}

test('an upload shows one progress line and its row follows the file to Verified', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-e2e-progress-'));
  const ova = writeOva(dir, `progress-${rid(3)}`, 20);
  const context = await browser.newContext();
  const page = await context.newPage();
  await apiSignIn(page.request, DEMO.developer);
  const slug = `progress-${rid(3)}`;
  const listing = await (await page.request.post('/api/v1/publish/appliances', { data: { slug, name: `Progress ${slug}` } })).json();
  const version = await (await page.request.post(`/api/v1/publish/appliances/${listing.id}/versions`, { data: { version: '1.0' } })).json();
  await page.goto(`/publish/appliances/${listing.id}/versions/${version.id}`);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 3 * MiB });

  await page.locator('input.uppy-Dashboard-input').first().setInputFiles(ova);
  const row = page.getByTestId('upload-row');
  await expect(row).toContainText('Ready to upload');
  await page.getByRole('button', { name: 'Upload 1 file' }).click();

  // Once the speed is known: percent · amounts · speed · time left, on one line.
  const line = row.getByTestId('upload-progress');
  await expect(line).toHaveText(/^\d{1,2}% · [\d.]+ (B|KiB|MiB) of [\d.]+ MiB · [\d.]+ (KiB|MiB)\/s · ([\d.]+ (s|min)( \d+ s)?) left/, { timeout: 30_000 });
  const uploader = page.locator('div.space-y-4', { has: page.locator('.uppy-Dashboard') }).first();
  // Exactly one percent and one speed on the page, and no second bar of Uppy's.
  await expect(uploader.getByText(/^\d{1,3}%$/)).toHaveCount(1);
  await expect(uploader.getByText(/\/s\b/)).toHaveCount(1);
  await expect(page.locator('.uppy-StatusBar')).toHaveCount(0);
  // One unit system: binary units, never decimal MB or kB.
  await expect(uploader).not.toContainText(/\d (kB|KB|MB|GB)\b/, { useInnerText: true });
  // The bar and the number agree (read together: the upload moves on between two reads).
  const { bar, shown } = await row.evaluate((el) => ({
    bar: Number(el.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')),
    shown: Number(el.querySelector('[data-testid="upload-percent"]')!.textContent!.replace('%', '')),
  }));
  expect(bar).toBe(shown);

  await expect(row.getByTestId('upload-status')).toContainText(/Uploaded/, { timeout: 120_000 });
  await expect(row.getByTestId('upload-status')).toHaveText('Verified', { timeout: 120_000 });
  await expect(page.getByTestId('version-file').getByTestId('file-status')).toHaveText(/Verified/);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await context.close();
  rmSync(dir, { recursive: true, force: true });
});
