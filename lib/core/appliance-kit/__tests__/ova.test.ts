import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOva } from '@/lib/core/appliance-kit/ova';
import { makeTar } from '@/lib/core/appliance-kit/tar';
import { sha256Hex } from '@/lib/core/appliance-kit/bytes';
import { makeTempDir, run, runStatus } from './tools';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('ova');
});
afterAll(() => tmp.cleanup());

const ovf = '<?xml version="1.0"?><Envelope/>\n';
const disk1 = { name: 'app-disk1.vmdk', bytes: new Uint8Array(1000).fill(7) };
const disk2 = { name: 'app-disk2.vmdk', bytes: new Uint8Array(512).fill(9) };

async function listAndExtract(name: string, bytes: Uint8Array) {
  await writeFile(tmp.file(name), bytes);
  const listing = await run('tar', ['-tvf', tmp.file(name)]);
  const dir = tmp.file(`${name}.d`);
  await mkdir(dir);
  await run('tar', ['-xf', tmp.file(name), '-C', dir]);
  return { listing: listing.trim().split('\n'), dir };
}

describe('makeOva', () => {
  it('is a tar that GNU tar lists with the .ovf first, then the .mf, then the disks, and sha256sum verifies', async () => {
    const ova = makeOva({ ovf, ovfName: 'app.ovf', disks: [disk1, disk2], manifest: 'SHA256' });
    const { listing, dir } = await listAndExtract('a.ova', ova);
    expect(listing.map((line) => line.split(/\s+/).at(-1))).toEqual(['app.ovf', 'app.mf', 'app-disk1.vmdk', 'app-disk2.vmdk']);
    expect(listing[0]).toMatch(/^-rw-r--r-- root\/root\s+33 2025-01-01 00:00 app.ovf$/);
    expect(listing[2]).toMatch(/\s1000 /);
    const check = await run('sha256sum', ['-c', 'app.mf'], { cwd: dir });
    expect(check.trim().split('\n')).toEqual(['app.ovf: OK', 'app-disk1.vmdk: OK', 'app-disk2.vmdk: OK']);
    expect(ova.length % 10240).toBe(0);
  });

  it('writes SHA1 manifests that sha1sum verifies', async () => {
    const { listing, dir } = await listAndExtract('b.ova', makeOva({ ovf, ovfName: 'b.ovf', disks: [disk1], manifest: 'SHA1' }));
    expect(listing).toHaveLength(3);
    await run('sha1sum', ['-c', 'b.mf'], { cwd: dir });
  });

  it('catches a tampered disk through the manifest', async () => {
    const { dir } = await listAndExtract('c.ova', makeOva({ ovf, ovfName: 'c.ovf', disks: [disk1] }));
    await writeFile(`${dir}/${disk1.name}`, new Uint8Array(1000).fill(8));
    expect((await runStatus('sha256sum', ['-c', 'c.mf'], { cwd: dir })).code).not.toBe(0);
  });

  it('leaves the manifest out when asked', async () => {
    const { listing } = await listAndExtract('d.ova', makeOva({ ovf, ovfName: 'd.ovf', disks: [disk1], manifest: 'none' }));
    expect(listing.map((line) => line.split(/\s+/).at(-1))).toEqual(['d.ovf', 'app-disk1.vmdk']);
  });

  it('is deterministic', () => {
    const make = () => sha256Hex(makeOva({ ovf, ovfName: 'app.ovf', disks: [disk1] }));
    expect(make()).toBe(make());
  });

  it.each([
    ['a descriptor not named .ovf', { ovfName: 'app.xml' }, /must end in .ovf/],
    ['no disks', { disks: [] }, /at least one disk/],
    ['a disk escaping the archive', { disks: [{ name: '../evil.vmdk', bytes: new Uint8Array(1) }] }, /plain relative path/],
    ['an absolute disk name', { disks: [{ name: '/etc/passwd', bytes: new Uint8Array(1) }] }, /plain relative path/],
    ['a disk named like the descriptor', { disks: [{ name: 'app.ovf', bytes: new Uint8Array(1) }] }, /duplicate/],
    ['a newline in a name', { disks: [{ name: 'a\nb.vmdk', bytes: new Uint8Array(1) }] }, /printable ASCII/],
    ['an overlong name', { disks: [{ name: `${'x'.repeat(101)}.vmdk`, bytes: new Uint8Array(1) }] }, /1-100/],
  ])('refuses %s', (_what, change, error) => {
    expect(() => makeOva({ ovf, ovfName: 'app.ovf', disks: [disk1], ...change })).toThrow(error);
  });
});

describe('makeTar', () => {
  it('writes member times and sizes GNU tar reads back, and an empty archive GNU tar accepts', async () => {
    const { listing } = await listAndExtract('t.tar', makeTar([{ name: 'dir/f.txt', bytes: new Uint8Array(513) }], { mtime: 86400 }));
    expect(listing[0]).toMatch(/^-rw-r--r-- root\/root\s+513 1970-01-02 00:00 dir\/f.txt$/);
    await listAndExtract('empty.tar', makeTar([]));
  });
});
