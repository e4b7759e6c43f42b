// Issue 9, item 4 in the browser: a developer publishes OVAs signed the way ovftool signs them; the
// appliance page and the file API name the signer, a self-signed one is shown as self-signed, and a
// package whose manifest was changed after signing is rejected with the reason.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { makeDemoAppliance } from '../lib/core/appliance-kit';
import { makeSignedOva, makeSigners } from '../lib/test-support/signed-ova';
import { test, expect, DEMO, apiSignIn, rid } from './fixtures';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-signed-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function uploadOva(api: APIRequestContext, versionId: string, architecture: string, fileName: string, bytes: Uint8Array): Promise<string> {
  const created = await api.post('/api/v1/uploads', { data: { versionId, format: 'OVA', architecture, fileName, size: bytes.length } });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  const { url } = await (await api.post(`/api/v1/uploads/${upload.uploadId}/parts/1`)).json();
  const put = await api.put(url, { data: Buffer.from(bytes) });
  expect(put.status()).toBe(200);
  const done = await api.post(`/api/v1/uploads/${upload.uploadId}/complete`, {
    data: { parts: [{ PartNumber: 1, ETag: put.headers().etag }], sha256: createHash('sha256').update(bytes).digest('hex') },
  });
  expect(done.status()).toBe(200);
  return upload.fileId as string;
}

async function settled(api: APIRequestContext, fileId: string): Promise<Record<string, unknown>> {
  let file: Record<string, unknown> = {};
  await expect
    .poll(
      async () => {
        file = await (await api.get(`/api/v1/files/${fileId}`)).json();
        return file.status;
      },
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toMatch(/^(VERIFIED|REJECTED)$/);
  return file;
}

test('signed OVAs show their signer on the appliance page and in the API; a tampered one is rejected', async ({ browser }) => {
  test.setTimeout(180_000);
  const signers = makeSigners(dir);
  const kit = makeDemoAppliance({ name: `Signed ${rid(2)}`, vendor: 'E2E Labs', version: '1.0.0', message: 'signed e2e booted' });
  const disks = [{ name: kit.ova.diskNames[0], bytes: kit.vmdk.bytes }];
  const sign = (signer: typeof signers.ca, tamperManifest?: (mf: string) => string) =>
    makeSignedOva({ dir, ovf: kit.ovf, ovfName: kit.ovfName, disks, signer, tamperManifest });

  const context = await browser.newContext();
  const page = await context.newPage();
  const api = page.request;
  await apiSignIn(api, DEMO.developer);
  const slug = `signed-${rid(3)}`;
  const created = await api.post('/api/v1/publish/appliances', { data: { slug, name: `Signed ${slug}`, summary: 'Signed with openssl like ovftool.' } });
  expect(created.status()).toBe(201);
  const listing = await created.json();
  const version = await (await api.post(`/api/v1/publish/appliances/${listing.id}/versions`, { data: { version: '1.0.0' } })).json();

  const caFile = await uploadOva(api, version.id, 'AMD64', 'ca-signed.ova', sign(signers.ca));
  const selfFile = await uploadOva(api, version.id, 'ARM64', 'self-signed.ova', sign(signers.self));
  const badFile = await uploadOva(api, version.id, 'I386', 'tampered.ova', sign(signers.ca, (mf) => mf.replace(/= ([0-9a-f])/, (_m, d: string) => `= ${d === '0' ? '1' : '0'}`)));

  await test.step('the API: the signer in the file JSON, null-free for the signed ones, the reason for the tampered one', async () => {
    const ca = await settled(api, caFile);
    expect(ca.status).toBe('VERIFIED');
    expect(ca.signature).toMatchObject({ subject: 'CN=Example Appliances Signing, O=Example Appliances', issuer: 'CN=Example Test CA, O=Example Trust', trust: 'unknown-ca' });
    const self = await settled(api, selfFile);
    expect(self.signature).toMatchObject({ trust: 'self-signed', subject: 'CN=Home Lab Appliances, O=Home Lab' });
    const bad = await settled(api, badFile);
    expect(bad).toMatchObject({ status: 'REJECTED', rejectCode: 'SIGNATURE_INVALID', signature: null });
    expect(String(bad.rejectReason)).toContain('does not match the manifest');

    const listed = await (await api.get(`/api/v1/appliances/${listing.publisher}/${slug}/versions/1.0.0/files`)).json();
    const row = (listed.items as { id: string; signature: unknown }[]).find((f) => f.id === caFile);
    expect(row?.signature).toMatchObject({ subject: 'CN=Example Appliances Signing, O=Example Appliances' });
  });

  await test.step('the appliance page: who signed each file, self-signed called so, the rejection explained', async () => {
    await page.goto(`/appliances/${listing.publisher}/${slug}`);
    const ca = page.getByTestId(`signature-${caFile}`);
    await expect(ca).toContainText('Signed by CN=Example Appliances Signing, O=Example Appliances, issued by CN=Example Test CA, O=Example Trust, valid until');
    await expect(ca).toHaveAttribute('data-trust', 'unknown-ca');
    const self = page.getByTestId(`signature-${selfFile}`);
    await expect(self).toContainText('self-signed — the signer is not vouched for by anyone');
    await expect(self).not.toContainText('issued by');
    await expect(page.getByTestId(`file-${badFile}`)).toContainText('does not match the manifest');
    await expect(page.getByTestId(`signature-${badFile}`)).toHaveCount(0);
  });
  await context.close();
});
