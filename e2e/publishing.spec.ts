// Issue 3's "Done when", in the browser: a new developer signs up, creates a publisher profile and
// a listing, uploads a real OVA through Uppy (progress, pause, resume), sees it verified with the
// extracted hardware filled in, submits it; the demo admin approves it; anyone can see it.
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { makeOva, makeOvf, makeRawDisk, rawToStreamOptimizedVmdk } from '../lib/core/appliance-kit';
import { test, expect, DEMO, apiSignIn, rid, uiSignUp } from './fixtures';

const MiB = 1024 * 1024;

/** A real OVA (OVF, SHA-256 manifest, streamOptimized VMDK) of about `sizeMiB`, incompressible so it takes several parts. */
function writeOva(dir: string, name: string, sizeMiB: number): string {
  const raw = makeRawDisk({ message: `${name} booted`, sizeBytes: sizeMiB * MiB });
  randomFillSync(raw, MiB);
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const diskName = `${stem}-disk1.vmdk`;
  const vmdk = rawToStreamOptimizedVmdk(raw, { fileName: diskName });
  const ovf = makeOvf({
    name: stem,
    product: name,
    vendor: 'E2E Labs',
    version: '1.0.0',
    os: { id: 96, vmwOsType: 'debian10_64Guest', description: 'Debian GNU/Linux 10 (64-bit)' },
    cpus: 2,
    memoryMiB: 768,
    disks: [{ fileName: diskName, fileSize: vmdk.length, capacityBytes: raw.length }],
  });
  const file = path.join(dir, `${stem}.ova`);
  writeFileSync(file, makeOva({ ovf, ovfName: `${stem}.ovf`, disks: [{ name: diskName, bytes: vmdk }] }));
  return file;
}

/** Slows this page's uploads so that pausing, resuming and progress can be watched. */
async function throttleUploads(context: BrowserContext, page: Page, bytesPerSecond: number) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

