import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance, makeOva } from '@/lib/core/appliance-kit';
import { makeTempDir } from '@/lib/core/appliance-kit/__tests__/tools';
import { EXIT } from '@/apx/exit-codes';
import { listingFromMetadata } from '@/apx/commands/publish';
import { FaultSite } from '@/apx/test-support/fault-site';
import { makeCliHome, runCli } from '@/apx/test-support/run-cli';

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
let site: FaultSite;
let home: Awaited<ReturnType<typeof makeCliHome>>;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ovaPath: string;

beforeAll(async () => {
  site = await new FaultSite().start();
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

const publisherToken = () => site.addToken(['read', 'publish']);
const apx = (argv: string[], token: string, env: Record<string, string> = {}) =>
  runCli(argv, { env: { ...home.env, APX_SITE: site.site, APX_TOKEN: token, ...env } });
const since = (from: number, method: string, prefix: string) => site.requests.slice(from).filter((r) => r.method === method && r.path.startsWith(prefix));

/*
 * What only a double can make the site do: a verdict of the server's verification that the
 * client's own inspection did not foresee, and a site that does not tell a version's id. Publishing,
 * resuming an upload and adding formats run against the real app in e2e/apx.spec.ts.
 */
describe('apx publish', () => {
  it('a rejection by the server’s verification is exit 6 with the reason', async () => {
    site.rejectWith = 'manifest digest for disk1.vmdk does not match';
    try {
      const { code, stderr, stdout } = await apx(['publish', ovaPath, '--json'], publisherToken());
      expect(code, stderr).toBe(EXIT.REJECTED);
      expect(stderr).toContain('Verification rejected');
      expect(stderr).toContain('manifest digest for disk1.vmdk does not match');
      expect(JSON.parse(stdout).error).toMatchObject({ exitCode: 6, reason: 'manifest digest for disk1.vmdk does not match' });
    } finally {
      site.rejectWith = null;
    }
  });

  it('a package the inspector refuses is refused before anything is sent (exit 6)', async () => {
    const bad = makeOva({ ovf: demo.ovf, ovfName: demo.ovfName, disks: [{ name: demo.ova.diskNames[0], bytes: demo.vmdk.bytes }] });
    const disk = Buffer.from(bad).indexOf(Buffer.from(demo.vmdk.bytes.subarray(0, 4096)));
    expect(disk).toBeGreaterThan(0);
    bad[disk + Math.floor(demo.vmdk.bytes.length / 2)] ^= 0xff; // inside the disk: its manifest digest no longer matches
    const file = tmp.file('broken.ova');
    await writeFile(file, bad);
    const from = site.requests.length;
    const { code, stderr } = await apx(['publish', file], publisherToken());
    expect(code).toBe(EXIT.REJECTED);
    expect(stderr).toMatch(/broken\.ova would be rejected: .*manifest/i);
    expect(stderr).toContain('Nothing was uploaded');
    expect(since(from, 'POST', '/api/v1/')).toHaveLength(0);
  });

  it('a disk without metadata needs --appliance and --version', async () => {
    const file = tmp.file('disk.img');
    await writeFile(file, demo.raw.bytes);
    const bare = await apx(['publish', file], publisherToken());
    expect(bare.code).toBe(EXIT.USAGE);
    expect(bare.stderr).toMatch(/--appliance/);
  });

  it('adding a file to an existing version it does not know is a clear error when the site does not tell its id', async () => {
    site.versionExists = true;
    try {
      const qcow = tmp.file('noid.qcow2');
      await writeFile(qcow, demo.qcow2.bytes);
      const { code, stderr } = await apx(['publish', qcow, '--appliance', 'publish-test', '--version', '1.4.0'], publisherToken(), { APX_CONFIG: path.join(home.dir, 'other-machine', 'config.json') });
      expect(code).toBe(EXIT.ERROR);
      expect(stderr).toMatch(/Version 1\.4\.0 of publish-test exists already/);
      expect(stderr).toMatch(/--version/);
    } finally {
      site.versionExists = false;
    }
  });

  it('a missing file is exit 3, a bad --appliance or --version exit 2', async () => {
    const token = publisherToken();
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
