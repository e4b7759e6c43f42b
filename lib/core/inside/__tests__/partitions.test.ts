import { open } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFilesystem } from '@/lib/core/inside/fs/detect';
import { readPartitionTable } from '@/lib/core/inside/fs/partitions';
import { readInside } from '@/lib/core/inside/read-inside';
import { openFileSource, withFileSource } from '@/lib/core/inside/sources/file-source';
import { machineRoot, makeRootDir, mkext, place, run, tempDir } from './fixtures';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let root: string;

interface SfdiskPartition {
  node: string;
  start: number;
  size: number;
}
async function layout(image: string): Promise<SfdiskPartition[]> {
  return (JSON.parse(await run('sfdisk', ['-J', image])) as { partitiontable: { partitions: SfdiskPartition[] } }).partitiontable.partitions;
}

async function patch(file: string, offset: number, bytes: Uint8Array): Promise<void> {
  const f = await open(file, 'r+');
  await f.write(bytes, 0, bytes.length, offset);
  await f.close();
}

beforeAll(async () => {
  tmp = await tempDir('parts');
  root = await machineRoot(tmp.file('root'));
});
afterAll(() => tmp.cleanup());

describe('MBR with extended and logical partitions', () => {
  let disk: string;
  beforeAll(async () => {
    disk = tmp.file('mbr.img');
    await run('truncate', ['-s', '96M', disk]);
    await run('sfdisk', ['-q', disk], { input: 'label: dos\n,16M,L\n,,E\n,24M,L\n,8M,S\n,24M,L\n' });
    const parts = await layout(disk);
    const boot = await makeRootDir(tmp.file('boot'), { files: { 'vmlinuz-6.1.0-99-amd64': 'kernel', 'config-6.1.0-99-amd64': 'x' } });
    await place(await mkext(tmp.file('p1.img'), 'ext2', boot, 16), disk, parts[0].start * 512);
    await place(await mkext(tmp.file('p5.img'), 'ext4', root, 24), disk, parts[2].start * 512);
    await run('truncate', ['-s', '8M', tmp.file('swap.img')]);
    await run('mkswap', ['-q', tmp.file('swap.img')]);
    await place(tmp.file('swap.img'), disk, parts[3].start * 512);
  });

  it('lists primary and logical partitions as sfdisk made them', async () => {
    const parts = await layout(disk);
    await withFileSource(disk, async (s) => {
      const table = await readPartitionTable(s);
      expect(table.kind).toBe('mbr');
      expect(table.findings).toEqual([]);
      expect(table.partitions.map((p) => [p.number, p.start / 512, p.size / 512])).toEqual(
        parts.filter((p) => !p.node.endsWith('2')).map((p) => [Number(/(\d+)$/.exec(p.node)![1]), p.start, p.size]),
      );
    });
  });

  it('reads the root from a logical partition and the kernel from a separate /boot; names the swap', async () => {
    await withFileSource(disk, async (s) => {
      const report = await readInside(s, { format: 'RAW' });
      expect(report.status).toBe('read');
      expect(report.partitionTable).toBe('mbr');
      expect(report.filesystems.map((f) => [f.partition, f.type, f.readable])).toEqual([
        [1, 'ext2', true],
        [5, 'ext4', true],
        [6, 'swap', false],
        [7, 'unknown', false],
      ]);
      expect(report.kernels).toEqual(['6.1.0-99-amd64']);
      expect(report.os?.id).toBeTruthy();
    });
  });

  it('a chain of logical partitions that loops back is a finding, not a hang', async () => {
    const looped = tmp.file('loop.img');
    await run('cp', ['--sparse=always', disk, looped]);
    const bytes = await (await import('node:fs/promises')).readFile(looped);
    const extStart = bytes.readUInt32LE(446 + 16 + 8); // MBR entry 2: the extended partition
    const rel2 = bytes.readUInt32LE(extStart * 512 + 462 + 8); // EBR 1 → EBR 2
    const rel3 = bytes.readUInt32LE((extStart + rel2) * 512 + 462 + 8); // EBR 2 → EBR 3
    expect(rel3).toBeGreaterThan(rel2);
    // EBR 3's "next" now points back at EBR 2.
    const entry = Buffer.alloc(16);
    entry[4] = 0x05;
    entry.writeUInt32LE(rel2, 8);
    entry.writeUInt32LE(2048, 12);
    await patch(looped, (extStart + rel3) * 512 + 462, entry);
    await withFileSource(looped, async (s) => {
      const table = await readPartitionTable(s);
      expect(table.findings.map((f) => f.title)).toContain('The extended partition chain loops');
      expect(table.partitions.length).toBeLessThan(10);
    });
  });
});