async function percentOf(page: Page): Promise<number> {
  const text = await page.getByTestId('upload-percent').first().textContent();
  return Number((text ?? '0').replace('%', ''));
}

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'apx-e2e-publish-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a new developer publishes an appliance, from sign-up to a public listing', async ({ browser }) => {
  test.setTimeout(360_000);
  const id = rid(3);
  const name = `Probe Appliance ${id}`;
  const handle = `probe-${id}`;
  const ova = writeOva(dir, name, 26);

  const context = await browser.newContext();
  const page = await context.newPage();

  await test.step('sign up', async () => {
    await uiSignUp(page, { name: 'Pia Publisher', email: `pia-${id}@test.local`, password: `Sturdy-${id}-Pass9` });
  });

  await test.step('create the publisher profile', async () => {
    await page.goto('/publish');
    await expect(page.getByRole('heading', { name: 'Become a publisher' })).toBeVisible();
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Display name').fill(`Probe Works ${id}`);
    await page.getByRole('button', { name: 'Create publisher profile' }).click();
    await expect(page.getByRole('heading', { name: `Probe Works ${id}` })).toBeVisible();
  });

  let slug = '';
  await test.step('create the listing and describe it, with a live preview', async () => {
    await page.getByRole('link', { name: 'New appliance' }).click();
    await page.getByLabel('Name').fill(name);
    slug = await page.getByLabel('Address').inputValue();
    expect(slug).toBe(`probe-appliance-${id}`);
    await page.getByLabel('Summary').fill('A tiny appliance that boots and says hello.');
    await page.getByLabel('Category').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Create listing' }).click();
    await expect(page).toHaveURL(/\/publish\/appliances\/\w+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('listing-status')).toHaveText('Draft');

    await page.getByLabel('Description', { exact: true }).fill('## Getting started\n\nLog in as **root**. <script>alert(1)</script>');
    const preview = page.getByTestId('description-preview');
    await expect(preview.getByRole('heading', { name: 'Getting started' })).toBeVisible();
    await expect(preview.locator('strong')).toHaveText('root');
    await expect(preview.locator('script')).toHaveCount(0);
    await page.getByLabel('License', { exact: true }).fill('MIT');
    await page.getByLabel('Tags').fill('demo, hello');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
  });

  await test.step('create version 1.0.0', async () => {
    await expect(page.getByLabel('Version')).toHaveValue('1.0.0');
    await page.getByRole('button', { name: 'Create version' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('1.0.0');
  });

  await test.step('upload the OVA with Uppy: progress, pause, resume', async () => {
    await throttleUploads(context, page, 4 * MiB);
    await page.locator('input.uppy-Dashboard-input').first().setInputFiles(ova);
    const row = page.getByTestId('upload-row');
    await expect(row).toContainText(path.basename(ova));
    await expect(page.getByLabel(`Format of ${path.basename(ova)}`)).toHaveValue('OVA');
    await expect(page.getByLabel(`Architecture of ${path.basename(ova)}`)).toHaveValue('AMD64');
    await page.getByRole('button', { name: /^Upload 1 file/ }).click();

    await expect.poll(() => percentOf(page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(row.getByTestId('upload-progress')).toContainText(/B\/s/);
    await expect(row.getByTestId('upload-progress')).toContainText(/left|estimating/);

    await page.getByRole('button', { name: 'Pause upload' }).click();
    await expect(row).toContainText('paused');
    const paused = await percentOf(page);
    await page.waitForTimeout(2500);
    expect(await percentOf(page)).toBe(paused);
    expect(paused).toBeLessThan(100);

    await page.getByRole('button', { name: 'Resume upload' }).click();
    await expect(row).not.toContainText('paused');
    await expect(row.getByTestId('upload-status')).toBeVisible({ timeout: 120_000 });
  });

  await test.step('see it verified, with the hardware found inside', async () => {
    const file = page.getByTestId('version-file');
    await expect(file.getByTestId('file-status')).toHaveText(/Verified/, { timeout: 120_000 });
    await expect(file.getByTestId('fact-cpus')).toHaveText('2');
    await expect(file.getByTestId('fact-memory')).toHaveText('768 MiB');
    await expect(file.getByTestId('fact-os')).toHaveText('Debian GNU/Linux 10 (64-bit)');
    await expect(file.getByTestId('fact-disk')).toHaveText('26.0 MiB');
    await expect(file.getByTestId('fact-manifest')).toContainText('SHA256');
    await page.getByRole('button', { name: 'Release 1.0.0' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Released');
    await expect(page.getByRole('button', { name: 'Revoke this version…' })).toBeVisible();
  });

  await test.step('the requirements were filled from inspection; submit for review', async () => {
    await page.getByRole('link', { name }).first().click();
    await expect(page.getByLabel('CPUs')).toHaveValue('2');
    await expect(page.getByLabel('Memory (MiB)')).toHaveValue('768');
    await expect(page.getByLabel('OS family')).toHaveValue('linux');
    await expect(page.getByLabel('Operating system')).toHaveValue('Debian GNU/Linux 10 (64-bit)');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByText('Waiting for review.')).toBeVisible();
    await expect(page.getByTestId('listing-status')).toHaveText('In review');
  });

  await test.step('nobody else sees it yet', async () => {
    const anon = await browser.newContext();
    const res = await (await anon.newPage()).goto(`/appliances/${handle}/${slug}`);
    expect(res?.status()).toBe(404);
    await anon.close();
  });

  await test.step('the demo admin approves it in /admin/moderation', async () => {
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await apiSignIn(admin.request, DEMO.admin);
    await admin.goto('/admin/moderation');
    const card = admin.getByTestId(`moderation-${slug}`);
    await expect(card).toContainText(name);
    await expect(card.getByTestId('moderation-inspection')).toContainText('2 CPU');
    await expect(card.getByTestId('moderation-inspection')).toContainText('Debian GNU/Linux 10');
    await card.getByRole('button', { name: `Approve and publish ${name}` }).click();
    await expect(card.getByText('Approved and published.')).toBeVisible();
    await adminContext.close();
  });

  await test.step('the listing is public', async () => {
    const anon = await browser.newContext();
    const visitor = await anon.newPage();
    const res = await visitor.goto(`/appliances/${handle}/${slug}`);
    expect(res?.status()).toBe(200);
    await expect(visitor.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(visitor.getByRole('main')).toContainText('1.0.0');
    await anon.close();

    await page.goto('/publish');
    await expect(page.getByTestId(`my-appliance-${slug}`).getByTestId('listing-status')).toHaveText('Published');
  });
  await context.close();
});

/** Publishes a small real OVA into a new listing through the API, as the `apx` client would. */
async function listingInReview(page: Page, ovaFile: string) {
  const slug = `rejectable-${rid(3)}`;
  const api = page.request;
  const created = await api.post('/api/v1/publish/appliances', { data: { slug, name: `Rejectable ${slug}`, summary: 'Will be sent back.' } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const early = await api.post(`/api/v1/publish/appliances/${id}/submit`);
  expect(early.status()).toBe(409);
  expect((await early.json()).detail).toMatch(/Release a version that has at least one verified file/);

  const version = await (await api.post(`/api/v1/publish/appliances/${id}/versions`, { data: { version: '0.1.0' } })).json();
  const bytes = readFileSync(ovaFile);
  const upload = await (await api.post('/api/v1/uploads', { data: { versionId: version.id, format: 'OVA', architecture: 'AMD64', fileName: 'small.ova', size: bytes.length } })).json();
  const { url } = await (await api.post(`/api/v1/uploads/${upload.uploadId}/parts/1`)).json();
  const put = await api.put(url, { data: bytes });
  expect(put.status()).toBe(200);
  const done = await api.post(`/api/v1/uploads/${upload.uploadId}/complete`, {
    data: { parts: [{ PartNumber: 1, ETag: put.headers().etag }], sha256: createHash('sha256').update(bytes).digest('hex') },
  });
  expect(done.status()).toBe(200);
  await expect.poll(async () => (await api.post(`/api/v1/publish/versions/${version.id}/release`)).status(), { timeout: 60_000, intervals: [1000] }).toBe(200);
  expect((await api.post(`/api/v1/publish/appliances/${id}/submit`)).status()).toBe(200);
  return { id, slug, name: `Rejectable ${slug}` };
}

test('a rejected submission comes back to the publisher with the moderator’s reason', async ({ browser }) => {
  test.setTimeout(180_000);
  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  await apiSignIn(dev.request, DEMO.developer);
  const listing = await listingInReview(dev, writeOva(dir, `Small ${rid(2)}`, 2));

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await apiSignIn(admin.request, DEMO.admin);
  await admin.goto('/admin/moderation');
  const card = admin.getByTestId(`moderation-${listing.slug}`);
  await card.getByRole('button', { name: `Reject ${listing.name}…` }).click();
  await card.getByLabel('What should the publisher change?').fill('Please add a screenshot and the default password.');
  await card.getByRole('button', { name: `Reject with reason and send ${listing.name} back` }).click();
  await expect(card.getByText('Rejected; the publisher sees your reason.')).toBeVisible();
  await admin.reload();
  await expect(admin.getByText('“Please add a screenshot and the default password.”')).toBeVisible();

  await dev.goto('/publish');
  const row = dev.getByTestId(`my-appliance-${listing.slug}`);
  await expect(row.getByTestId('listing-status')).toHaveText('Changes requested');
  await expect(row).toContainText('Please add a screenshot and the default password.');
  await dev.goto(`/publish/appliances/${listing.id}`);
  await expect(dev.getByTestId('review-note')).toHaveText('Please add a screenshot and the default password.');
  await expect(dev.getByRole('button', { name: 'Submit again' })).toBeEnabled();

  // Still not public.
  const anon = await browser.newContext();
  expect((await (await anon.newPage()).goto(`/appliances/demo-labs/${listing.slug}`))?.status()).toBe(404);
  await anon.close();
  await devContext.close();
  await adminContext.close();
});
