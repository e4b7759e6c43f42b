// "Try in browser": a demo appliance boots in the tab (v86 with SeaBIOS), its disk read from the
// object store by Range (raw, and qcow2 and the VMDK inside an OVA through the disk reader), and
// prints its known line on the serial console; only a sliver of the image is fetched. Files the emulator cannot run say why; unpublished files cannot be tried by
// anyone but their owner, not even through the endpoint's URL.
import type { APIRequestContext, Page } from '@playwright/test';
import { makeRawDisk } from '../lib/core/appliance-kit';
import { test, expect, apiSignUp, rid } from './fixtures';

type ApiResponse = Awaited<ReturnType<APIRequestContext['post']>>;

async function ok(res: ApiResponse, what: string): Promise<ApiResponse> {
  expect(res.status(), `${what}: ${await res.text()}`).toBeLessThan(300);
  return res;
}

async function json<T>(res: ApiResponse, what: string): Promise<T> {
  return (await (await ok(res, what)).json()) as T;
}

interface FileItem {
  id: string;
  format: string;
  sizeBytes: number;
}

async function demoFiles(request: APIRequestContext, slug: string, version: string): Promise<FileItem[]> {
  return (await json<{ items: FileItem[] }>(await request.get(`/api/v1/appliances/demo-labs/${slug}/versions/${version}/files`), 'files')).items;
}

