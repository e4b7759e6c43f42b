import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance, makeOva } from '@/lib/core/appliance-kit';
import { makeTempDir } from '@/lib/core/appliance-kit/__tests__/tools';
import { EXIT } from '@/apx/exit-codes';
import { listingFromMetadata } from '@/apx/commands/publish';
import { FakeSite } from '@/apx/test-support/fake-site';
import { makeCliHome, runCli } from '@/apx/test-support/run-cli';

const PART = 4 * 1024;
const demo = makeDemoAppliance({
  name: 'Publish Test',
  vendor: 'Acme',
  version: '1.4.0',
  message: 'publish test',
  annotation: 'Prints a line.\n\nAnd nothing else.',
  productUrl: 'https://acme.example/publish-test',
  cpus: 2,
  memoryMiB: 96,
  sizeBytes: 8 * 1024 * 1024,
});
let site: FakeSite;
let home: Awaited<ReturnType<typeof makeCliHome>>;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ovaPath: string;

beforeAll(async () => {
  site = await new FakeSite({ partSize: PART }).start();
  home = await makeCliHome('apx-publish');
  tmp = await makeTempDir('apx-publish-files');
  ovaPath = tmp.file(demo.ova.fileName);
  await writeFile(ovaPath, demo.ova.bytes);
});
afterAll(async () => {
  await site.stop();
  await home.cleanup();
  await tmp.cleanup();
});

const publisherToken = (publisher: string) => site.addToken(['read', 'publish'], publisher);
const apx = (argv: string[], token: string, env: Record<string, string> = {}) =>
  runCli(argv, { env: { ...home.env, APX_SITE: site.site, APX_TOKEN: token, ...env } });
const since = (from: number, method: string, prefix: string) => site.requests.slice(from).filter((r) => r.method === method && r.path.startsWith(prefix));

