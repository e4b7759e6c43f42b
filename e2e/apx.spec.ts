import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Page } from '@playwright/test';
import { makeDemoAppliance } from '../lib/core/appliance-kit';
import { makeDebianFixture, type DebianFixture } from '../apx/test-support/debian-fixture';
import { test, expect, DEMO, apiSignIn, apiSignUp, rid } from './fixtures';

/**
 * `apx` against the real product: a new developer publishes an OVA made with Debian's tools (nasm,
 * qemu-img, tar), an admin approves it, `apx pull` verifies it, `apx launch --player qemu` boots it
 * (the known line appears on the serial console), an interrupted pull resumes with a Range
 * request, a file corrupted in S3 is refused, and `apx launch --dry-run` prints exactly the
 * site's launch panel. Every `apx` is a real subprocess: `node scripts/apx.mjs …`.
 *
 * What the real app serves is asserted here, not against a double: search, info, --json, exit
 * codes for what does not exist, tokens and their scopes, the launch plans, a resumed upload.
 * apx/__tests__ keeps only what the app cannot be made to do (apx/test-support/fault-site.ts).
 */

const APX = path.resolve('scripts/apx.mjs');
const site = `http://localhost:${process.env.E2E_PORT}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function apx(args: string[], env: Record<string, string>, options: { until?: string; timeoutMs?: number; stdin?: string } = {}): Promise<Run & { found: boolean; elapsedMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so QEMU goes with it when the test stops it.
    const child = spawn(process.execPath, [APX, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let found = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(stop, options.timeoutMs ?? 120_000);
    child.stdout.setEncoding('latin1').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.until && !found && stdout.includes(options.until)) {
        found = true;
        stop();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(options.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, found, elapsedMs: Date.now() - started });
    });
  });
}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

async function secrets(): Promise<{ s3AccessKeyId: string; s3SecretAccessKey: string }> {
  return JSON.parse(await readFile(path.join(process.env.E2E_DATA_DIR!, 'secrets.json'), 'utf8'));
}

/** The embedded S3 of the server under test, as an operator (or an attacker with its keys) sees it. */
async function s3(): Promise<S3Client> {
  const s = await secrets();
  return new S3Client({
    endpoint: `http://127.0.0.1:${Number(process.env.E2E_PORT) + 11}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s.s3AccessKeyId, secretAccessKey: s.s3SecretAccessKey },
  });
}

async function createPublisher(page: Page, handle: string) {
  await page.goto('/publish');
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(`E2E ${handle}`);
  await page.getByRole('button', { name: 'Create publisher profile' }).click();
  await expect(page.getByRole('button', { name: 'Create publisher profile' })).toHaveCount(0);
}

/** A personal API token (read and publish unless told), created in the browser at /account/tokens; shown once. */
async function createToken(page: Page, scopes: string[] = ['read', 'publish']): Promise<string> {
  await page.goto('/account/tokens');
  await page.getByLabel('Name').fill(`apx e2e ${scopes.join(' ')}`);
  for (const scope of ['read', 'publish']) await page.getByRole('checkbox', { name: new RegExp(`^${scope}\\b`) }).setChecked(scopes.includes(scope));
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^apx_/);
  return token;
}

test.describe.configure({ mode: 'serial' });