describe('GPT with filesystems that are named but not readable', () => {
  it('names vfat, XFS, Btrfs, LUKS, NTFS, swap and LVM2 made by their own tools, and reads the ext4 root', async () => {
    const disk = tmp.file('gpt.img');
    await run('truncate', ['-s', '640M', disk]);
    const script = [
      'label: gpt',
      'size=1M, type=21686148-6449-6E6F-744E-656564454649',
      'size=16M, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
      'size=32M, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4',
      'size=320M, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4',
      'size=128M, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4',
      'size=20M, type=CA7D7CCB-63ED-4C53-861C-1742536059CC',
      'size=20M, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
      'size=8M, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F',
      'size=4M, type=E6D6D379-F507-44C2-A23C-238F2A3DF928',
    ].join('\n');
    await run('sfdisk', ['-q', disk], { input: script + '\n' });
    const parts = await layout(disk);
    const make = async (name: string, sizeMiB: number, cmd: string, args: string[]) => {
      const f = tmp.file(name);
      await run('truncate', ['-s', `${sizeMiB}M`, f]);
      await run(cmd, [...args, f]);
      return f;
    };
    await place(await make('vfat.img', 16, 'mkfs.fat', ['-F', '32', '-n', 'EFI']), disk, parts[1].start * 512);
    await place(await mkext(tmp.file('root.img'), 'ext4', root, 32), disk, parts[2].start * 512);
    await place(await make('xfs.img', 320, 'mkfs.xfs', ['-q', '-f']), disk, parts[3].start * 512);
    await place(await make('btrfs.img', 128, 'mkfs.btrfs', ['-q', '-f']), disk, parts[4].start * 512);
    const luks = tmp.file('luks.img');
    await run('truncate', ['-s', '20M', luks]);
    await run('sh', ['-c', `printf secret | cryptsetup luksFormat --batch-mode --type luks2 --pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file=- ${luks}`]);
    await place(luks, disk, parts[5].start * 512);
    await place(await make('ntfs.img', 20, 'mkntfs', ['-q', '-F', '-f']), disk, parts[6].start * 512);
    await place(await make('swap.img', 8, 'mkswap', ['-q']), disk, parts[7].start * 512);
    // pvcreate needs a block device (a loop device, not available here), so the LVM2 label is written as pvcreate writes it.
    const label = Buffer.alloc(512);
    label.write('LABELONE', 0, 'latin1');
    label.writeBigUInt64LE(1n, 8);
    label.write('LVM2 001', 24, 'latin1');
    await patch(disk, parts[8].start * 512 + 512, label);

    await withFileSource(disk, async (s) => {
      const report = await readInside(s, { format: 'RAW' });
      expect(report.partitionTable).toBe('gpt');
      expect(report.filesystems.map((f) => [f.partition, f.type, f.readable])).toEqual([
        [1, 'unknown', false],
        [2, 'vfat', false],
        [3, 'ext4', true],
        [4, 'xfs', false],
        [5, 'btrfs', false],
        [6, 'luks', false],
        [7, 'ntfs', false],
        [8, 'swap', false],
        [9, 'lvm2', false],
      ]);
      expect(report.filesystems[1].label).toBe('EFI');
      // Root read, but some filesystems hold contents the report cannot list.
      expect(report.status).toBe('partial');
      const unreadable = report.findings.filter((f) => f.code === 'unreadable-filesystem').map((f) => f.title);
      expect(unreadable).toEqual([
        'Partition 4 is XFS, which cannot be read yet',
        'Partition 5 is Btrfs, which cannot be read yet',
        'Partition 6 is LUKS-encrypted, which cannot be read yet',
        'Partition 7 is NTFS, which cannot be read yet',
        'Partition 9 is an LVM2 physical volume, which cannot be read yet',
      ]);
      expect(report.packages.length).toBeGreaterThan(0);
    });
  });
});

describe('hostile partition tables and filesystems', () => {
  it('a partition past the end of the disk is a finding; only its part inside the disk is read', async () => {
    const disk = tmp.file('short.img');
    await run('truncate', ['-s', '64M', disk]);
    await run('sfdisk', ['-q', disk], { input: 'label: dos\n,32M,L\n,,L\n' });
    const parts = await layout(disk);
    await place(await mkext(tmp.file('short-root.img'), 'ext4', root, 24), disk, parts[0].start * 512);
    await run('truncate', ['-s', '40M', disk]); // partition 2 now starts... and ends past the end
    await withFileSource(disk, async (s) => {
      const report = await readInside(s, { format: 'RAW' });
      expect(report.status).toBe('read');
      const titles = report.findings.filter((f) => f.code === 'partition-table-invalid').map((f) => f.title);
      expect(titles).toContain('Partition 2 extends past the end of the disk');
      expect(report.filesystems.find((f) => f.partition === 2)?.sizeBytes).toBe(40 * 1024 * 1024 - parts[1].start * 512);
    });
  });

  it('overlapping partitions are a finding', async () => {
    const disk = tmp.file('overlap.img');
    await run('truncate', ['-s', '64M', disk]);
    await run('sfdisk', ['-q', disk], { input: 'label: dos\n,24M,L\n,24M,L\n' });
    const parts = await layout(disk);
    const start = Buffer.alloc(4);
    start.writeUInt32LE(parts[0].start + 1024); // partition 2 now starts inside partition 1
    await patch(disk, 446 + 16 + 8, start);
    await withFileSource(disk, async (s) => {
      const table = await readPartitionTable(s);
      expect(table.findings.map((f) => f.title)).toContain('Partitions 1 and 2 overlap');
    });
  });

  it('a corrupt ext4 superblock is named and reported as damaged', async () => {
    const img = await mkext(tmp.file('corrupt.img'), 'ext4', root, 16);
    const bad = Buffer.alloc(4);
    bad.writeUInt32LE(0xdead); // s_log_block_size: a block size of 2^(10+57005) bytes
    await patch(img, 1024 + 24, bad);
    const s = await openFileSource(img);
    try {
      expect((await detectFilesystem(s)).type).toBe('ext4');
      const report = await readInside(s, { format: 'RAW' });
      expect(report.status).toBe('not-read');
      expect(report.filesystems).toEqual([expect.objectContaining({ type: 'ext4', readable: false })]);
      expect(report.findings.map((f) => f.code)).toContain('filesystem-invalid');
      expect(report.findings.find((f) => f.code === 'filesystem-invalid')?.detail).toMatch(/superblock/);
    } finally {
      await s.close();
    }
  });
});
