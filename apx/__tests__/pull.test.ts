import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { EXIT } from '@/apx/exit-codes';
import { FaultSite, type FaultFile } from '@/apx/test-support/fault-site';
import { makeCliHome, runCli } from '@/apx/test-support/run-cli';

/**
 * `apx pull` against a site whose "object store" honours Range and, on demand, ignores it, drops
 * the connection, answers 503 or serves other bytes: resumable, verified, nothing bad kept. The
 * plain pull and its resume run against the real app in e2e/apx.spec.ts.
 */

// A few hundred KiB so a download arrives in many chunks.
const demo = makeDemoAppliance({ name: 'Pull Test', vendor: 'Acme', version: '2.0', message: 'pull test', sizeBytes: 4 * 1024 * 1024 });
let site: FaultSite;
let home: Awaited<ReturnType<typeof makeCliHome>>;
let ova: FaultFile;
let raw: FaultFile;

beforeAll(async () => {
  site = await new FaultSite().start();
  const appliance = site.addPublished({
    publisher: 'acme',
    slug: 'pull-test',
    name: 'Pull Test',
    version: '2.0',
    files: [
      { format: 'OVA', fileName: demo.ova.fileName, bytes: demo.ova.bytes, diskNames: demo.ova.diskNames },
      { format: 'RAW', fileName: demo.raw.fileName, bytes: demo.raw.bytes },
    ],
  });
  [ova, raw] = appliance.files;
});
afterAll(() => site.stop());
beforeAll(async () => {
  home = await makeCliHome('apx-pull');
});
afterAll(() => home.cleanup());
afterEach(() => {
  site.ignoreRange = false;
  site.dropAfterBytes = null;
  site.unavailableTimes = 0;
  site.objects.set(ova.id, Buffer.from(demo.ova.bytes));
  site.objects.set(raw.id, Buffer.from(demo.raw.bytes));
});

const dir = () => path.join(home.env.APX_CACHE, 'acme', 'pull-test', '2.0');
const token = () => site.addToken(['read']);
const pull = (args: string[], env: Record<string, string> = {}) =>
  runCli(['pull', 'acme/pull-test', '--json', ...args], { env: { ...home.env, APX_SITE: site.site, APX_TOKEN: token(), ...env } });
