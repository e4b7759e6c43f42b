import 'server-only';
// Demo appliances with a real root filesystem: an ext4 partition made by `mke2fs -d` from a
// directory holding this machine's own /etc/os-release and /var/lib/dpkg/status, behind the kit's
// boot sector (the disk still boots and prints its line), as raw, qcow2 (qemu-img) and an OVA with
// a streamOptimized VMDK (qemu-img). "What's inside" then reads real packages from them.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeOva, makeOvf, makeRawDisk, demoFileStem, type KitFile } from '@/lib/core/appliance-kit';
import { sha256Hex } from '@/lib/core/appliance-kit/bytes';

const run = promisify(execFile);
const MIB = 1024 * 1024;
/** Room for a host's full dpkg status (1–3 MB) and ext4's own structures. */
const DISK_BYTES = 40 * MIB;
const PARTITION_OFFSET = MIB;

/** Which of the host's packages the root holds: `required` (the minimal set), `important` (+ the standard base), `all`. */
export type PackageSelection = 'required' | 'important' | 'all';

export interface InsideDemoOptions {
  name: string;
  vendor: string;
  version: string;
  message: string;
  packages: PackageSelection;
  cpus: number;
  memoryMiB: number;
  os: { id: number; vmwOsType: string; description: string };
  annotation?: string;
  productUrl?: string;
}

export interface InsideDemoFiles {
  raw: KitFile;
  qcow2: KitFile;
  ova: KitFile;
}

