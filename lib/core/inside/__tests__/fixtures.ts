// Fixtures made by the real tools (mke2fs, sfdisk, qemu-img, tar, gzip, zip). A missing tool fails
// the test: nothing here is skipped.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export async function run(cmd: string, args: string[], options: { cwd?: string; input?: string } = {}): Promise<string> {
  if (options.input !== undefined) {
    return new Promise((resolve, reject) => {
      const child = execFile(cmd, args, { cwd: options.cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || error.message}`));
        else resolve(stdout);
      });
      child.stdin!.end(options.input);
    });
  }
  try {
    const { stdout } = await exec(cmd, args, { cwd: options.cwd, maxBuffer: 64 << 20 });
    return stdout;
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === 'ENOENT') throw new Error(`the tool ${cmd} is not installed; these tests need it`);
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

export async function tempDir(prefix: string): Promise<{ dir: string; file(name: string): string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `inside-${prefix}-`));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface RootSpec {
  osRelease?: string;
  dpkgStatus?: string;
  files?: Record<string, string>;
  symlinks?: Record<string, string>;
  dirs?: string[];
}

/** A directory tree to hand to `mke2fs -d`. */
export async function makeRootDir(dir: string, spec: RootSpec): Promise<string> {
  await mkdir(dir, { recursive: true });
  const put = async (p: string, content: string) => {
    const full = path.join(dir, p);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  };
  if (spec.osRelease !== undefined) await put('etc/os-release', spec.osRelease);
  if (spec.dpkgStatus !== undefined) await put('var/lib/dpkg/status', spec.dpkgStatus);
  for (const [p, content] of Object.entries(spec.files ?? {})) await put(p, content);
  for (const d of spec.dirs ?? []) await mkdir(path.join(dir, d), { recursive: true });
  for (const [p, target] of Object.entries(spec.symlinks ?? {})) {
    const full = path.join(dir, p);
    await mkdir(path.dirname(full), { recursive: true });
    await symlink(target, full);
  }
  return dir;
}

/** The machine's own os-release and dpkg status (real data for the inventory tests). */
export async function machineRoot(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'etc'), { recursive: true });
  await mkdir(path.join(dir, 'var/lib/dpkg'), { recursive: true });
  await copyFile('/etc/os-release', path.join(dir, 'etc/os-release'));
  await copyFile('/var/lib/dpkg/status', path.join(dir, 'var/lib/dpkg/status'));
  return dir;
}

/** An ext2/3/4 image of `sizeMiB` from a directory, made by mke2fs -d. */
export async function mkext(image: string, type: 'ext2' | 'ext3' | 'ext4', root: string | null, sizeMiB = 32): Promise<string> {
  await run('truncate', ['-s', `${sizeMiB}M`, image]);
  await run('mke2fs', ['-q', '-F', '-t', type, ...(root ? ['-d', root] : []), image]);
  return image;
}

/** Copies `src` into `dst` at byte `offset` without truncating `dst`. */
export async function place(src: string, dst: string, offset: number): Promise<void> {
  await run('dd', [`if=${src}`, `of=${dst}`, 'bs=1M', `seek=${offset}`, 'oflag=seek_bytes', 'conv=notrunc,sparse', 'status=none']);
}

export async function qemuConvert(src: string, dst: string, format: 'qcow2' | 'vmdk', options: string[] = []): Promise<string> {
  await run('qemu-img', ['convert', '-O', format, ...options, src, dst]);
  return dst;
}

export function ovfFor(diskName: string, capacity: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References><File ovf:id="file1" ovf:href="${diskName}"/></References>
  <DiskSection><Info>disks</Info><Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="${capacity}" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/></DiskSection>
  <VirtualSystem ovf:id="test"><Info>test</Info></VirtualSystem>
</Envelope>
`;
}

/** An OVA made by tar: the OVF first, then the disk (and optional decoys before the disk). */
export async function makeOva(dir: string, ova: string, disk: string, extra: string[] = []): Promise<string> {
  const diskName = path.basename(disk);
  const { size } = await (await import('node:fs/promises')).stat(disk);
  await writeFile(path.join(dir, 'appliance.ovf'), ovfFor(diskName, size));
  await run('tar', ['--format=ustar', '-cf', ova, '-C', dir, 'appliance.ovf', ...extra, diskName]);
  return ova;
}