const objectRequests = (from: number) => site.requests.slice(from).filter((r) => r.path.startsWith('/s3/'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function clean() {
  const { rm } = await import('node:fs/promises');
  await rm(dir(), { recursive: true, force: true });
}

describe('apx pull', () => {
  it('downloads into <cache>/<publisher>/<appliance>/<version>/, verified; the token goes to the site only', async () => {
    await clean();
    const from = site.requests.length;
    const { code, stdout, stderr } = await pull([]);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ version: '2.0', path: path.join(dir(), demo.ova.fileName), cached: false, resumedFrom: 0, bytesTransferred: demo.ova.sizeBytes });
    expect(result.file.format).toBe('OVA'); // the default choice: the most widely runnable format
    expect(sha(await readFile(result.path))).toBe(demo.ova.sha256);
    expect(await readdir(dir())).toEqual(['.apx.json', demo.ova.fileName]);

    const download = site.requests.slice(from).find((r) => r.path.endsWith('/download'))!;
    expect(download.headers.authorization).toMatch(/^Bearer apx_/);
    const object = objectRequests(from);
    expect(object).toHaveLength(1);
    expect(object[0].host).toMatch(/^localhost:/);
    expect(object[0].headers.authorization).toBeUndefined();
    expect(object[0].headers.range).toBeUndefined();
  });

  it('a second pull finds the verified copy and downloads nothing', async () => {
    const from = site.requests.length;
    const { code, stdout } = await pull([]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ cached: true, bytesTransferred: 0 });
    expect(objectRequests(from)).toHaveLength(0);
  });

  it('an interrupted pull keeps a .part file; the next run sends Range: bytes=<size>- and fetches only the rest', async () => {
    await clean();
    const half = Math.floor(demo.raw.sizeBytes / 2);
    const first = await pull(['--format', 'raw'], { APX_TEST_INTERRUPT_AFTER_BYTES: String(half) });
    expect(first.code).toBe(EXIT.INTERRUPTED);
    expect(first.stderr).toMatch(/run the same command again to resume/);
    const dest = path.join(dir(), demo.raw.fileName);
    expect((await stat(`${dest}.part`)).size).toBe(half);
    await expect(stat(dest)).rejects.toThrow();

    const from = site.requests.length;
    const second = await pull(['--format', 'raw']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Resuming ${demo.raw.fileName} at ${half} of ${demo.raw.sizeBytes} bytes`);
    expect(JSON.parse(second.stdout)).toMatchObject({ resumedFrom: half, bytesTransferred: demo.raw.sizeBytes - half, rangeRequests: 1 });
    expect(objectRequests(from).map((r) => r.headers.range)).toEqual([`bytes=${half}-`]);
    expect(sha(await readFile(dest))).toBe(demo.raw.sha256);
    await expect(stat(`${dest}.part`)).rejects.toThrow();
  });

  it('Ctrl-C in the middle keeps the .part file (exit 130); the next run resumes', async () => {
    await clean();
    const controller = new AbortController();
    let calls = 0;
    // The clock is read once per chunk received: stop in the middle of the transfer.
    const now = () => {
      if (++calls === 20) controller.abort();
      return Date.now();
    };
    const first = await runCli(['pull', 'acme/pull-test', '--format', 'raw'], { env: { ...home.env, APX_SITE: site.site }, controller, now });
    expect(first.code).toBe(EXIT.INTERRUPTED);
    expect(first.stderr).toMatch(/Interrupted after \d+ of \d+ bytes; run the same command again to resume/);
    const kept = (await stat(path.join(dir(), `${demo.raw.fileName}.part`))).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(demo.raw.sizeBytes);
    const second = await pull(['--format', 'raw']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ resumedFrom: kept, bytesTransferred: demo.raw.sizeBytes - kept });
  });

  it('a connection dropped mid-way is resumed with a Range request in the same run', async () => {
    await clean();
    site.dropAfterBytes = 100_000;
    const from = site.requests.length;
    const { code, stdout, stderr } = await pull(['--format', 'raw']);
    expect(code, stderr).toBe(0);
    const ranges = objectRequests(from).map((r) => r.headers.range);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toBeUndefined();
    // Whatever arrived before the drop is kept: the retry asks for the rest only.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(100_000);
    expect(JSON.parse(stdout).bytesTransferred).toBe(demo.raw.sizeBytes);
  });

  it('an object store answering 503 is asked again, through a fresh link from the site', async () => {
    await clean();
    site.unavailableTimes = 1;
    const from = site.requests.length;
    const { code, stdout, stderr } = await pull(['--format', 'raw']);
    expect(code, stderr).toBe(0);
    expect(objectRequests(from)).toHaveLength(2);
    expect(site.requests.slice(from).filter((r) => r.path.endsWith('/download'))).toHaveLength(2);
    expect(JSON.parse(stdout).bytesTransferred).toBe(demo.raw.sizeBytes);
    expect(sha(await readFile(path.join(dir(), demo.raw.fileName)))).toBe(demo.raw.sha256);
  });

  it('a server that ignores Range makes the download start over instead of appending wrong bytes', async () => {
    await clean();
    await pull(['--format', 'raw'], { APX_TEST_INTERRUPT_AFTER_BYTES: '1000' });
    site.ignoreRange = true;
    const { code, stdout, stderr } = await pull(['--format', 'raw']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout).bytesTransferred).toBe(demo.raw.sizeBytes);
    expect(sha(await readFile(path.join(dir(), demo.raw.fileName)))).toBe(demo.raw.sha256);
  });

  it('bytes that do not match the published SHA-256 are refused with exit 5 and nothing is left behind', async () => {
    await clean();
    const corrupted = Buffer.from(demo.raw.bytes);
    corrupted[12345] ^= 0xff;
    site.objects.set(raw.id, corrupted);
    const { code, stdout, stderr } = await pull(['--format', 'raw']);
    expect(code).toBe(EXIT.CHECKSUM);
    expect(stderr).toMatch(/Checksum mismatch: .* the catalog says [0-9a-f]{64}\. The file was deleted\./);
    expect(JSON.parse(stdout).error).toMatchObject({ exit: 'CHECKSUM', exitCode: 5, expected: demo.raw.sha256 });
    expect((await readdir(dir())).filter((name) => name !== '.apx.json')).toEqual([]);
  });

  it('a resumed download whose rest is corrupted is refused too (the hash covers the old part)', async () => {
    await clean();
    await pull(['--format', 'raw'], { APX_TEST_INTERRUPT_AFTER_BYTES: '50000' });
    const corrupted = Buffer.from(demo.raw.bytes);
    corrupted[demo.raw.sizeBytes - 1] ^= 0x01;
    site.objects.set(raw.id, corrupted);
    const { code } = await pull(['--format', 'raw']);
    expect(code).toBe(EXIT.CHECKSUM);
    expect((await readdir(dir())).filter((name) => name !== '.apx.json')).toEqual([]);
  });

  it('more bytes than published are refused (exit 5)', async () => {
    await clean();
    site.objects.set(raw.id, Buffer.concat([Buffer.from(demo.raw.bytes), Buffer.from('trailing')]));
    expect((await pull(['--format', 'raw'])).code).toBe(EXIT.CHECKSUM);
    expect((await readdir(dir())).filter((name) => name !== '.apx.json')).toEqual([]);
  });

  it('a cached copy changed on disk is noticed and downloaded again', async () => {
    await clean();
    expect((await pull(['--format', 'raw'])).code).toBe(0);
    const dest = path.join(dir(), demo.raw.fileName);
    await writeFile(dest, 'tampered');
    const { code, stdout, stderr } = await pull(['--format', 'raw']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/differs from the published file/);
    expect(JSON.parse(stdout).cached).toBe(false);
    expect(sha(await readFile(dest))).toBe(demo.raw.sha256);
  });

  it('refuses a file name from the server that is a path, writing nothing', async () => {
    const evil = site.addPublished({ publisher: 'acme', slug: 'evil', name: 'Evil', version: '1.0', files: [{ format: 'RAW', fileName: '../../../escaped.img', bytes: demo.raw.bytes }] });
    const { code, stderr } = await runCli(['pull', 'acme/evil'], { env: { ...home.env, APX_SITE: site.site } });
    expect(code).toBe(EXIT.ERROR);
    expect(stderr).toMatch(/cannot be saved: it contains a path/);
    await expect(stat(path.join(home.env.APX_CACHE, 'escaped.img'))).rejects.toThrow();
    await expect(stat(path.join(home.dir, 'escaped.img'))).rejects.toThrow();
    site.remove(evil);
  });

  it('picks this machine’s architecture when there is a choice, and honours --arch', async () => {
    const multi = site.addPublished({
      publisher: 'acme',
      slug: 'multi',
      name: 'Multi',
      version: '1.0',
      files: [
        { format: 'QCOW2', fileName: 'm-arm64.qcow2', bytes: demo.qcow2.bytes, architecture: 'ARM64' },
        { format: 'QCOW2', fileName: 'm-amd64.qcow2', bytes: demo.qcow2.bytes, architecture: 'AMD64' },
      ],
    });
    const env = { ...home.env, APX_SITE: site.site };
    expect(JSON.parse((await runCli(['pull', 'acme/multi', '--json'], { env })).stdout).file.fileName).toBe('m-amd64.qcow2');
    expect(JSON.parse((await runCli(['pull', 'acme/multi', '--json', '--arch', 'aarch64'], { env })).stdout).file.fileName).toBe('m-arm64.qcow2');
    site.remove(multi);
  });
});
