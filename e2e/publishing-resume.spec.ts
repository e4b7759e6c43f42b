// An upload interrupted by a page reload continues where it stopped: the page finds the unfinished
// upload and says which file to pick again and how much of it is stored; Uppy asks the server
// which parts S3 already holds and sends only the others; the row then follows the file to Verified.
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeOva, makeOvf, makeRawDisk, rawToStreamOptimizedVmdk } from '../lib/core/appliance-kit';
import { test, expect, DEMO, apiSignIn, rid } from './fixtures';

const MiB = 1024 * 1024;

function writeOva(dir: string, stem: string, sizeMiB: number): string {
  const raw = makeRawDisk({ message: 'resumed', sizeBytes: sizeMiB * MiB });
  randomFillSync(raw, MiB);
  const diskName = `${stem}-disk1.vmdk`;
  const vmdk = rawToStreamOptimizedVmdk(raw, { fileName: diskName });
  const ovf = makeOvf({ name: stem, product: stem, vendor: 'E2E', version: '1', cpus: 1, memoryMiB: 256, disks: [{ fileName: diskName, fileSize: vmdk.length, capacityBytes: raw.length }] });
  const file = path.join(dir, `${stem}.ova`);
  writeFileSync(file, makeOva({ ovf, ovfName: `${stem}.ovf`, disks: [{ name: diskName, bytes: vmdk }] }));
  return file;
}

const partOf = (url: string) => {
  const u = new URL(url);
  return u.searchParams.has('uploadId') && u.searchParams.has('partNumber') ? Number(u.searchParams.get('partNumber')) : null;
};

test('a reloaded page resumes the upload without sending the parts S3 already has', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apx-e2e-resume-'));
  const ova = writeOva(dir, `resume-${rid(3)}`, 30);
  const context = await browser.newContext();
  const page = await context.newPage();
  await apiSignIn(page.request, DEMO.developer);

  const slug = `resume-${rid(3)}`;
  const listing = await (await page.request.post('/api/v1/publish/appliances', { data: { slug, name: `Resume ${slug}` } })).json();
  const version = await (await page.request.post(`/api/v1/publish/appliances/${listing.id}/versions`, { data: { version: '1.0' } })).json();
  await page.goto(`/publish/appliances/${listing.id}/versions/${version.id}`);

  // Slow enough that the reload lands in the middle of the upload.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 6 * MiB });

  await page.locator('input.uppy-Dashboard-input').first().setInputFiles(ova);
  const firstPart = page.waitForResponse((r) => r.request().method() === 'PUT' && partOf(r.url()) === 1 && r.status() === 200, { timeout: 60_000 });
  await page.getByRole('button', { name: /^Upload 1 file/ }).click();
  await firstPart;

  await page.reload();
  const { items } = await (await page.request.get(`/api/v1/uploads?versionId=${version.id}`)).json();
  expect(items).toHaveLength(1);
  const { uploadId, maxParts } = items[0];
  expect(maxParts).toBeGreaterThanOrEqual(3);
  const before: number[] = (await (await page.request.get(`/api/v1/uploads/${uploadId}/parts`)).json()).parts.map((p: { PartNumber: number }) => p.PartNumber);
  expect(before).toContain(1);
  expect(before.length).toBeLessThan(maxParts);

  const sent: number[] = [];
  page.on('request', (r) => {
    const n = r.method() === 'PUT' ? partOf(r.url()) : null;
    if (n !== null) sent.push(n);
  });
  const unfinished = page.getByTestId('unfinished-upload');
  await expect(unfinished).toContainText(`Pick ${path.basename(ova)}`);
  // What S3 holds, in the site's units: at least the first part, not all of them.
  const storedBytes = (await (await page.request.get(`/api/v1/uploads/${uploadId}/parts`)).json()).parts.reduce((n: number, p: { Size: number }) => n + p.Size, 0);
  const size = statSync(ova).size;
  await expect(unfinished.getByTestId('unfinished-stored')).toHaveText(new RegExp(`· ${Math.floor((storedBytes / size) * 100)}% stored \\([\\d.]+ MiB of [\\d.]+ MiB\\)`));
  // Its own picker refuses another file, naming the one to pick.
  const other = path.join(dir, 'other.ova');
  writeFileSync(other, Buffer.alloc(1024));
  let chooser = page.waitForEvent('filechooser');
  await unfinished.getByRole('button', { name: `Pick file… for ${path.basename(ova)}` }).click();
  await (await chooser).setFiles(other);
  await expect(page.getByTestId('unfinished-uploads').getByRole('alert')).toContainText(`pick ${path.basename(ova)}`);
  await expect(page.getByTestId('upload-row')).toHaveCount(0);
  chooser = page.waitForEvent('filechooser');
  await unfinished.getByRole('button', { name: `Pick file… for ${path.basename(ova)}` }).click();
  await (await chooser).setFiles(ova);
  await expect(page.getByTestId('upload-row')).toContainText('resuming an earlier upload');
  await expect(page.getByTestId('unfinished-uploads')).toHaveCount(0);
  await page.getByRole('button', { name: /^Upload 1 file/ }).click();
  // The row follows the file through verification, without a reload.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await expect(page.getByTestId('upload-row').getByTestId('upload-status')).toHaveText('Verified', { timeout: 180_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  const expected = Array.from({ length: maxParts }, (_, i) => i + 1).filter((n) => !before.includes(n));
  expect([...new Set(sent)].sort((a, b) => a - b)).toEqual(expected);
  for (const n of before) expect(sent).not.toContain(n);

  // And the joined file is the one that was picked: its SHA-256 and manifest check out.
  await expect(page.getByTestId('version-file').getByTestId('file-status')).toHaveText(/Verified/, { timeout: 120_000 });
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});
