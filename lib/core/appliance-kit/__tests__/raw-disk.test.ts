import { describe, expect, it } from 'vitest';
import { makeRawDisk } from '@/lib/core/appliance-kit/raw-disk';
import { run, makeTempDir } from './tools';
import { writeFile } from 'node:fs/promises';

function partition(disk: Uint8Array) {
  const view = new DataView(disk.buffer, disk.byteOffset, disk.byteLength);
  return { status: disk[446], type: disk[450], start: view.getUint32(454, true), sectors: view.getUint32(458, true) };
}

describe('makeRawDisk', () => {
  it('is 1 MiB by default: boot sector, one active 0x83 partition after the first sector, zero fill', () => {
    const disk = makeRawDisk({ message: 'hi' });
    expect(disk.length).toBe(1024 * 1024);
    expect([disk[510], disk[511]]).toEqual([0x55, 0xaa]);
    expect(partition(disk)).toEqual({ status: 0x80, type: 0x83, start: 1, sectors: 2047 });
    expect(disk.subarray(462, 510).every((b) => b === 0)).toBe(true); // entries 2-4 empty
    expect(disk.subarray(512).every((b) => b === 0)).toBe(true);
  });

  it('aligns the partition to 1 MiB when the disk has room', () => {
    const disk = makeRawDisk({ message: 'hi', sizeBytes: 8 * 1024 * 1024 });
    expect(partition(disk)).toEqual({ status: 0x80, type: 0x83, start: 2048, sectors: 16384 - 2048 });
  });

  it('noise fill: the partition past its first 128 KiB is deterministic bytes that do not compress', async () => {
    const { deflateSync } = await import('node:zlib');
    const a = makeRawDisk({ message: 'hi', sizeBytes: 4 * 1024 * 1024, fill: 'noise' });
    const start = 2048 * 512 + 128 * 1024;
    expect(a.subarray(512, start).every((b) => b === 0)).toBe(true);
    const tail = a.subarray(start);
    expect(deflateSync(tail).length).toBeGreaterThan(tail.length * 0.99);
    expect(makeRawDisk({ message: 'hi', sizeBytes: 4 * 1024 * 1024, fill: 'noise' })).toEqual(a);
    expect(makeRawDisk({ message: 'ho', sizeBytes: 4 * 1024 * 1024, fill: 'noise' }).subarray(start, start + 64)).not.toEqual(tail.subarray(0, 64));
  });

  it('is a raw image qemu-img reads at its full size', async () => {
    const tmp = await makeTempDir('raw-disk');
    try {
      await writeFile(tmp.file('d.img'), makeRawDisk({ message: 'hi', sizeBytes: 4 * 1024 * 1024 }));
      const info = JSON.parse(await run('qemu-img', ['info', '--output=json', tmp.file('d.img')]));
      expect(info).toMatchObject({ format: 'raw', 'virtual-size': 4 * 1024 * 1024 });
    } finally {
      await tmp.cleanup();
    }
  });

  it('writes a deterministic, non-zero disk signature', () => {
    const a = makeRawDisk({ message: 'hi' });
    const b = makeRawDisk({ message: 'hi' });
    const signature = new DataView(a.buffer).getUint32(440, true);
    expect(signature).not.toBe(0);
    expect(new DataView(b.buffer).getUint32(440, true)).toBe(signature);
    expect(new DataView(makeRawDisk({ message: 'ho' }).buffer).getUint32(440, true)).not.toBe(signature);
  });

  it.each([0, 512, 1000, -1024, 1536.5, Number.NaN, 2 * 1024 ** 3])('refuses size %s', (sizeBytes) => {
    expect(() => makeRawDisk({ message: 'hi', sizeBytes })).toThrow(/disk size/);
  });
});
