import { writeFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRawDisk } from '@/lib/core/appliance-kit/raw-disk';
import { rawToStreamOptimizedVmdk } from '@/lib/core/appliance-kit/vmdk';
import { sha256Hex } from '@/lib/core/appliance-kit/bytes';
import { makeTempDir, run } from './tools';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('vmdk');
});
afterAll(() => tmp.cleanup());

async function checkAgainstQemu(name: string, raw: Uint8Array, image: Uint8Array) {
  await writeFile(tmp.file(`${name}.img`), raw);
  await writeFile(tmp.file(`${name}.vmdk`), image);
  await run('qemu-img', ['compare', '-f', 'raw', '-F', 'vmdk', tmp.file(`${name}.img`), tmp.file(`${name}.vmdk`)]);
  await run('qemu-img', ['check', tmp.file(`${name}.vmdk`)]);
  return JSON.parse(await run('qemu-img', ['info', '--output=json', tmp.file(`${name}.vmdk`)]));
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const u64 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getBigUint64(at, true);

describe('rawToStreamOptimizedVmdk', () => {
  it('makes a streamOptimized VMDK that qemu-img reads back identical to the raw disk', async () => {
    const raw = makeRawDisk({ message: 'hello vmdk' });
    const image = rawToStreamOptimizedVmdk(raw, { fileName: 'hello.vmdk' });
    const info = await checkAgainstQemu('small', raw, image);
    expect(info).toMatchObject({ format: 'vmdk', 'virtual-size': raw.length });
    expect(info['format-specific'].data['create-type']).toBe('streamOptimized');
    expect(info['format-specific'].data.extents[0]).toMatchObject({ compressed: true, 'cluster-size': 65536 });
  });

  it('has the stream layout: KDMV header with the directory at the end, descriptor, grain, markers, footer, EOS', () => {
    const raw = makeRawDisk({ message: 'layout' });
    const image = rawToStreamOptimizedVmdk(raw, { fileName: 'layout.vmdk', adapterType: 'lsilogic' });
    expect(Buffer.from(image.subarray(0, 4)).toString('latin1')).toBe('KDMV');
    expect(u32(image, 4)).toBe(3);
    expect(u32(image, 8)).toBe(0x30001);
    expect(u64(image, 12)).toBe(BigInt(raw.length / 512));
    expect(u64(image, 56)).toBe(0xffffffffffffffffn);
    const descriptor = Buffer.from(image.subarray(512, 1024)).toString('latin1');
    expect(descriptor).toContain('createType="streamOptimized"');
    expect(descriptor).toContain(`RW ${raw.length / 512} SPARSE "layout.vmdk"`);
    expect(descriptor).toContain('ddb.adapterType = "lsilogic"');

    // The only non-zero grain is grain 0: LBA 0, then a zlib stream of the whole 64 KiB grain.
    const grainAt = 1024;
    expect(u64(image, grainAt)).toBe(0n);
    const grain = inflateSync(image.subarray(grainAt + 12, grainAt + 12 + u32(image, grainAt + 8)));
    expect(Buffer.from(grain).equals(Buffer.from(raw.subarray(0, 65536)))).toBe(true);

    const end = image.length;
    expect(u32(image, end - 512 + 12)).toBe(0); // EOS marker
    expect(image.subarray(end - 512).every((b) => b === 0)).toBe(true);
    expect(u32(image, end - 1536 + 12)).toBe(3); // footer marker
    const footer = image.subarray(end - 1024, end - 512);
    expect(Buffer.from(footer.subarray(0, 4)).toString('latin1')).toBe('KDMV');
    const gdSector = Number(u64(footer, 56));
    expect(u32(image, (gdSector - 1) * 512 + 12)).toBe(2); // grain-directory marker precedes the directory
    const gtSector = u32(image, gdSector * 512);
    expect(u32(image, (gtSector - 1) * 512 + 12)).toBe(1); // grain-table marker precedes the table
    expect(u32(image, gtSector * 512)).toBe(grainAt / 512);
  });

  it('spans several grain tables and a partial last grain (40 MiB + 512 bytes, scattered data)', async () => {
    const size = 40 * 1024 * 1024 + 512;
    const raw = makeRawDisk({ message: 'big', sizeBytes: size });
    for (const offset of [100_000, 33 * 1024 * 1024, size - 3]) raw[offset] = 0x42;
    await checkAgainstQemu('big', raw, rawToStreamOptimizedVmdk(raw));
  });

  it('is deterministic', () => {
    const raw = makeRawDisk({ message: 'same' });
    expect(sha256Hex(rawToStreamOptimizedVmdk(raw))).toBe(sha256Hex(rawToStreamOptimizedVmdk(raw)));
  });

  it('refuses a disk that is not whole sectors', () => {
    expect(() => rawToStreamOptimizedVmdk(new Uint8Array(100))).toThrow(/multiple of 512/);
  });

  it.each(['a"b.vmdk', 'line\nbreak.vmdk', '', 'dir/disk.vmdk'])('refuses extent name %j', (fileName) => {
    expect(() => rawToStreamOptimizedVmdk(new Uint8Array(512), { fileName })).toThrow(/extent file name/);
  });
});
