import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { makeTempDir } from '@/lib/core/appliance-kit/__tests__/tools';
import { planLaunch, renderPlan, type Player } from '@/lib/core/launch';
import { EXIT } from '@/apx/exit-codes';
import { makeDebianFixture, type DebianFixture } from '@/apx/test-support/debian-fixture';
import { FakeSite, type FakeAppliance } from '@/apx/test-support/fake-site';
import { makeCliHome, runCli, type RunCliOptions } from '@/apx/test-support/run-cli';

const demo = makeDemoAppliance({ name: 'Launch Test', vendor: 'Acme', version: '3.1', message: 'launch test', cpus: 2, memoryMiB: 96 });
let site: FakeSite;
let home: Awaited<ReturnType<typeof makeCliHome>>;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let kit: FakeAppliance;
// Needs nasm, qemu-img and qemu-system-x86_64 (Debian: nasm, qemu-utils, qemu-system-x86); CI installs them.
let fixture: DebianFixture;

beforeAll(async () => {
  site = await new FakeSite().start();
  home = await makeCliHome('apx-launch');
  tmp = await makeTempDir('apx-launch-fixture');
  kit = site.addPublished({
    publisher: 'acme',
    slug: 'launch-test',
    name: 'Launch Test',
    version: '3.1',
    requirements: { cpus: 2, memoryMiB: 96 },
    files: [
      { format: 'OVA', fileName: demo.ova.fileName, bytes: demo.ova.bytes, diskNames: demo.ova.diskNames },
      { format: 'QCOW2', fileName: demo.qcow2.fileName, bytes: demo.qcow2.bytes },
    ],
  });
  fixture = await makeDebianFixture(tmp.dir, { message: 'Serial hello from a nasm boot sector' });
  site.addPublished({
    publisher: 'fixtures',
    slug: 'serial-hello',
    name: 'Serial Hello',
    summary: 'Says hello on COM1',
    version: fixture.version,
    requirements: { cpus: 1, memoryMiB: 64 },
    files: [{ format: 'OVA', fileName: path.basename(fixture.ova), bytes: await readFile(fixture.ova), diskNames: [fixture.diskName] }],
  });
});
afterAll(async () => {
  await site.stop();
  await home.cleanup();
  await tmp.cleanup();
});

const apx = (argv: string[], options: RunCliOptions = {}) => runCli(argv, { ...options, env: { ...home.env, APX_SITE: site.site, ...options.env } });

describe('apx launch --dry-run', () => {
  const cases: [Player, string | undefined][] = [
    ['qemu', 'ova'],
    ['qemu', 'qcow2'],
    ['qemu', undefined],
    ['virtualbox', 'ova'],
    ['virtualbox', 'qcow2'],
    ['vmware', 'ova'],
  ];

  it.each(cases)('prints exactly the launch panel text (%s, %s)', async (player, format) => {
    const { code, stdout } = await apx(['launch', 'acme/launch-test', '--player', player, '--dry-run', ...(format ? ['--format', format] : [])]);
    expect(code).toBe(0);
    const file = kit.versions[0].files.find((f) => f.format === (format ?? (player === 'qemu' ? 'qcow2' : 'ova')).toUpperCase())!;
    const panel = (await (await fetch(`${site.site}/api/v1/files/${file.id}/launch?player=${player}`)).json()) as { text: string };
    expect(stdout).toBe(panel.text);
    const expected = renderPlan(
      planLaunch(
        {
          siteUrl: site.site,
          publisher: 'acme',
          appliance: 'launch-test',
          version: '3.1',
          file: { id: file.id, format: file.format, fileName: file.fileName, sha256: file.sha256, architecture: 'amd64', diskNames: file.diskNames },
          hardware: { cpus: 2, memoryMiB: 96 },
        },
        player,
      ),
    );
    expect(stdout).toBe(expected);
  });

  it('uses the CPUs and memory of the appliance’s metadata', async () => {
    const { stdout } = await apx(['launch', 'acme/launch-test', '--player', 'qemu', '--dry-run']);
    expect(stdout).toContain(`qemu-system-x86_64 -m 96 -smp 2 -drive file=${demo.qcow2.fileName},format=qcow2 -nic user`);
  });

  it('--json gives { plan, text }, the shape of the site’s launch endpoint', async () => {
    const { stdout } = await apx(['launch', 'acme/launch-test', '--player', 'virtualbox', '--dry-run', '--json', '--format', 'ova']);
    const result = JSON.parse(stdout);
    expect(result.plan).toMatchObject({ player: 'virtualbox', supported: true });
    expect(result.text).toBe(renderPlan(result.plan));
  });

  it('a player that cannot run any file of the appliance is exit 8 with the reason', async () => {
    const { code, stderr } = await apx(['launch', 'acme/launch-test', '--player', 'vagrant', '--dry-run']);
    expect(code).toBe(EXIT.UNSUPPORTED);
    expect(stderr).toMatch(/vagrant cannot run any file of acme\/launch-test@3\.1: Vagrant runs Vagrant boxes/);
  });

  it('downloads nothing', async () => {
    await apx(['launch', 'acme/launch-test', '--player', 'qemu', '--dry-run']);
    await expect(readdir(path.join(home.env.APX_CACHE, 'acme'))).rejects.toThrow();
  });
});