/** Bytes of JavaScript a page loads, and whether any of it is the emulator or the terminal. */
async function pageScripts(page: Page, path: string) {
  const scripts: string[] = [];
  const onResponse = (r: { url(): string; request(): { resourceType(): string } }) => {
    if (r.request().resourceType() === 'script') scripts.push(r.url());
  };
  page.on('response', onResponse);
  await page.goto(path, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  let bytes = 0;
  let emulator = false;
  for (const url of scripts) {
    const body = await (await page.request.get(url)).text();
    bytes += body.length;
    if (/xterm-helper-textarea|libv86|v86\.wasm|qcow2 L1 table|VMDK grain table/.test(body) || url.includes('/v86/')) emulator = true;
  }
  return { bytes, emulator, count: scripts.length };
}

/** A raw disk whose partition holds an ext4 superblock: a real system's disk, as far as the probe can tell. */
function diskWithFilesystem(message: string): Uint8Array {
  const disk = makeRawDisk({ message, sizeBytes: 4 * 1024 * 1024 });
  const start = new DataView(disk.buffer, disk.byteOffset).getUint32(446 + 8, true) * 512;
  disk[start + 1024 + 56] = 0x53;
  disk[start + 1024 + 57] = 0xef;
  return disk;
}

async function uploadFile(request: APIRequestContext, versionId: string, bytes: Uint8Array, format: string, architecture: string, fileName: string) {
  const { createHash } = await import('node:crypto');
  const body = Buffer.from(bytes);
  const upload = await json<{ uploadId: string; partSize: number; fileId: string }>(
    await request.post('/api/v1/uploads', { data: { versionId, format, architecture, fileName, size: body.length } }),
    'create upload',
  );
  const parts: { PartNumber: number; ETag: string }[] = [];
  for (let n = 1, offset = 0; offset < body.length; n++, offset += upload.partSize) {
    const { url } = await json<{ url: string }>(await request.post(`/api/v1/uploads/${upload.uploadId}/parts/${n}`), 'sign part');
    const put = await ok(await request.put(url, { data: body.subarray(offset, offset + upload.partSize) }), 'upload part');
    parts.push({ PartNumber: n, ETag: put.headers()['etag'] });
  }
  const sha256 = createHash('sha256').update(body).digest('hex');
  await ok(await request.post(`/api/v1/uploads/${upload.uploadId}/complete`, { data: { parts, sha256 } }), 'complete upload');
  return upload.fileId;
}

test.describe('Try in browser', () => {
  test('a demo raw disk boots in the tab and prints its line on the serial console, reading a sliver of the image', async ({ page, request }) => {
    test.setTimeout(120_000);
    const raw = (await demoFiles(request, 'alpine-minimal', '3.19')).find((f) => f.format === 'RAW')!;

    // Nothing of the emulator is on the page before the click.
    const before = await pageScripts(page, '/appliances/demo-labs/alpine-minimal');
    expect(before.emulator).toBe(false);

    const v86Requests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v86/')) v86Requests.push(new URL(r.url()).pathname);
    });
    await page.getByTestId(`try-button-${raw.id}`).click();
    const dialog = page.getByTestId(`try-${raw.id}`).getByTestId('try-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('.xterm-rows')).toContainText('Alpine Minimal 3.19 booted', { timeout: 60_000 });
    expect(v86Requests).toEqual(expect.arrayContaining(['/v86/libv86.mjs', '/v86/v86.wasm', '/v86/bios.bin', '/v86/vgabios.bin']));

    const status = dialog.getByTestId('try-status');
    await expect(status).toHaveAttribute('data-disk-size', String(raw.sizeBytes));
    await expect.poll(async () => Number(await status.getAttribute('data-bytes-fetched'))).toBeGreaterThan(0);
    const fetched = Number(await status.getAttribute('data-bytes-fetched'));
    // The boot sector needs one chunk; the image is 1 MiB (real images are GBs: the same sliver).
    expect(fetched).toBeLessThanOrEqual(raw.sizeBytes / 8);
    await expect(status).toContainText(/Read .* of 1(\.0)? MiB/);

    // The screen is a canvas (VGA), and the controls answer.
    await expect(dialog.getByTestId('try-screen').locator('canvas')).toBeVisible();
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await expect(dialog.locator('.xterm-rows')).toContainText('Alpine Minimal 3.19 booted');
    await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(dialog.getByTestId('try-console')).toHaveAttribute('data-phase', 'stopped');
    await expect(dialog.getByRole('button', { name: 'Resume' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close and stop the machine' }).click();
    await expect(dialog).toBeHidden();
  });

  test('the try endpoint hands out a short-lived Range-readable URL, CORS for the site only', async ({ request, baseURL }) => {
    const raw = (await demoFiles(request, 'alpine-minimal', '3.19')).find((f) => f.format === 'RAW')!;
    const session = await json<{ url: string; sizeBytes: number; medium: string; expiresAt: string; memoryMiB: number }>(
      await request.post(`/api/v1/files/${raw.id}/try`),
      'start a try',
    );
    expect(session).toMatchObject({ sizeBytes: raw.sizeBytes, medium: 'hda', memoryMiB: 64 });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
    const refreshed = await json<{ url: string }>(await request.get(`/api/v1/files/${raw.id}/try`), 'refresh');
    expect(refreshed.url).toMatch(/^http/);

    const origin = new URL(baseURL!).origin;
    const ranged = await request.get(session.url, { headers: { range: 'bytes=0-511', origin } });
    expect(ranged.status()).toBe(206);
    expect((await ranged.body()).length).toBe(512);
    expect(ranged.headers()['access-control-allow-origin']).toBe(origin);
    expect(ranged.headers()['access-control-expose-headers'] ?? '').toMatch(/Content-Range/i);
    const foreign = await request.get(session.url, { headers: { range: 'bytes=0-511', origin: 'https://evil.example' } });
    expect(foreign.headers()['access-control-allow-origin']).toBeUndefined();
  });

  for (const format of ['RAW', 'QCOW2', 'OVA'] as const) {
    test(`Hello PC's ${format} form boots in the tab through the disk reader, reading a sliver of its 16 MiB`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const file = (await demoFiles(request, 'hello-pc', '1.0')).find((f) => f.format === format)!;
      expect(file.sizeBytes).toBeGreaterThan(15 * 1024 * 1024);
      await page.goto('/appliances/demo-labs/hello-pc');
      const ranges: string[] = [];
      page.on('request', (r) => {
        const range = r.headers()['range'];
        if (range) ranges.push(range);
      });
      await page.getByTestId(`try-button-${file.id}`).click();
      const dialog = page.getByTestId(`try-${file.id}`).getByTestId('try-dialog');
      await expect(dialog.locator('.xterm-rows')).toContainText('Hello PC 1.0 booted', { timeout: 60_000 });
      const status = dialog.getByTestId('try-status');
      await expect(status).toHaveAttribute('data-file-size', String(file.sizeBytes));
      await expect(status).toHaveAttribute('data-disk-size', String(16 * 1024 * 1024));
      if (format !== 'RAW') await expect(status).toContainText(format === 'QCOW2' ? /qcow2, 16(\.0)? MiB disk/ : /VMDK \(stream\) in the OVA, 16(\.0)? MiB disk/);
      const fetched = Number(await status.getAttribute('data-bytes-fetched'));
      console.log(`[try] ${format}: ${fetched} of ${file.sizeBytes} bytes fetched in ${ranges.length} range requests`);
      // Booting reads the tables and the boot sector's blocks: far below the image (< 1/16 of it).
      expect(fetched).toBeGreaterThan(0);
      expect(fetched).toBeLessThan(file.sizeBytes / 16);
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.every((r) => /^bytes=\d+-\d+$/.test(r))).toBe(true);

      // Typed into the serial console, echoed back by the guest (the terminal itself never echoes).
      await dialog.getByTestId('try-terminal').click();
      await page.keyboard.type(`echo ${format.toLowerCase()}`);
      await page.keyboard.press('Enter');
      await expect(dialog.locator('.xterm-rows')).toContainText(`echo ${format.toLowerCase()}`);
      await dialog.getByRole('button', { name: 'Close and stop the machine' }).click();
      await expect(dialog).toBeHidden();
    });
  }

  test('every form of the demo disks is offered; a Vagrant box gets no try line', async ({ page, request }) => {
    const files = await demoFiles(request, 'alpine-minimal', '3.19');
    await page.goto('/appliances/demo-labs/alpine-minimal');
    for (const format of ['RAW', 'QCOW2', 'OVA']) {
      const f = files.find((x) => x.format === format)!;
      await expect(page.getByTestId(`try-button-${f.id}`)).toBeVisible();
    }
    // A Vagrant box gets no try line at all; its player runs it.
    const box = files.find((x) => x.format === 'VAGRANT_BOX')!;
    await expect(page.getByTestId(`try-${box.id}`)).toHaveCount(0);
    await expect(page.getByTestId(`try-unavailable-${box.id}`)).toHaveCount(0);
  });

  test('the try console, at 1366 and 390 px', async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    const file = (await demoFiles(request, 'hello-pc', '1.0')).find((f) => f.format === 'QCOW2')!;
    for (const [width, height] of [[1366, 900], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await page.goto('/appliances/demo-labs/hello-pc');
      await page.getByTestId(`try-button-${file.id}`).scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`hello-pc-files-${width}.png`) });
      await page.getByTestId(`try-button-${file.id}`).click();
      const dialog = page.getByTestId(`try-${file.id}`).getByTestId('try-dialog');
      await expect(dialog.locator('.xterm-rows')).toContainText('Hello PC 1.0 booted', { timeout: 60_000 });
      await expect(dialog.getByTestId('try-console')).toHaveAttribute('data-phase', 'running');
      // Nothing in the dialog is wider than the screen.
      const overflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
      expect(overflow, `the dialog scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`try-console-${width}.png`) });
      await dialog.getByRole('button', { name: 'Close and stop the machine' }).click();
    }
  });

  test('an amd64 system is explained, not offered; an unpublished file cannot be tried by others, even by URL', async ({ browser }) => {
    test.setTimeout(150_000);
    const id = rid(3);
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await apiSignUp(owner.request, `Try Maker ${id}`);
    await owner.goto('/publish');
    await owner.getByLabel('Handle').fill(`try-${id}`);
    await owner.getByLabel('Display name').fill(`Try Works ${id}`);
    await owner.getByRole('button', { name: 'Create publisher profile' }).click();
    await expect(owner.getByRole('heading', { name: `Try Works ${id}` })).toBeVisible();
    const listing = await json<{ id: string }>(
      await owner.request.post('/api/v1/publish/appliances', { data: { slug: 'try-box', name: `Try Box ${id}`, summary: 'Two disks: a 64-bit system and a boot sector.' } }),
      'create listing',
    );
    const version = await json<{ id: string }>(await owner.request.post(`/api/v1/publish/appliances/${listing.id}/versions`, { data: { version: '1.0.0' } }), 'create version');
    const amd64 = { id: await uploadFile(owner.request, version.id, diskWithFilesystem('system'), 'RAW', 'AMD64', 'system-amd64.img') };
    const i386 = { id: await uploadFile(owner.request, version.id, makeRawDisk({ message: `Try box ${id} booted` }), 'RAW', 'I386', 'hello-i386.img') };
    // The worker verifies both.
    for (const f of [amd64, i386]) {
      await expect
        .poll(async () => ((await (await owner.request.get(`/api/v1/files/${f.id}`)).json()) as { status: string }).status, { timeout: 60_000, intervals: [500, 1000, 2000] })
        .toBe('VERIFIED');
    }
    const page = `/appliances/try-${id}/try-box`;

    // The owner sees the explanation (and the apx line) for the amd64 system, the button for the i386 disk.
    await owner.goto(page);
    await expect(owner.getByTestId(`try-unavailable-${amd64.id}`)).toContainText('64-bit (amd64) system');
    await expect(owner.getByTestId(`try-unavailable-${amd64.id}`)).toContainText(`apx launch try-${id}/try-box@1.0.0 --format raw --arch amd64`);
    await expect(owner.getByTestId(`try-button-${amd64.id}`)).toHaveCount(0);
    await expect(owner.getByTestId(`try-button-${i386.id}`)).toBeVisible();
    expect((await owner.request.post(`/api/v1/files/${amd64.id}/try`)).status()).toBe(409);
    expect((await owner.request.post(`/api/v1/files/${i386.id}/try`)).status()).toBe(200);

    // The owner boots the unpublished disk.
    await owner.getByTestId(`try-button-${i386.id}`).click();
    await expect(owner.getByTestId('try-dialog').locator('.xterm-rows')).toContainText(`Try box ${id} booted`, { timeout: 60_000 });

    // Anyone else: the page and both try endpoints are "not found", signed in or not.
    const strangerContext = await browser.newContext();
    const stranger = await strangerContext.newPage();
    await apiSignUp(stranger.request);
    expect((await stranger.goto(page))!.status()).toBe(404);
    for (const method of ['post', 'get'] as const) {
      expect((await stranger.request[method](`/api/v1/files/${i386.id}/try`)).status()).toBe(404);
    }
    const anonymous = await browser.newContext();
    expect((await anonymous.request.post(`/api/v1/files/${i386.id}/try`)).status()).toBe(404);
    expect((await anonymous.request.get(`/api/v1/files/${i386.id}/try`)).status()).toBe(404);
    await Promise.all([ownerContext.close(), strangerContext.close(), anonymous.close()]);
  });

  test('home and catalog load no emulator code, and the publisher sees tries beside downloads', async ({ page, browser }) => {
    for (const path of ['/', '/browse']) {
      const weight = await pageScripts(page, path);
      expect(weight.emulator, `${path} loads emulator code`).toBe(false);
      console.log(`[js-weight] ${path}: ${weight.bytes} bytes in ${weight.count} scripts`);
    }
    const applianceWeight = await pageScripts(page, '/appliances/demo-labs/alpine-minimal');
    console.log(`[js-weight] /appliances/demo-labs/alpine-minimal: ${applianceWeight.bytes} bytes in ${applianceWeight.count} scripts`);

    const dev = await browser.newContext();
    const devPage = await dev.newPage();
    const { DEMO, apiSignIn } = await import('./fixtures');
    await apiSignIn(devPage.request, DEMO.developer);
    const raw = (await demoFiles(devPage.request, 'alpine-minimal', '3.19')).find((f) => f.format === 'RAW')!;
    await ok(await devPage.request.post(`/api/v1/files/${raw.id}/try`), 'try as the developer');
    await expect
      .poll(async () => ((await (await devPage.request.get('/api/v1/appliances/demo-labs/alpine-minimal/downloads?days=7')).json()) as { totalTries: number }).totalTries)
      .toBeGreaterThan(0);
    await devPage.goto('/appliances/demo-labs/alpine-minimal');
    await expect(devPage.getByTestId('downloads-chart')).toContainText('Downloads and tries, last 30 days');
    await expect(devPage.getByTestId('downloads-chart')).toContainText('Tries in browser');
    await dev.close();
  });
});
