import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRawDisk } from '@/lib/core/appliance-kit/raw-disk';
import { rawToQcow2 } from '@/lib/core/appliance-kit/qcow2';
import { sha256Hex } from '@/lib/core/appliance-kit/bytes';
import { makeTempDir, run } from './tools';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('qcow2');
});
afterAll(() => tmp.cleanup());

/** A disk with data scattered far apart, so several L2 tables and unallocated gaps are needed. */
function scatteredDisk(sizeBytes: number): Uint8Array {
  const raw = makeRawDisk({ message: 'scattered', sizeBytes });
  for (const offset of [70_000, 3 * 1024 * 1024 + 17, 9 * 1024 * 1024 + 4096, sizeBytes - 1]) raw[offset] = 0xa5;
  raw.fill(0x5a, 5 * 1024 * 1024, 5 * 1024 * 1024 + 200_000); // spans several clusters
  return raw;
}

async function checkAgainstQemu(name: string, raw: Uint8Array, image: Uint8Array) {
  await writeFile(tmp.file(`${name}.img`), raw);
  await writeFile(tmp.file(`${name}.qcow2`), image);
  const check = JSON.parse(await run('qemu-img', ['check', '--output=json', tmp.file(`${name}.qcow2`)]));
  expect(check).toMatchObject({ 'check-errors': 0 });
  expect(check.corruptions ?? 0).toBe(0);
  expect(check.leaks ?? 0).toBe(0);
  await run('qemu-img', ['compare', '-f', 'raw', '-F', 'qcow2', tmp.file(`${name}.img`), tmp.file(`${name}.qcow2`)]);
  return JSON.parse(await run('qemu-img', ['info', '--output=json', tmp.file(`${name}.qcow2`)]));
}

describe('rawToQcow2', () => {
  it('makes a version-3 qcow2 that qemu-img checks clean and finds identical to the raw disk', async () => {
    const raw = makeRawDisk({ message: 'hello qcow2' });
    const image = rawToQcow2(raw);
    const info = await checkAgainstQemu('small', raw, image);
    expect(info).toMatchObject({ format: 'qcow2', 'virtual-size': raw.length, 'cluster-size': 65536 });
    expect(info['format-specific'].data.compat).toBe('1.1');
    expect(info['backing-filename']).toBeUndefined();
    // header + refcount table + refcount block + L1 + one L2 + one data cluster: zeros stay unallocated
    expect(image.length).toBe(6 * 65536);
  });

  it('handles several L2 tables, partial last clusters and gaps (4 KiB clusters, 12 MiB + 512 bytes)', async () => {
    const raw = scatteredDisk(12 * 1024 * 1024 + 512);
    const info = await checkAgainstQemu('scattered', raw, rawToQcow2(raw, { clusterBits: 12 }));
    expect(info).toMatchObject({ 'virtual-size': raw.length, 'cluster-size': 4096 });
  });

  it('needs several refcount blocks when the image outgrows one (512-byte clusters)', async () => {
    const raw = new Uint8Array(2 * 1024 * 1024).fill(1); // 4096 data clusters, 256 refcounts per block
    await checkAgainstQemu('refcounts', raw, rawToQcow2(raw, { clusterBits: 9 }));
  });

  it('is deterministic', () => {
    const raw = scatteredDisk(12 * 1024 * 1024);
    expect(sha256Hex(rawToQcow2(raw))).toBe(sha256Hex(rawToQcow2(raw)));
  });

  it.each([
    ['an empty disk', new Uint8Array(0)],
    ['a disk that is not whole sectors', new Uint8Array(1000)],
  ])('refuses %s', (_what, raw) => {
    expect(() => rawToQcow2(raw)).toThrow(/multiple of 512/);
  });

  it.each([8, 22, 16.5])('refuses cluster bits %s', (clusterBits) => {
    expect(() => rawToQcow2(new Uint8Array(512), { clusterBits })).toThrow(/cluster bits/);
  });
});