describe('apx publish', () => {
  it('creates the listing and version from the OVA’s own metadata, uploads in parts, waits for verification, releases and submits', async () => {
    const token = publisherToken('acme-a');
    const { code, stdout, stderr } = await apx(['publish', ovaPath, '--json'], token);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      appliance: { publisher: 'acme-a', slug: 'publish-test' },
      version: { version: '1.4.0', status: 'RELEASED' },
      listing: { status: 'IN_REVIEW' },
      file: { status: 'VERIFIED', sha256: demo.ova.sha256, diskNames: demo.ova.diskNames, hardware: { cpus: 2, memoryMiB: 96 } },
      upload: { partsSkipped: 0, partsSent: Math.ceil(demo.ova.sizeBytes / PART) },
    });
    const appliance = site.appliances.find((a) => a.publisher === 'acme-a' && a.slug === 'publish-test')!;
    expect(appliance).toMatchObject({ name: 'Publish Test', summary: 'Prints a line.', homepage: 'https://acme.example/publish-test', status: 'IN_REVIEW' });
    const file = appliance.versions[0].files[0];
    expect(file).toMatchObject({ format: 'OVA', architecture: 'AMD64', fileName: demo.ova.fileName, status: 'VERIFIED' });
    expect(Buffer.compare(file.bytes, Buffer.from(demo.ova.bytes))).toBe(0);
    expect(JSON.parse(await readFile(path.join(path.dirname(home.env.APX_CONFIG), 'uploads.json'), 'utf8'))).toEqual({});
  });

  it('prints the verified metadata for people', async () => {
    const token = publisherToken('acme-text');
    const { code, stdout } = await apx(['publish', ovaPath], token);
    expect(code).toBe(0);
    expect(stdout).toContain(`Verified: ${demo.ova.fileName} (ova, amd64,`);
    expect(stdout).toContain(`SHA-256  ${demo.ova.sha256}`);
    expect(stdout).toContain('Product  Publish Test 1.4.0 by Acme');
    expect(stdout).toContain('Needs    2 CPU, 96 MiB');
    expect(stdout).toContain('Listing: in review');
    expect(stdout).toContain('apx pull acme-text/publish-test@1.4.0');
  });

  it('resumes an interrupted upload: lists the parts on the server and sends only the missing ones', async () => {
    const token = publisherToken('acme-resume');
    const parts = Math.ceil(demo.ova.sizeBytes / PART);
    expect(parts).toBeGreaterThan(4);
    const first = await apx(['publish', ovaPath], token, { APX_TEST_INTERRUPT_AFTER_PARTS: '3' });
    expect(first.code).toBe(EXIT.INTERRUPTED);
    const state = Object.values(JSON.parse(await readFile(path.join(path.dirname(home.env.APX_CONFIG), 'uploads.json'), 'utf8'))) as { uploadId: string }[];
    expect(state).toHaveLength(1);
    expect(site.uploads.get(state[0].uploadId)!.parts.size).toBe(3);

    const from = site.requests.length;
    const second = await apx(['publish', ovaPath, '--json'], token);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Resuming the upload: 3 of ${parts} parts are already on the server.`);
    expect(since(from, 'POST', '/api/v1/uploads').filter((r) => r.path === '/api/v1/uploads')).toHaveLength(0);
    expect(since(from, 'GET', `/api/v1/uploads/${state[0].uploadId}/parts`)).toHaveLength(1);
    const sent = since(from, 'PUT', '/s3-part/').map((r) => Number(r.path.split('/')[3].split('?')[0]));
    expect(sent.sort((a, b) => a - b)).toEqual(Array.from({ length: parts - 3 }, (_, i) => i + 4));
    expect(JSON.parse(second.stdout)).toMatchObject({ upload: { partsSkipped: 3, partsSent: parts - 3 }, file: { status: 'VERIFIED', sha256: demo.ova.sha256 } });
    expect(JSON.parse(await readFile(path.join(path.dirname(home.env.APX_CONFIG), 'uploads.json'), 'utf8'))).toEqual({});
  });

  it('without the local state (another machine, a deleted file), continues the unfinished upload the site lists', async () => {
    const token = publisherToken('acme-lost');
    expect((await apx(['publish', ovaPath], token, { APX_TEST_INTERRUPT_AFTER_PARTS: '2' })).code).toBe(EXIT.INTERRUPTED);
    await writeFile(path.join(path.dirname(home.env.APX_CONFIG), 'uploads.json'), '{}');
    const { code, stdout, stderr } = await apx(['publish', ovaPath, '--json'], token);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`Continuing an unfinished upload of ${demo.ova.fileName} found on the site.`);
    expect(JSON.parse(stdout)).toMatchObject({ upload: { partsSkipped: 2 }, file: { status: 'VERIFIED' } });
  });

  it('a rejection by the server’s verification is exit 6 with the reason', async () => {
    const token = publisherToken('acme-reject');
    site.forceReject.set(demo.ova.fileName, 'manifest digest for disk1.vmdk does not match');
    try {
      const { code, stderr, stdout } = await apx(['publish', ovaPath, '--json'], token);
      expect(code).toBe(EXIT.REJECTED);
      expect(stderr).toContain('Verification rejected');
      expect(stderr).toContain('manifest digest for disk1.vmdk does not match');
      expect(JSON.parse(stdout).error).toMatchObject({ exitCode: 6, reason: 'manifest digest for disk1.vmdk does not match' });
    } finally {
      site.forceReject.clear();
    }
  });

  it('a package the inspector refuses is refused before anything is sent (exit 6)', async () => {
    const token = publisherToken('acme-broken');
    const bad = makeOva({ ovf: demo.ovf, ovfName: demo.ovfName, disks: [{ name: demo.ova.diskNames[0], bytes: demo.vmdk.bytes }] });
    const disk = Buffer.from(bad).indexOf(Buffer.from(demo.vmdk.bytes.subarray(0, 4096)));
    expect(disk).toBeGreaterThan(0);
    bad[disk + Math.floor(demo.vmdk.bytes.length / 2)] ^= 0xff; // inside the disk: its manifest digest no longer matches
    const file = tmp.file('broken.ova');
    await writeFile(file, bad);
    const from = site.requests.length;
    const { code, stderr } = await apx(['publish', file], token);
    expect(code).toBe(EXIT.REJECTED);
    expect(stderr).toMatch(/broken\.ova would be rejected: .*manifest/i);
    expect(stderr).toContain('Nothing was uploaded');
    expect(since(from, 'POST', '/api/v1/')).toHaveLength(0);
  });

  it('a disk without metadata needs --appliance and --version; with them it publishes (format from the content)', async () => {
    const token = publisherToken('acme-raw');
    const file = tmp.file('disk.img');
    await writeFile(file, demo.raw.bytes);
    const bare = await apx(['publish', file], token);
    expect(bare.code).toBe(EXIT.USAGE);
    expect(bare.stderr).toMatch(/--appliance/);
    const { code, stdout, stderr } = await apx(['publish', file, '--appliance', 'raw-disk', '--version', '0.1', '--json'], token);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ appliance: { slug: 'raw-disk' }, file: { format: 'RAW', status: 'VERIFIED' } });
  });

  it('adds a second format to a version this client created earlier (its id remembered beside the configuration)', async () => {
    const token = publisherToken('acme-same');
    expect((await apx(['publish', ovaPath], token)).code).toBe(0);
    const qcow = tmp.file('same.qcow2');
    await writeFile(qcow, demo.qcow2.bytes);
    const { code, stdout, stderr } = await apx(['publish', qcow, '--appliance', 'publish-test', '--version', '1.4.0', '--json'], token);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Version: 1.4.0 (exists)');
    // Released already, listing in review already: neither is attempted again with a warning.
    expect(stderr).not.toContain('warning');
    expect(JSON.parse(stdout)).toMatchObject({ version: { status: 'RELEASED' }, file: { format: 'QCOW2', status: 'VERIFIED' } });
    const appliance = site.appliances.find((a) => a.publisher === 'acme-same')!;
    expect(appliance.versions[0].files.map((f) => f.format).sort()).toEqual(['OVA', 'QCOW2']);
  });

  it('adding a file to an existing version it does not know is a clear error when the site does not list its id', async () => {
    const token = publisherToken('acme-noid');
    expect((await apx(['publish', ovaPath], token)).code).toBe(0);
    const qcow = tmp.file('noid.qcow2');
    await writeFile(qcow, demo.qcow2.bytes);
    const { code, stderr } = await apx(['publish', qcow, '--appliance', 'publish-test', '--version', '1.4.0'], token, { APX_CONFIG: path.join(home.dir, 'other-machine', 'config.json') });
    expect(code).toBe(EXIT.ERROR);
    expect(stderr).toMatch(/Version 1\.4\.0 of publish-test exists already/);
    expect(stderr).toMatch(/--version/);
  });

  it('adds a second format to an existing version when the listing names its versions (409 on create, found there)', async () => {
    site.listingVersions = true;
    const token = publisherToken('acme-two');
    expect((await apx(['publish', ovaPath], token)).code).toBe(0);
    const qcow = tmp.file('publish-test.qcow2');
    await writeFile(qcow, demo.qcow2.bytes);
    const { code, stdout, stderr } = await apx(['publish', qcow, '--appliance', 'publish-test', '--version', '1.4.0', '--json', '--no-wait'], token, {
      APX_CONFIG: path.join(home.dir, 'third-machine', 'config.json'),
    });
    site.listingVersions = false;
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Version: 1.4.0 (exists, released)');
    expect(JSON.parse(stdout).file.status).toBe('PENDING');
    const appliance = site.appliances.find((a) => a.publisher === 'acme-two')!;
    expect(appliance.versions).toHaveLength(1);
    expect(appliance.versions[0].files.map((f) => f.format).sort()).toEqual(['OVA', 'QCOW2']);
  });

  it('refuses a read-only token (exit 4) and says what is needed', async () => {
    const { code, stderr } = await apx(['publish', ovaPath], site.addToken(['read'], 'acme-ro'));
    expect(code).toBe(EXIT.AUTH);
    expect(stderr).toMatch(/publish/);
  });

  it('a missing file is exit 3, a bad --appliance or --version exit 2', async () => {
    const token = publisherToken('acme-args');
    expect((await apx(['publish', tmp.file('nope.ova')], token)).code).toBe(EXIT.NOT_FOUND);
    expect((await apx(['publish', ovaPath, '--appliance', '../x'], token)).code).toBe(EXIT.USAGE);
    expect((await apx(['publish', ovaPath, '--version=-1'], token)).code).toBe(EXIT.USAGE);
  });
});

describe('listing fields from metadata', () => {
  it('product → name and slug, annotation → summary (first paragraph) and description, product URL → homepage', () => {
    expect(listingFromMetadata({ disks: [], networks: [], product: 'Web Box', annotation: 'Serves.\n\nLong text.', productUrl: 'javascript:alert(1)', vendorUrl: 'https://v.example' }, {})).toEqual({
      slug: 'web-box',
      name: 'Web Box',
      summary: 'Serves.',
      description: 'Serves.\n\nLong text.',
      homepage: 'https://v.example/',
    });
    expect(listingFromMetadata({ disks: [], networks: [] }, { slug: 'given' })).toMatchObject({ slug: 'given', name: 'given' });
  });
});
