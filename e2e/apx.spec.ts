import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Page } from '@playwright/test';
import { makeDebianFixture, type DebianFixture } from '../apx/test-support/debian-fixture';
import { test, expect, DEMO, apiSignIn, apiSignUp, rid } from './fixtures';

/**
 * `apx` against the real product: a new developer publishes an OVA made with Debian's tools (nasm,
 * qemu-img, tar), an admin approves it, `apx pull` verifies it, `apx launch --player qemu` boots it
 * (the known line appears on the serial console), an interrupted pull resumes with a Range
 * request, a file corrupted in S3 is refused, and `apx launch --dry-run` prints exactly the
 * site's launch panel. Every `apx` is a real subprocess: `node scripts/apx.mjs …`.
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

/** A personal API token with read and publish, created in the browser at /account/tokens; shown once. */
async function createToken(page: Page): Promise<string> {
  await page.goto('/account/tokens');
  await page.getByLabel('Name').fill('apx e2e');
  for (const scope of ['read', 'publish']) await page.getByRole('checkbox', { name: new RegExp(`^${scope}\\b`) }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^apx_/);
  return token;
}

test.describe.configure({ mode: 'serial' });

test.describe('apx, the command-line client, against the running product', () => {
  test.setTimeout(300_000);

  const id = rid(3);
  const handle = `apx-${id}`;
  const product = `Serial Hello ${id}`;
  const slug = `serial-hello-${id}`;
  const message = `apx e2e ${id}: hello from a nasm boot sector`;
  let home: string;
  let env: Record<string, string>;
  let fixture: DebianFixture;
  let applianceId: string;
  let fileId: string;

  test.beforeAll(async () => {
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
    expect(JSON.parse(qcow2.stdout)).toMatchObject({ version: { version: '1.0.0', status: 'RELEASED' }, file: { format: 'QCOW2', status: 'VERIFIED', sha256: await sha256(fixture.qcow2) } });
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
