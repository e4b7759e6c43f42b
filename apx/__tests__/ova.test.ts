import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { makeTempDir } from '@/lib/core/appliance-kit/__tests__/tools';
import { CliError } from '@/apx/exit-codes';
import { extractOvaMembers, listOvaMembers, memberNameProblem } from '@/apx/ova';

type Member = { name: string; type?: tar.Header['type']; body?: string; linkname?: string };

async function makeTar(file: string, members: Member[]): Promise<void> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const m of members) {
    const type = m.type ?? 'file';
    if (type === 'file') pack.entry({ name: m.name }, m.body ?? 'x');
    else pack.entry({ name: m.name, type, linkname: m.linkname, size: 0 });
  }
  pack.finalize();
  await done;
  await writeFile(file, Buffer.concat(chunks));
}

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('apx-ova');
});
afterAll(() => tmp.cleanup());

describe('OVA unpacking', () => {
  it('extracts only the named disk members of a real OVA, byte for byte', async () => {
    const demo = makeDemoAppliance({ name: 'Unpack', vendor: 'Acme', version: '1', message: 'unpack' });
    const dir = tmp.file('good');
    await mkdir(dir);
    await writeFile(path.join(dir, 'a.ova'), demo.ova.bytes);
    expect((await listOvaMembers(path.join(dir, 'a.ova'))).map((m) => m.name)).toEqual([demo.ovfName, demo.ovfName.replace('.ovf', '.mf'), ...demo.ova.diskNames]);
    await extractOvaMembers(path.join(dir, 'a.ova'), dir, demo.ova.diskNames);
    expect((await readdir(dir)).sort()).toEqual(['a.ova', ...demo.ova.diskNames].sort());
    expect(Buffer.compare(await readFile(path.join(dir, demo.ova.diskNames[0])), Buffer.from(demo.vmdk.bytes))).toBe(0);
  });

  it('creates a subdirectory for a member in one, inside the target', async () => {
    const dir = tmp.file('subdir');
    await mkdir(dir);
    await makeTar(path.join(dir, 'a.ova'), [{ name: 'a.ovf', body: '<Envelope/>' }, { name: 'disks/d.vmdk', body: 'disk' }]);
    await extractOvaMembers(path.join(dir, 'a.ova'), dir, ['disks/d.vmdk']);
    expect(await readFile(path.join(dir, 'disks', 'd.vmdk'), 'utf8')).toBe('disk');
  });

  const hostile: [string, Member[], RegExp][] = [
    ['a member climbing out with ..', [{ name: 'a.ovf' }, { name: '../../escaped.vmdk' }], /climbs out/],
    ['.. in the middle', [{ name: 'a.ovf' }, { name: 'disks/../../escaped.vmdk' }], /climbs out/],
    ['an absolute path', [{ name: 'a.ovf' }, { name: '/tmp/escaped.vmdk' }], /absolute/],
    ['a symlink', [{ name: 'a.ovf' }, { name: 'disk.vmdk', type: 'symlink', linkname: '/etc/passwd' }], /a link/],
    ['a hard link', [{ name: 'a.ovf' }, { name: 'disk.vmdk', type: 'link', linkname: 'a.ovf' }], /a link/],
    ['a device', [{ name: 'a.ovf' }, { name: 'disk.vmdk', type: 'character-device' }], /special member/],
    ['a FIFO', [{ name: 'a.ovf' }, { name: 'disk.vmdk', type: 'fifo' }], /special member/],
    ['a backslash path', [{ name: 'a.ovf' }, { name: '..\\escaped.vmdk' }], /backslash/],
    ['a control character', [{ name: 'a.ovf' }, { name: 'disk\n.vmdk' }], /control characters/],
    ['a duplicate member', [{ name: 'a.ovf' }, { name: 'disk.vmdk', body: 'one' }, { name: 'disk.vmdk', body: 'two' }], /twice/],
  ];

  it.each(hostile)('refuses an OVA with %s, writing nothing', async (what, members, pattern) => {
    const dir = tmp.file(`hostile-${what.replace(/\W+/g, '-')}`);
    await mkdir(dir);
    const ova = path.join(dir, 'evil.ova');
    await makeTar(ova, members);
    const error = await extractOvaMembers(ova, dir, ['disk.vmdk']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(pattern);
    expect(await readdir(dir)).toEqual(['evil.ova']);
    await expect(stat(tmp.file('escaped.vmdk'))).rejects.toThrow();
    await expect(stat('/tmp/escaped.vmdk')).rejects.toThrow();
  });

  it('refuses hostile names asked for directly, and members that are missing', async () => {
    const dir = tmp.file('asked');
    await mkdir(dir);
    await makeTar(path.join(dir, 'a.ova'), [{ name: 'a.ovf' }, { name: 'disk.vmdk' }]);
    await expect(extractOvaMembers(path.join(dir, 'a.ova'), dir, ['../a.ovf'])).rejects.toThrow(/climbs out/);
    await expect(extractOvaMembers(path.join(dir, 'a.ova'), dir, ['other.vmdk'])).rejects.toThrow(/has no member "other.vmdk"/);
  });

  it('refuses something that is not a tar', async () => {
    const file = tmp.file('random.ova');
    await writeFile(file, Buffer.alloc(4096, 7));
    await expect(listOvaMembers(file)).rejects.toThrow(/not a readable OVA/);
  });

  it('memberNameProblem accepts plain relative names only', () => {
    for (const good of ['disk1.vmdk', 'disks/disk1.vmdk', '-disk $(x),1.vmdk', 'dir/']) expect(memberNameProblem(good), good).toBeNull();
    for (const bad of ['', '/x', 'C:x', 'a//b', './a', 'a/./b', '..', 'a/..', 'a\\b', 'a\u0000b', 'x'.repeat(256)]) expect(memberNameProblem(bad), bad).not.toBeNull();
  });
});