test.describe('apx, the command-line client, against the running product', () => {
  test.setTimeout(300_000);

  // Fresh names for each run of the group (--repeat-each runs it again in the same worker).
  let id: string;
  let handle: string;
  let product: string;
  let slug: string;
  let message: string;
  let home: string;
  let env: Record<string, string>;
  let fixture: DebianFixture;
  let applianceId: string;
  let fileId: string;
  let qcow2FileId: string;
  let fullToken: string;
  let readToken: string;
  let publishToken: string;

  test.beforeAll(async () => {
    id = rid(3);
    handle = `apx-${id}`;
    product = `Serial Hello ${id}`;
    slug = `serial-hello-${id}`;
    message = `apx e2e ${id}: hello from a nasm boot sector`;
    home = await mkdtemp(path.join(os.tmpdir(), 'apx-e2e-home-'));
    env = { APX_CONFIG: path.join(home, 'config', 'config.json'), APX_CACHE: path.join(home, 'cache'), APX_SITE: '', APX_TOKEN: '' };
    fixture = await makeDebianFixture(path.join(home, 'fixture'), { message, product, version: '1.0.0', stem: 'serial-hello', cpus: 1, memoryMiB: 64 });
  });
  test.afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  test('a new developer logs in with a token and publishes the OVA: verified, released, in review', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await apiSignUp(page.request);
    await createPublisher(page, handle);
    const token = await createToken(page);
    fullToken = token;
    readToken = await createToken(page, ['read']);
    publishToken = await createToken(page, ['publish']);
    await context.close();

    const login = await apx(['login', '--site', site], env, { stdin: `${token}\n` });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${site} (scopes: read, publish)`);
    expect((await stat(env.APX_CONFIG)).mode & 0o777).toBe(0o600);

    const publish = await apx(['publish', fixture.ova, '--json'], env, { timeoutMs: 180_000 });
    expect(publish.code, publish.stderr).toBe(0);
    const result = JSON.parse(publish.stdout);
    expect(result).toMatchObject({
      appliance: { publisher: handle, slug },
      version: { version: '1.0.0', status: 'RELEASED' },
      listing: { status: 'IN_REVIEW' },
      file: { status: 'VERIFIED', sha256: fixture.ovaSha256 },
    });
    applianceId = result.appliance.id;
    fileId = result.file.id;

    // The same appliance as a qcow2 (made by qemu-img) joins the same version.
    const qcow2 = await apx(['publish', fixture.qcow2, '--appliance', slug, '--version', '1.0.0', '--json'], env, { timeoutMs: 180_000 });
    expect(qcow2.code, qcow2.stderr).toBe(0);
    // The version id this client remembered; released and in review already, neither is attempted again.
    expect(qcow2.stderr).toContain('Version: 1.0.0 (exists)');
    expect(qcow2.stderr).not.toContain('warning');
    expect(JSON.parse(qcow2.stdout)).toMatchObject({ version: { version: '1.0.0', status: 'RELEASED' }, file: { format: 'QCOW2', status: 'VERIFIED', sha256: await sha256(fixture.qcow2) } });
    qcow2FileId = JSON.parse(qcow2.stdout).file.id;
  });

  test('a raw disk joins the released version from another machine (the version id read from the listing), for people', async () => {
    const other = { ...env, APX_CONFIG: path.join(home, 'other-machine', 'config.json') };
    expect((await apx(['login', '--token', fullToken, '--site', site], other)).code).toBe(0);
    const bare = await apx(['publish', fixture.raw], other);
    expect(bare.code, bare.stderr).toBe(2);
    expect(bare.stderr).toMatch(/--appliance/);
    const raw = await apx(['publish', fixture.raw, '--appliance', slug, '--version', '1.0.0'], other, { timeoutMs: 180_000 });
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.stderr).toContain('Version: 1.0.0 (exists, released)');
    expect(raw.stdout).toContain(`Verified: ${path.basename(fixture.raw)} (raw, amd64,`);
    expect(raw.stdout).toContain(`SHA-256  ${await sha256(fixture.raw)}`);
    expect(raw.stdout).toContain('Version 1.0.0: released. Listing: in review.');
    expect(raw.stdout).toContain(`apx pull ${handle}/${slug}@1.0.0`);
  });

  test('an interrupted upload resumes: the parts on the site are kept, and without the local state the site’s unfinished upload is continued', async () => {
    const big = makeDemoAppliance({ name: `Resume ${id}`, vendor: 'Acme', version: '1.4.0', message: `resume ${id}`, annotation: 'Prints a line.\n\nAnd nothing else.', cpus: 2, memoryMiB: 96, sizeBytes: 20 * 1024 * 1024, fill: 'noise' });
    const file = path.join(home, big.ova.fileName);
    await writeFile(file, big.ova.bytes);
    const uploads = path.join(path.dirname(env.APX_CONFIG), 'uploads.json');

    const first = await apx(['publish', file], env, { timeoutMs: 180_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`SHA-256  ${big.ova.sha256}`);
    expect(first.stdout).toContain(`Product  Resume ${id} 1.4.0 by Acme`);
    expect(first.stdout).toContain('Needs    2 CPU, 96 MiB');
    expect(first.stdout).toContain('Listing: in review');

    // The same listing, a new version, interrupted after one part (the site cuts 8 MiB parts).
    const parts = Math.ceil(big.ova.sizeBytes / (8 * 1024 * 1024));
    expect(parts).toBeGreaterThanOrEqual(3);
    const cut = await apx(['publish', file, '--version', '1.6.0'], { ...env, APX_TEST_INTERRUPT_AFTER_PARTS: '1' }, { timeoutMs: 180_000 });
    expect(cut.code, cut.stderr).toBe(130);
    expect(Object.keys(JSON.parse(await readFile(uploads, 'utf8')))).toHaveLength(1);
    const resumed = await apx(['publish', file, '--version', '1.6.0', '--json'], env, { timeoutMs: 180_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming the upload: 1 of ${parts} parts are already on the server.`);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ upload: { partsSkipped: 1, partsSent: parts - 1 }, file: { status: 'VERIFIED', sha256: big.ova.sha256 } });
    expect(JSON.parse(await readFile(uploads, 'utf8'))).toEqual({});

    // Another machine, or the local state deleted: the site lists the unfinished upload.
    const lost = await apx(['publish', file, '--version', '1.7.0'], { ...env, APX_TEST_INTERRUPT_AFTER_PARTS: '2' }, { timeoutMs: 180_000 });
    expect(lost.code, lost.stderr).toBe(130);
    await writeFile(uploads, '{}');
    const continued = await apx(['publish', file, '--version', '1.7.0', '--json'], env, { timeoutMs: 180_000 });
    expect(continued.code, continued.stderr).toBe(0);
    expect(continued.stderr).toContain(`Continuing an unfinished upload of ${big.ova.fileName} found on the site.`);
    expect(JSON.parse(continued.stdout)).toMatchObject({ upload: { partsSkipped: 2, partsSent: parts - 2 }, file: { status: 'VERIFIED' } });
  });

  test('tokens: read only, publish only, unknown (exit 4, the old configuration kept), none after logout', async () => {
    const own = { ...env, APX_CONFIG: path.join(home, 'tokens', 'config.json') };
    const read = await apx(['login', '--site', site], own, { stdin: `${readToken}\n` });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toContain('(scopes: read)');
    const refused = await apx(['publish', fixture.ova], own);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/publish/);
    const publishOnly = await apx(['login', '--token', publishToken, '--site', site], own);
    expect(publishOnly.code, publishOnly.stderr).toBe(0);
    expect(publishOnly.stdout).toContain('(scopes: publish)');
    for (const unknown of ['apx_0123456789abcdef0123456789abcdef', 'apx_short', 'apx_with.dots~and=signs']) {
      const bad = await apx(['login', '--token', unknown, '--site', site], own);
      expect(bad.code, unknown).toBe(4);
      expect(bad.stderr).toMatch(/refused the token: it is unknown, expired or revoked/);
      expect(bad.stderr).not.toMatch(/not an apx token|look like/);
    }
    expect(JSON.parse(await readFile(own.APX_CONFIG, 'utf8')).token).toBe(publishToken);
    const revoked = await apx(['search', 'x', '--site', site], { ...own, APX_TOKEN: 'apx_revokedrevokedrevokedrevoked' });
    expect(revoked.code).toBe(4);
    expect(revoked.stderr).toMatch(/apx login/);
    expect((await apx(['logout'], own)).code).toBe(0);
    expect(JSON.parse(await readFile(own.APX_CONFIG, 'utf8')).token).toBeUndefined();
    const loggedOut = await apx(['publish', fixture.ova, '--site', site], own);
    expect(loggedOut.code).toBe(4);
    expect(loggedOut.stderr).toMatch(/account\/tokens/);
  });

  test('the demo admin approves the listing; apx search finds it', async ({ request }) => {
    await apiSignIn(request, DEMO.admin);
    const res = await request.post(`/api/v1/moderation/appliances/${applianceId}`, { data: { decision: 'approve' } });
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).status).toBe('PUBLISHED');

    const search = await apx(['search', product, '--site', site], env);
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toContain(`${handle}/${slug}`);
  });

  test('apx search and info show the site’s answers; --json passes them on; what does not exist is exit 3; a site without a scheme', async () => {
    const search = await apx(['search', product], env);
    expect(search.stdout).toMatch(/^NAME\s+VERSION\s+FORMATS/m);
    expect(search.stdout).toMatch(new RegExp(`${handle}/${slug}\\s+1\\.0\\.0\\s+(ova,qcow2,raw|ova,raw,qcow2|qcow2,ova,raw|qcow2,raw,ova|raw,ova,qcow2|raw,qcow2,ova)\\s`));
    expect(search.stdout).toContain(`apx launch ${handle}/${slug}`);
    const info = await apx(['info', `${handle}/${slug}`], env);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(`${product} (${handle}/${slug})`);
    expect(info.stdout).toMatch(/qcow2\s+amd64\s+\S+ \S+\s+verified\s+qemu,virtualbox\s+[0-9a-f]{64}/);
    expect(info.stdout).not.toContain('Signatures:');
    // The site's address without a scheme: http:// for this machine.
    const bare = await apx(['search', product, '--site', site.replace(/^http:\/\//, '')], env);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toContain(`${handle}/${slug}`);

    const json = await apx(['search', product, '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).items[0]).toMatchObject({ slug, publisherHandle: handle });
    const failed = await apx(['--json', 'info', `${handle}/nothing-${id}`], env);
    expect(failed.code).toBe(3);
    expect(JSON.parse(failed.stdout).error).toMatchObject({ exit: 'NOT_FOUND', exitCode: 3, status: 404 });
    expect((await apx(['pull', `${handle}/${slug}@9.9`], env)).code).toBe(3);
    const noIso = await apx(['pull', `${handle}/${slug}`, '--format', 'iso'], env);
    expect(noIso.code).toBe(3);
    const available = /Available: (.*)\./.exec(noIso.stderr)?.[1].split(', ').sort();
    expect(available, noIso.stderr).toEqual(['ova/amd64', 'qcow2/amd64', 'raw/amd64']);
  });

  test('apx pull downloads and verifies it into the cache', async () => {
    const pull = await apx(['pull', `${handle}/${slug}`, '--json'], env);
    expect(pull.code, pull.stderr).toBe(0);
    const result = JSON.parse(pull.stdout);
    expect(result.path).toBe(path.join(env.APX_CACHE, handle, slug, '1.0.0', path.basename(fixture.ova)));
    expect(await sha256(result.path)).toBe(fixture.ovaSha256);
  });

  test('from apx search to a running machine in two commands; the OVA boots too (extracted, converted)', async () => {
    // No display here: apx starts QEMU headless by itself, and the serial console is its stdout.
    const noDisplay = { ...env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const search = await apx(['search', product], noDisplay);
    const name = /Run one: apx launch (\S+)/.exec(search.stdout)?.[1];
    expect(name, `apx search (exit ${search.code})\nstdout:\n${search.stdout}\nstderr:\n${search.stderr}`).toBe(`${handle}/${slug}`);
    const launch = await apx(['launch', name!, '--player', 'qemu'], noDisplay, { until: `${message}\r\n`, timeoutMs: 90_000 });
    const launchOutput = `apx launch (exit ${launch.code}, ${launch.elapsedMs} ms)\nstdout:\n${launch.stdout}\nstderr:\n${launch.stderr}`;
    expect(launch.found, launchOutput).toBe(true);
    expect(launch.stderr, launchOutput).toContain('No display found');
    expect(launch.stderr, launchOutput).toContain('$ qemu-system-x86_64 -m 64 -smp 1 -drive file=serial-hello.qcow2,format=qcow2 -nic user -nographic');

    const ova = await apx(['launch', name!, '--player', 'qemu', '--format', 'ova', '--headless'], env, { until: `${message}\r\n`, timeoutMs: 90_000 });
    const ovaOutput = `apx launch --format ova (exit ${ova.code}, ${ova.elapsedMs} ms)\nstdout:\n${ova.stdout}\nstderr:\n${ova.stderr}`;
    expect(ova.found, ovaOutput).toBe(true);
    expect(ova.stderr, ovaOutput).toContain('$ tar -xf serial-hello-1.0.0.ova serial-hello-disk1.vmdk');
    expect(ova.stderr, ovaOutput).toContain('$ qemu-img convert -O qcow2 serial-hello-disk1.vmdk serial-hello-disk1.qcow2');
    expect(ova.stderr, ovaOutput).toContain('$ qemu-system-x86_64 -m 64 -smp 1 -drive file=serial-hello-disk1.qcow2,format=qcow2 -nic user -nographic');
    const dir = path.join(env.APX_CACHE, handle, slug, '1.0.0');
    expect((await readdir(dir)).sort()).toEqual(['.apx.json', 'serial-hello-1.0.0.ova', 'serial-hello-disk1.qcow2', 'serial-hello-disk1.vmdk', 'serial-hello.qcow2']);

    // Again: the verified download and the converted disk are kept; --fresh redoes the preparation.
    const again = await apx(['launch', name!, '--player', 'qemu', '--format', 'ova', '--headless'], env, { until: `${message}\r\n`, timeoutMs: 90_000 });
    expect(again.found, again.stderr).toBe(true);
    expect(again.code).toBe(130);
    expect(again.stderr).toContain(`Using ${path.join(dir, 'serial-hello-1.0.0.ova')} (verified).`);
    expect(again.stderr).toContain('Extract the disks from the OVA: done before, kept');
    expect(again.stderr).toContain('to qcow2: done before, kept');
    const fresh = await apx(['launch', name!, '--player', 'qemu', '--format', 'ova', '--headless', '--fresh'], env, { until: `${message}\r\n`, timeoutMs: 90_000 });
    expect(fresh.found, fresh.stderr).toBe(true);
    expect(fresh.stderr).not.toContain('done before');
  });

  test('apx launch without the player installed is exit 7 with how to install it, before anything is downloaded', async () => {
    const cache = path.join(home, 'cache-no-player');
    const named = await apx(['launch', `${handle}/${slug}`, '--player', 'qemu'], { ...env, APX_CACHE: cache, PATH: '/nonexistent' });
    expect(named.code, named.stderr).toBe(7);
    expect(named.stderr).toMatch(/qemu-system-x86_64 is needed to launch with qemu but not installed/);
    expect(named.stderr).toMatch(/apt install qemu-system-x86/);
    const any = await apx(['launch', `${handle}/${slug}`], { ...env, APX_CACHE: cache, PATH: '/nonexistent' });
    expect(any.code, any.stderr).toBe(7);
    expect(any.stderr).toMatch(/looked for qemu-system-x86_64, VBoxManage, ovftool/);
    await expect(readdir(path.join(cache, handle))).rejects.toThrow();
  });

  test('apx launch --dry-run prints exactly what the site’s launch panel shows', async ({ page, request }) => {
    await page.goto(`/appliances/${handle}/${slug}`);
    for (const player of ['qemu', 'virtualbox', 'vmware'] as const) {
      const dry = await apx(['launch', `${handle}/${slug}`, '--player', player, '--format', 'ova', '--dry-run'], env);
      expect(dry.code, dry.stderr).toBe(0);
      // The panel on the appliance page (every player's text is in the page, hidden until chosen)…
      expect(dry.stdout).toBe(await page.getByTestId(`launch-${fileId}-${player}`).textContent());
      // …and the API that serves the same text.
      const api = await request.get(`/api/v1/files/${fileId}/launch?player=${player}`);
      expect(api.status()).toBe(200);
      expect(dry.stdout).toBe((await api.json()).text);
    }
    // The qcow2 (also qemu's choice when no format is given), against the API's text and plan.
    const cache = path.join(home, 'cache-dry-run');
    for (const [player, format] of [['qemu', 'qcow2'], ['qemu', undefined], ['virtualbox', 'qcow2']] as const) {
      const dry = await apx(['launch', `${handle}/${slug}`, '--player', player, '--dry-run', '--json', ...(format ? ['--format', format] : [])], { ...env, APX_CACHE: cache });
      expect(dry.code, dry.stderr).toBe(0);
      const api = await request.get(`/api/v1/files/${qcow2FileId}/launch?player=${player}`);
      expect(api.status()).toBe(200);
      expect(JSON.parse(dry.stdout)).toEqual(await api.json());
    }
    const qemu = await apx(['launch', `${handle}/${slug}`, '--player', 'qemu', '--dry-run'], { ...env, APX_CACHE: cache });
    expect(qemu.stdout).toContain('qemu-system-x86_64 -m 64 -smp 1 -drive file=serial-hello.qcow2,format=qcow2 -nic user');
    const vagrant = await apx(['launch', `${handle}/${slug}`, '--player', 'vagrant', '--dry-run'], { ...env, APX_CACHE: cache });
    expect(vagrant.code).toBe(8);
    expect(vagrant.stderr).toMatch(new RegExp(`vagrant cannot run any file of ${handle}/${slug}@1\\.0\\.0: Vagrant runs Vagrant boxes`));
    await expect(readdir(path.join(cache, handle))).rejects.toThrow();
  });

  test('a pull interrupted halfway resumes with a Range request and verifies', async () => {
    const cache = path.join(home, 'cache-resume');
    const half = Math.floor(fixture.ovaSize / 2);
    const first = await apx(['pull', `${handle}/${slug}`, '--json'], { ...env, APX_CACHE: cache, APX_TEST_INTERRUPT_AFTER_BYTES: String(half) });
    expect(first.code, first.stderr).toBe(130);
    const dest = path.join(cache, handle, slug, '1.0.0', path.basename(fixture.ova));
    expect((await stat(`${dest}.part`)).size).toBe(half);

    const second = await apx(['pull', `${handle}/${slug}`, '--json'], { ...env, APX_CACHE: cache });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Resuming ${path.basename(fixture.ova)} at ${half} of ${fixture.ovaSize} bytes`);
    // It asked for the rest only, and got only the rest: it did not start again from byte 0.
    expect(JSON.parse(second.stdout)).toMatchObject({ resumedFrom: half, bytesTransferred: fixture.ovaSize - half, rangeRequests: 1 });
    expect(await sha256(dest)).toBe(fixture.ovaSha256);
  });

  test('a file corrupted in S3 is refused by apx pull with exit code 5 and nothing is kept', async () => {
    const client = await s3();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'appliance-exchange', Prefix: 'appliances/' }));
    const key = listed.Contents?.map((o) => o.Key!).find((k) => k.includes(`/${fileId}/`));
    expect(key, 'the object of the published file').toBeTruthy();
    const bytes = await readFile(fixture.ova);
    bytes[bytes.length - 4096] ^= 0xff; // same size, other bytes
    await client.send(new PutObjectCommand({ Bucket: 'appliance-exchange', Key: key, Body: bytes }));

    const cache = path.join(home, 'cache-corrupt');
    const pull = await apx(['pull', `${handle}/${slug}`], { ...env, APX_CACHE: cache });
    expect(pull.code).toBe(5);
    expect(pull.stderr).toMatch(/Checksum mismatch/);
    const dir = path.join(cache, handle, slug, '1.0.0');
    expect((await readdir(dir).catch(() => [])).filter((f) => f !== '.apx.json')).toEqual([]);
  });
});