describe('apx launch: players', () => {
  it('a missing player is exit 7 with how to install it, before anything is downloaded', async () => {
    const { code, stderr } = await apx(['launch', 'acme/launch-test', '--player', 'qemu'], { env: { PATH: '/nonexistent' } });
    expect(code).toBe(EXIT.PLAYER_MISSING);
    expect(stderr).toMatch(/qemu-system-x86_64 is needed to launch with qemu but not installed/);
    expect(stderr).toMatch(/apt install qemu-system-x86/);
    await expect(readdir(path.join(home.env.APX_CACHE, 'acme'))).rejects.toThrow();
  });

  it('without --player and with no player installed, says what it looked for (exit 7)', async () => {
    const { code, stderr } = await apx(['launch', 'acme/launch-test'], { env: { PATH: '/nonexistent' } });
    expect(code).toBe(EXIT.PLAYER_MISSING);
    expect(stderr).toMatch(/looked for qemu-system-x86_64, VBoxManage, ovftool/);
  });
});

describe('apx launch boots the nasm fixture under QEMU', () => {
  /** Runs apx launch until the fixture's line appears on the serial console, then Ctrl-C. */
  async function bootUntilMessage(argv: string[], timeoutMs = 60_000) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let seen = false;
    const result = await apx(argv, {
      controller,
      onStdout: (out) => {
        if (!seen && out.includes(`${fixture.message}\r\n`)) {
          seen = true;
          controller.abort();
        }
      },
    });
    clearTimeout(timer);
    return { ...result, seen };
  }

  it('from search to a running appliance in two commands: apx search, then apx launch <name> --player qemu', async () => {
    const search = await apx(['search', 'serial']);
    const name = /apx launch (\S+)/.exec(search.stdout)![1];
    expect(name).toBe('fixtures/serial-hello');
    const run = await bootUntilMessage(['launch', name, '--player', 'qemu']);
    expect(run.seen, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(true);
    expect(run.code).toBe(EXIT.INTERRUPTED);
    // No display in tests: headless was chosen by itself; the plan was the OVA's: extract, convert, start.
    expect(run.stderr).toContain('No display found');
    expect(run.stderr).toMatch(/==> Extract the disks from the OVA\n\$ tar -xf serial-hello-1\.0\.0\.ova serial-hello-disk1\.vmdk/);
    expect(run.stderr).toMatch(/\$ qemu-img convert -O qcow2 serial-hello-disk1\.vmdk serial-hello-disk1\.qcow2/);
    expect(run.stderr).toMatch(/\$ qemu-system-x86_64 -m 64 -smp 1 -drive file=serial-hello-disk1\.qcow2,format=qcow2 -nic user -nographic/);
    const dir = path.join(home.env.APX_CACHE, 'fixtures', 'serial-hello', '1.0.0');
    expect((await readdir(dir)).sort()).toEqual(['.apx.json', 'serial-hello-1.0.0.ova', 'serial-hello-disk1.qcow2', 'serial-hello-disk1.vmdk']);
  });

  it('a second launch reuses the verified download and the converted disk', async () => {
    const from = site.requests.length;
    const run = await bootUntilMessage(['launch', 'fixtures/serial-hello', '--player', 'qemu', '--headless']);
    expect(run.seen, run.stderr).toBe(true);
    expect(run.code).toBe(EXIT.INTERRUPTED);
    expect(run.stderr).toContain('Extract the disks from the OVA: done before, kept');
    expect(run.stderr).toContain('to qcow2: done before, kept');
    expect(site.requests.slice(from).filter((r) => r.path.startsWith('/s3/'))).toHaveLength(0);
  });

  it('--fresh redoes the preparation', async () => {
    const run = await bootUntilMessage(['launch', 'fixtures/serial-hello', '--player', 'qemu', '--headless', '--fresh']);
    expect(run.seen, run.stderr).toBe(true);
    expect(run.stderr).not.toContain('done before');
  });
});