const FALLBACK_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
`;

/** Used only on machines without dpkg: a few real Debian 12 packages, as dpkg writes them. */
const FALLBACK_STATUS = [
  ['base-files', '12.4+deb12u8', 'required', 'yes'],
  ['bash', '5.2.15-2+b7', 'required', 'yes'],
  ['coreutils', '9.1-1', 'required', 'yes'],
  ['dpkg', '1.21.22', 'required', 'yes'],
  ['libc6', '2.36-9+deb12u9', 'optional', null],
  ['libssl3', '3.0.15-1~deb12u1', 'optional', null],
  ['openssl', '3.0.15-1~deb12u1', 'optional', null],
  ['openssh-server', '1:9.2p1-2+deb12u3', 'optional', null],
  ['systemd', '252.31-1~deb12u1', 'important', null],
]
  .map(([name, version, priority, essential]) =>
    [`Package: ${name}`, ...(essential ? [`Essential: ${essential}`] : []), 'Status: install ok installed', `Priority: ${priority}`, 'Architecture: amd64', `Version: ${version}`, `Description: ${name}`].join('\n'),
  )
  .join('\n\n')
  .concat('\n');

async function hostFile(file: string, fallback: string): Promise<{ text: string; real: boolean }> {
  try {
    return { text: await readFile(file, 'utf8'), real: true };
  } catch {
    return { text: fallback, real: false };
  }
}

/** The dpkg status stanzas the selection keeps (installed packages only). */
export function selectPackages(status: string, selection: PackageSelection): string {
  const stanzas = status.split(/\n\s*\n/).filter((s) => /^Package:/m.test(s) && /^Status: install ok installed$/m.test(s));
  const keep = stanzas.filter((s) => {
    if (selection === 'all') return true;
    const essential = /^Essential: yes$/m.test(s);
    const priority = /^Priority: (\S+)$/m.exec(s)?.[1];
    return essential || priority === 'required' || (selection === 'important' && priority === 'important');
  });
  return `${keep.join('\n\n')}\n`;
}

/** Why the demo disks cannot be made here, or null when mke2fs and qemu-img are both at hand. */
export async function insideDemoToolsMissing(): Promise<string | null> {
  for (const [tool, args] of [['mke2fs', ['-V']], ['qemu-img', ['--version']]] as const) {
    try {
      await run(tool, [...args], { timeout: 10_000 });
    } catch {
      return `${tool} is not installed (Debian: apt-get install ${tool === 'mke2fs' ? 'e2fsprogs' : 'qemu-utils'})`;
    }
  }
  return null;
}

function kitFile(fileName: string, format: KitFile['format'], bytes: Uint8Array, diskNames: string[] = []): KitFile {
  return { fileName, format, bytes, sizeBytes: bytes.length, sha256: sha256Hex(bytes), architecture: 'amd64', provider: null, diskNames };
}

/** Builds the root directory: os-release, dpkg status, an SSH host key (a finding), a kernel, a service. */
async function makeRoot(root: string, selection: PackageSelection): Promise<void> {
  const osRelease = await hostFile('/etc/os-release', FALLBACK_OS_RELEASE);
  const status = await hostFile('/var/lib/dpkg/status', FALLBACK_STATUS);
  const kernel = os.release().replace(/[^A-Za-z0-9._+-]/g, '') || '6.1.0-28-amd64';
  for (const dir of ['etc/ssh', 'var/lib/dpkg', 'boot', `lib/modules/${kernel}`, 'lib/systemd/system', 'etc/systemd/system/multi-user.target.wants', 'root', 'tmp']) {
    await mkdir(path.join(root, dir), { recursive: true });
  }
  await writeFile(path.join(root, 'etc/os-release'), osRelease.text);
  await writeFile(path.join(root, 'var/lib/dpkg/status'), selectPackages(status.text, status.real ? selection : 'all'));
  await writeFile(path.join(root, 'etc/hostname'), 'appliance\n');
  await writeFile(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  await writeFile(path.join(root, 'etc/shadow'), 'root:*:20000:0:99999:7:::\n');
  await chmod(path.join(root, 'etc/shadow'), 0o640);
  // A host key baked into the image: every copy would share it. The site flags it; this one is a
  // marker, not a usable key.
  const key = path.join(root, 'etc/ssh/ssh_host_ed25519_key');
  await writeFile(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nZGVtbyBob3N0IGtleSBtYXJrZXIsIG5vdCBhIGtleQ==\n-----END OPENSSH PRIVATE KEY-----\n');
  await chmod(key, 0o600);
  await writeFile(`${key}.pub`, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRlbW8gaG9zdCBrZXkgbWFya2VyIG5vdCBhIGtleQ root@appliance\n');
  await writeFile(path.join(root, `boot/vmlinuz-${kernel}`), '');
  await writeFile(path.join(root, `lib/modules/${kernel}/modules.dep`), '');
  await writeFile(path.join(root, 'lib/systemd/system/ssh.service'), '[Unit]\nDescription=OpenBSD Secure Shell server\n\n[Service]\nExecStart=/usr/sbin/sshd -D\n\n[Install]\nWantedBy=multi-user.target\n');
  await symlink('/lib/systemd/system/ssh.service', path.join(root, 'etc/systemd/system/multi-user.target.wants/ssh.service'));
}

/**
 * Raw, qcow2 and OVA files of one demo version with a real ext4 root. Throws when a tool fails
 * (the seed then logs why and falls back to the boot-sector-only demo).
 */
export async function makeInsideDemoAppliance(opts: InsideDemoOptions): Promise<InsideDemoFiles> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'apx-inside-demo-'));
  try {
    const root = path.join(dir, 'root');
    await makeRoot(root, opts.packages);
    // The kit's MBR: boot sector that prints the message, one active Linux partition from 1 MiB.
    const image = path.join(dir, 'disk.img');
    await writeFile(image, makeRawDisk({ message: opts.message, sizeBytes: DISK_BYTES }));
    const fsBlocks = (DISK_BYTES - PARTITION_OFFSET) / 1024;
    await run('mke2fs', ['-q', '-F', '-t', 'ext4', '-b', '1024', '-L', 'root', '-d', root, '-E', `offset=${PARTITION_OFFSET},root_owner=0:0`, image, String(fsBlocks)], {
      timeout: 60_000,
      env: { ...process.env, E2FSPROGS_FAKE_TIME: '1700000000' },
    });
    const stem = demoFileStem(opts.name, opts.version);
    const qcow2Path = path.join(dir, 'disk.qcow2');
    const vmdkPath = path.join(dir, 'disk.vmdk');
    await run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', '-c', image, qcow2Path], { timeout: 60_000 });
    await run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'vmdk', '-o', 'subformat=streamOptimized', image, vmdkPath], { timeout: 60_000 });
    const raw = new Uint8Array(await readFile(image));
    const qcow2 = new Uint8Array(await readFile(qcow2Path));
    const vmdk = new Uint8Array(await readFile(vmdkPath));
    const diskName = `${stem}-disk1.vmdk`;
    const ovf = makeOvf({
      name: stem,
      product: opts.name,
      vendor: opts.vendor,
      version: opts.version,
      fullVersion: opts.version,
      productUrl: opts.productUrl,
      annotation: opts.annotation,
      os: opts.os,
      cpus: opts.cpus,
      memoryMiB: opts.memoryMiB,
      disks: [{ fileName: diskName, fileSize: vmdk.length, capacityBytes: raw.length }],
    });
    const ova = makeOva({ ovf, ovfName: `${stem}.ovf`, disks: [{ name: diskName, bytes: vmdk }] });
    return {
      raw: kitFile(`${stem}.img`, 'RAW', raw),
      qcow2: kitFile(`${stem}.qcow2`, 'QCOW2', qcow2),
      ova: kitFile(`${stem}.ova`, 'OVA', ova, [diskName]),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
