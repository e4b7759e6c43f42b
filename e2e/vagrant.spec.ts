// The Vagrant catalog against the real Vagrant client: `vagrant box add <catalog URL>` (and the
// short form `VAGRANT_SERVER_URL=<site>/api/v1/vagrant vagrant box add <publisher>/<appliance>`)
// downloads the box through our download endpoint and checks its SHA-256 itself.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';

const BOX = 'demo-labs/alpine-minimal';

function hasVagrant(): boolean {
  try {
    execFileSync('vagrant', ['--version'], { stdio: 'ignore', env: { ...process.env, VAGRANT_CHECKPOINT_DISABLE: '1' } });
    return true;
  } catch {
    return false;
  }
}

/** Debian's vagrant (2.3.4) when it is missing; the machines running these tests are Debian. */
function ensureVagrant() {
  if (hasVagrant()) return;
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'vagrant'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function vagrant(args: string[], home: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('vagrant', args, {
      env: { ...process.env, VAGRANT_HOME: home, VAGRANT_CHECKPOINT_DISABLE: '1', VAGRANT_NO_PLUGINS: '1', VAGRANT_FORCE_COLOR: '0', ...extraEnv },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test.describe('Vagrant catalog', () => {
  test.describe.configure({ timeout: 240_000 });
  let home: string;

  test.beforeAll(() => ensureVagrant());
  test.beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'apx-vagrant-'));
  });
  test.afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  test('serves box metadata in Vagrant’s format, with absolute download URLs and SHA-256 checksums', async ({ request, baseURL }) => {
    const head = await request.head(`/api/v1/vagrant/${BOX}`);
    expect(head.status()).toBe(200);
    expect(head.headers()['content-type']).toContain('application/json');
    const catalog = await (await request.get(`/api/v1/vagrant/${BOX}`)).json();
    expect(catalog.name).toBe(BOX);
    expect(catalog.versions.map((v: { version: string }) => v.version)).toEqual(['3.19']);
    const [provider] = catalog.versions[0].providers;
    expect(provider).toMatchObject({ name: 'libvirt', checksum_type: 'sha256', architecture: 'amd64' });
    expect(provider.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(provider.url).toMatch(new RegExp(`^${baseURL}/api/v1/files/[\\w-]+/download$`));
    expect((await request.get('/api/v1/vagrant/demo-labs/no-such-box')).status()).toBe(404);
  });

  test('vagrant box add installs the box from our catalog, checking its checksum', async ({ baseURL }) => {
    const add = await vagrant(['box', 'add', '--provider', 'libvirt', `${baseURL}/api/v1/vagrant/${BOX}`], home);
    expect(add.output).toMatch(/Successfully added box 'demo-labs\/alpine-minimal' \(v3\.19\) for 'libvirt'/);
    expect(add.code, add.output).toBe(0);
    const list = await vagrant(['box', 'list'], home);
    expect(list.output).toMatch(/demo-labs\/alpine-minimal\s+\(libvirt, 3\.19/);
  });

  test('the short form the appliance page shows works: VAGRANT_SERVER_URL and publisher/appliance', async ({ page, baseURL }) => {
    await page.goto(`/appliances/${BOX}`);
    const line = `VAGRANT_SERVER_URL=${baseURL}/api/v1/vagrant vagrant box add ${BOX}`;
    await expect(page.getByTestId('vagrant-command')).toHaveText(line);
    const add = await vagrant(['box', 'add', '--provider', 'libvirt', BOX], home, { VAGRANT_SERVER_URL: `${baseURL}/api/v1/vagrant` });
    expect(add.code, add.output).toBe(0);
    expect(add.output).toMatch(/Successfully added box 'demo-labs\/alpine-minimal' \(v3\.19\) for 'libvirt'/);
  });

  test('a listing without a box answers 404, and vagrant says the box was not found', async ({ request, page, baseURL }) => {
    // wordpress-stack has an OVA only.
    expect((await request.get('/api/v1/vagrant/demo-labs/wordpress-stack')).status()).toBe(404);
    expect((await request.head('/api/v1/vagrant/demo-labs/wordpress-stack')).status()).toBe(404);
    await page.goto('/appliances/demo-labs/wordpress-stack');
    await expect(page.getByTestId('vagrant-command')).toHaveCount(0);
    const add = await vagrant(['box', 'add', 'demo-labs/wordpress-stack'], home, { VAGRANT_SERVER_URL: `${baseURL}/api/v1/vagrant` });
    expect(add.code, add.output).not.toBe(0);
    expect(add.output).toMatch(/could not be found|not found/i);
  });

  test('a tampered checksum makes vagrant refuse the box', async ({ request }) => {
    const catalog = await (await request.get(`/api/v1/vagrant/${BOX}`)).json();
    const provider = catalog.versions[0].providers[0];
    provider.checksum = provider.checksum.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    const file = path.join(home, 'tampered.json');
    await writeFile(file, JSON.stringify(catalog));
    const add = await vagrant(['box', 'add', '--provider', 'libvirt', `file://${file}`], home);
    expect(add.code, add.output).not.toBe(0);
    expect(add.output).toMatch(/checksum/i);
    const list = await vagrant(['box', 'list'], home);
    expect(list.output).not.toContain('demo-labs/alpine-minimal');
  });
});
