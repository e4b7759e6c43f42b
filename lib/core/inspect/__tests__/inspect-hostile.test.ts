// Broken and hostile uploads: each must end REJECTED with its own code and a reason a developer can act on.
import { randomBytes } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectStream } from '@/lib/core/inspect/index';
import type { InspectionReport } from '@/lib/core/inspect/types';
import { chunked, hasTool, inspectBytes, makeOvf, makeTempDir, manifestLine, packTar, run, sha256, type TarMember } from './helpers';
import { ustarHeader } from './synthetic-ova';

// Real tools make the fixtures; CI installs them (.ci/run). A missing tool fails loudly, never skips.
for (const [tool, pkg] of [['qemu-img', 'qemu-utils'], ['zip', 'zip']]) {
  if (!hasTool(tool)) throw new Error(`${tool} is required for these tests: apt-get install -y ${pkg}`);
}
const tmp = makeTempDir();
const f = tmp.file;

/** A small stand-in disk of no known format: the package checks do not need a real VMDK. */
const disk = Buffer.concat([Buffer.from('DISK'), randomBytes(6000)]);
const ovf = makeOvf({ files: [{ href: 'disk1.vmdk', size: disk.byteLength }] });

function ova(members: TarMember[]): Promise<Buffer> {
  return packTar(members);
}

function goodMembers(manifest = manifestLine('SHA256', 'appliance.ovf', ovf) + manifestLine('SHA256', 'disk1.vmdk', disk)): TarMember[] {
  return [
    { name: 'appliance.ovf', data: ovf },
    { name: 'appliance.mf', data: manifest },
    { name: 'disk1.vmdk', data: disk },
  ];
}

function expectRejected(report: InspectionReport, code: string, reason?: RegExp): void {
  expect({ verdict: report.verdict, code: report.code }).toEqual({ verdict: 'REJECTED', code });
  expect(report.reason?.length).toBeGreaterThan(20);
  if (reason) expect(report.reason).toMatch(reason);
}

beforeAll(() => {
  run('qemu-img', ['create', '-q', '-f', 'qcow2', f('disk.qcow2'), '1G']);
});
afterAll(() => tmp.cleanup());

describe('hostile tar archives', () => {
  it('the untouched package is VERIFIED (so the rejections below are about what was changed)', async () => {
    const bytes = await ova(goodMembers());
    const report = await inspectBytes(bytes, { fileName: 'ok.ova', expectedFormat: 'OVA', declaredSize: bytes.byteLength, expectedSha256: sha256(bytes).toUpperCase() });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'OVA', sha256: sha256(bytes) });
  });

  it('an OVA cut in the middle of the disk is TRUNCATED, and sha256/size are of what arrived', async () => {
    const bytes = await ova(goodMembers());
    const cut = bytes.subarray(0, bytes.byteLength - 3000);
    const report = await inspectBytes(cut, { fileName: 'cut.ova' });
    expectRejected(report, 'TRUNCATED', /truncated/);
    expect(report).toMatchObject({ sha256: sha256(cut), size: cut.byteLength });
  });

  it('an OVA cut exactly after a member (no end-of-archive blocks) is TRUNCATED too', async () => {
    const bytes = await ova(goodMembers());
    const withoutEnd = bytes.subarray(0, bytes.byteLength - 1024);
    expectRejected(await inspectBytes(withoutEnd), 'TRUNCATED', /end-of-archive/);
  });

  it('garbage after a valid first header is TAR_INVALID', async () => {
    const bytes = await ova(goodMembers());
    const firstMemberEnd = 512 + Math.ceil(Buffer.byteLength(ovf) / 512) * 512;
    const broken = Buffer.concat([bytes.subarray(0, firstMemberEnd), randomBytes(4096)]);
    expectRejected(await inspectBytes(broken), 'TAR_INVALID', /damaged/);
  });

  it.each([
    ['../evil.sh', 'PATH_TRAVERSAL', /climbs out/],
    ['disks/../../evil.sh', 'PATH_TRAVERSAL', /climbs out/],
    ['/etc/cron.d/evil', 'ABSOLUTE_PATH', /absolute path/],
  ])('a member named %s is %s', async (name, code, reason) => {
    const members = [...goodMembers(), { name, data: 'x' }];
    expectRejected(await inspectBytes(await ova(members), { fileName: 'evil.ova' }), code, reason);
  });

  it('a symlink, a hard link, a device and a duplicate name are each refused', async () => {
    const cases: [TarMember, string, RegExp][] = [
      [{ name: 'link', type: 'symlink', linkname: '/etc/passwd' }, 'LINK_MEMBER', /symbolic link to "\/etc\/passwd"/],
      [{ name: 'hard', type: 'link', linkname: 'disk1.vmdk' }, 'LINK_MEMBER', /hard link/],
      [{ name: 'tty', type: 'character-device' }, 'SPECIAL_MEMBER', /character-device/],
      [{ name: 'disk1.vmdk', data: 'second copy' }, 'DUPLICATE_MEMBER', /twice/],
    ];
    for (const [member, code, reason] of cases) {
      expectRejected(await inspectBytes(await ova([...goodMembers(), member])), code, reason);
    }
  });

  it('GNU tar archives with -P ../ names and a real symlink are refused', async () => {
    writeFileSync(f('appliance.ovf'), ovf);
    symlinkSync('/etc/passwd', f('passwd-link'));
    run('tar', ['--format=ustar', '-cf', f('symlink.ova'), 'appliance.ovf', 'passwd-link'], tmp.dir);
    run('tar', ['--format=ustar', '-P', '-cf', f('dotdot.ova'), 'appliance.ovf', `../${tmp.dir.split('/').pop()}/appliance.ovf`], tmp.dir);
    expectRejected(await inspectBytes(readFileSync(f('symlink.ova'))), 'LINK_MEMBER');
    expectRejected(await inspectBytes(readFileSync(f('dotdot.ova'))), 'PATH_TRAVERSAL');
  });
});

describe('hostile OVF packages', () => {
  it('an .ovf with an XXE DOCTYPE is XML_DOCTYPE', async () => {
    const xxe = makeOvf({ extraHead: '\n<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', product: '&xxe;' });
    const report = await inspectBytes(await ova([{ name: 'appliance.ovf', data: xxe }]), { fileName: 'xxe.ova' });
    expectRejected(report, 'XML_DOCTYPE', /DOCTYPE/);
  });

  it('an .ovf with a billion-laughs entity bomb is XML_DOCTYPE, quickly', async () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE Envelope [<!ENTITY l0 "lol">${laughs}]><Envelope><Info>&l9;</Info></Envelope>`;
    expectRejected(await inspectBytes(await ova([{ name: 'bomb.ovf', data: bomb }])), 'XML_DOCTYPE');
  });

  it('a manifest digest that does not match the disk is MANIFEST_MISMATCH, before or after the disk', async () => {
    const lie = manifestLine('SHA256', 'appliance.ovf', ovf) + manifestLine('SHA256', 'disk1.vmdk', 'other bytes');
    const [o, m, d] = goodMembers(lie);
    expectRejected(await inspectBytes(await ova([o, m, d])), 'MANIFEST_MISMATCH', /manifest digest for disk1\.vmdk does not match/);
    expectRejected(await inspectBytes(await ova([o, d, m])), 'MANIFEST_MISMATCH', /manifest digest for disk1\.vmdk does not match/);
    const sha1Lie = manifestLine('SHA1', 'appliance.ovf', ovf, true) + manifestLine('SHA1', 'disk1.vmdk', 'other', true);
    expectRejected(await inspectBytes(await ova([o, d, { name: 'x.mf', data: sha1Lie }])), 'MANIFEST_MISMATCH', /SHA1/);
  });

  it('a manifest line for a member that is not there is MANIFEST_MISSING_MEMBER', async () => {
    const manifest = manifestLine('SHA256', 'appliance.ovf', ovf) + manifestLine('SHA256', 'disk1.vmdk', disk) + manifestLine('SHA256', 'disk2.vmdk', 'x');
    expectRejected(await inspectBytes(await ova(goodMembers(manifest))), 'MANIFEST_MISSING_MEMBER', /disk2\.vmdk/);
  });

  it('a member the manifest does not list is MANIFEST_UNLISTED_MEMBER', async () => {
    const manifest = manifestLine('SHA256', 'appliance.ovf', ovf) + manifestLine('SHA256', 'disk1.vmdk', disk);
    const members = [...goodMembers(manifest), { name: 'extra.iso', data: 'unverified' }];
    expectRejected(await inspectBytes(await ova(members)), 'MANIFEST_UNLISTED_MEMBER', /extra\.iso/);
  });

  it('an unreadable manifest line, or an MD5 one, is MANIFEST_INVALID', async () => {
    expectRejected(await inspectBytes(await ova(goodMembers('this is not a manifest\n'))), 'MANIFEST_INVALID', /line 1/);
    expectRejected(await inspectBytes(await ova(goodMembers(`MD5(disk1.vmdk)= ${'0'.repeat(32)}\n`))), 'MANIFEST_INVALID', /MD5/);
  });

  it('an OVF File ovf:size that disagrees with the member is OVF_SIZE_MISMATCH', async () => {
    const lying = makeOvf({ files: [{ href: 'disk1.vmdk', size: disk.byteLength + 1 }] });
    const members: TarMember[] = [
      { name: 'appliance.ovf', data: lying },
      { name: 'disk1.vmdk', data: disk },
    ];
    expectRejected(await inspectBytes(await ova(members)), 'OVF_SIZE_MISMATCH', new RegExp(`${disk.byteLength + 1} bytes.*holds ${disk.byteLength}`));
  });

  it('a file split into ovf:chunkSize chunks is found and its total size checked', async () => {
    const chunked = makeOvf({ files: [{ href: 'disk1.vmdk', size: disk.byteLength }] }).replace('ovf:id="file1"', 'ovf:id="file1" ovf:chunkSize="4096"');
    const parts = [disk.subarray(0, 4096), disk.subarray(4096)];
    const members = (sizeLie: number): TarMember[] => [
      { name: 'appliance.ovf', data: chunked.replace(`ovf:size="${disk.byteLength}"`, `ovf:size="${disk.byteLength + sizeLie}"`) },
      { name: 'disk1.vmdk.000000000', data: parts[0] },
      { name: 'disk1.vmdk.000000001', data: parts[1] },
    ];
    expect((await inspectBytes(await ova(members(0)))).verdict).toBe('VERIFIED');
    expectRejected(await inspectBytes(await ova(members(1))), 'OVF_SIZE_MISMATCH');
  });

  it('a referenced disk missing from the OVA is OVF_MISSING_FILE; a disk-first tar is OVA_FIRST_MEMBER', async () => {
    expectRejected(await inspectBytes(await ova([{ name: 'appliance.ovf', data: ovf }])), 'OVF_MISSING_FILE', /disk1\.vmdk/);
    const diskFirst = await ova([{ name: 'disk1.vmdk', data: disk }, { name: 'appliance.ovf', data: ovf }]);
    expectRejected(await inspectBytes(diskFirst, { fileName: 'x.ova', expectedFormat: 'OVA' }), 'OVA_FIRST_MEMBER', /starts with "disk1\.vmdk"/);
  });

  it('a qcow2 with a backing file inside an OVA is refused while streaming', async () => {
    run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', 'disk.qcow2', '-F', 'qcow2', f('overlay.qcow2')], tmp.dir);
    const overlay = readFileSync(f('overlay.qcow2'));
    const desc = makeOvf({ files: [{ href: 'overlay.qcow2', size: overlay.byteLength }] });
    const report = await inspectBytes(await ova([{ name: 'a.ovf', data: desc }, { name: 'overlay.qcow2', data: overlay }]));
    expectRejected(report, 'QCOW2_BACKING_FILE', /disk\.qcow2/);
  });
});

describe('hostile disks, boxes and zips', () => {
  it('an encrypted qcow2 header is QCOW2_ENCRYPTED', async () => {
    const image = Buffer.from(readFileSync(f('disk.qcow2')));
    image.writeUInt32BE(2, 32); // crypt_method = LUKS
    expectRejected(await inspectBytes(image), 'QCOW2_ENCRYPTED', /LUKS/);
  });

  it('a gzip bomb inside a .box (1 GiB of zeros) is GZIP_BOMB without inflating it all', async () => {
    // 16 concatenated gzip members of 64 MiB of zeros each: a valid 1 GiB stream made in a fraction of a second.
    const zeros = Buffer.alloc(64 * 2 ** 20);
    const first = gzipSync(Buffer.concat([ustarHeader('box.img', 2 ** 30), zeros.subarray(512)]), { level: 9 });
    const rest = gzipSync(zeros, { level: 9 });
    const bomb = Buffer.concat([first, ...Array.from({ length: 15 }, () => rest), gzipSync(Buffer.alloc(1024 + 512))]);
    expect(bomb.byteLength).toBeLessThan(2 * 2 ** 20);
    const report = await inspectBytes(bomb, { fileName: 'bomb.box' });
    expectRejected(report, 'GZIP_BOMB', /decompression bomb/);
    expect(report.sha256).toBe(sha256(bomb));
  });

  it('the absolute decompression cap holds even when the ratio looks harmless', async () => {
    const data = randomBytes(3 * 2 ** 20);
    const box = gzipSync(await packTar([{ name: 'metadata.json', data: '{"provider":"libvirt"}' }, { name: 'box.img', data }]));
    const report = await inspectBytes(box, { limits: { maxDecompressedBytes: 2 ** 20 } });
    expectRejected(report, 'GZIP_BOMB', /more than 1048576 bytes/);
  });

  it('a box without metadata.json, or with broken metadata, is refused', async () => {
    const noMeta = gzipSync(await packTar([{ name: 'box.img', data: 'x' }]));
    expectRejected(await inspectBytes(noMeta, { fileName: 'a.box' }), 'BOX_METADATA_MISSING', /metadata\.json/);
    const badJson = gzipSync(await packTar([{ name: 'metadata.json', data: '{provider:' }]));
    expectRejected(await inspectBytes(badJson), 'BOX_METADATA_INVALID', /not valid JSON/);
    const noProvider = gzipSync(await packTar([{ name: 'metadata.json', data: '{"format":"qcow2"}' }]));
    expectRejected(await inspectBytes(noProvider), 'BOX_METADATA_INVALID', /provider/);
  });

  it('a zip member named ../ is PATH_TRAVERSAL; a deflate bomb in a zip box is GZIP_BOMB', async () => {
    writeFileSync(f('appliance.ovf'), ovf);
    run('mkdir', ['-p', f('sub')]);
    run('cp', [f('appliance.ovf'), f('sub/appliance.ovf')]);
    run('zip', ['-q', f('trav.zip'), 'appliance.ovf', '../appliance.ovf'], f('sub'));
    expectRejected(await inspectBytes(readFileSync(f('trav.zip'))), 'PATH_TRAVERSAL', /\.\.\/appliance\.ovf/);
    writeFileSync(f('metadata.json'), '{"provider":"libvirt"}');
    run('truncate', ['-s', '100M', f('zeros.img')]);
    run('zip', ['-q', f('bomb.zip'), 'metadata.json', 'zeros.img'], tmp.dir);
    expectRejected(await inspectBytes(readFileSync(f('bomb.zip')), { fileName: 'bomb.box' }), 'GZIP_BOMB', /zeros\.img.*decompression bomb/);
  });

  it('an encrypted zip is ZIP_ENCRYPTED; a corrupted stored member is CRC_MISMATCH', async () => {
    writeFileSync(f('appliance.ovf'), ovf);
    run('zip', ['-q', '-P', 'secret', f('enc.zip'), 'appliance.ovf'], tmp.dir);
    expectRejected(await inspectBytes(readFileSync(f('enc.zip'))), 'ZIP_ENCRYPTED', /encrypted/);
    run('zip', ['-q', '-0', f('stored.zip'), 'appliance.ovf'], tmp.dir);
    const zip = Buffer.from(readFileSync(f('stored.zip')));
    const at = zip.indexOf('<Envelope');
    zip[at + 1] = 'F'.charCodeAt(0); // "<Fnvelope": same length, different CRC
    expectRejected(await inspectBytes(zip), 'CRC_MISMATCH', /CRC-32/);
  });
});

describe('transfer integrity and format', () => {
  it('a zero-byte file is EMPTY', async () => {
    const report = await inspectBytes(new Uint8Array(0), { fileName: 'empty.ova' });
    expectRejected(report, 'EMPTY', /empty/);
    expect(report).toMatchObject({ size: 0, sha256: sha256('') });
  });

  it('random bytes named .ova are UNKNOWN_FORMAT', async () => {
    const report = await inspectBytes(randomBytes(100_000), { fileName: 'random.ova' });
    expectRejected(report, 'UNKNOWN_FORMAT', /random\.ova/);
  });

  it('a bare .ovf descriptor is UNKNOWN_FORMAT with a hint to upload the whole package', async () => {
    const report = await inspectBytes(Buffer.from(ovf), { fileName: 'appliance.ovf' });
    expectRejected(report, 'UNKNOWN_FORMAT', /bare XML descriptor.*OVA/);
  });

  it('an expectedSha256 that does not match is SHA256_MISMATCH, naming both digests', async () => {
    const bytes = await ova(goodMembers());
    const wrong = 'ab'.repeat(32);
    const report = await inspectBytes(bytes, { expectedSha256: wrong });
    expectRejected(report, 'SHA256_MISMATCH', new RegExp(`browser \\(${wrong}\\) does not match the uploaded bytes \\(${sha256(bytes)}\\)`));
  });

  it('a declaredSize that lies is SIZE_MISMATCH', async () => {
    const bytes = await ova(goodMembers());
    expectRejected(await inspectBytes(bytes, { declaredSize: bytes.byteLength + 512 }), 'SIZE_MISMATCH', new RegExp(`${bytes.byteLength} bytes arrived`));
  });

  it('a qcow2 uploaded in the OVA slot is FORMAT_MISMATCH naming both', async () => {
    const report = await inspectBytes(readFileSync(f('disk.qcow2')), { fileName: 'disk.ova', expectedFormat: 'OVA' });
    expectRejected(report, 'FORMAT_MISMATCH', /uploaded as OVA, but its content is QCOW2/);
  });

  it('an OVA uploaded in the Vagrant box slot is FORMAT_MISMATCH', async () => {
    const report = await inspectBytes(await ova(goodMembers()), { expectedFormat: 'VAGRANT_BOX' });
    expectRejected(report, 'FORMAT_MISMATCH', /VAGRANT_BOX, but its content is OVA/);
  });

  it('a source that fails mid-way is STREAM_ERROR with a null sha256, and inspectStream does not throw', async () => {
    async function* failing() {
      yield new Uint8Array(70_000);
      throw new Error('connection reset by S3');
    }
    const report = await inspectStream(failing(), { fileName: 'x.raw' });
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'STREAM_ERROR', sha256: null, size: 70_000 });
    expect(report.reason).toMatch(/connection reset/);
  });

  it('the worker-thread hasher gives the same SHA-256 and leaves the caller\'s buffers intact', async () => {
    const bytes = await ova(goodMembers());
    const copy = Buffer.from(bytes);
    const inline = await inspectBytes(bytes);
    const parallel = await inspectBytes(bytes, { declaredSize: bytes.byteLength, limits: { parallelHashMinBytes: 1 } });
    expect(parallel).toEqual(inline);
    expect(parallel.sha256).toBe(sha256(copy));
    expect(bytes.equals(copy)).toBe(true);
  });

  it('a rejected package is still read to the end, so the reported SHA-256 is of the whole upload', async () => {
    const bytes = Buffer.concat([await ova([{ name: '../x', data: 'x' }]), Buffer.alloc(100_000)]);
    let pulled = 0;
    async function* counting() {
      for await (const c of chunked(bytes)) {
        pulled += c.byteLength;
        yield c;
      }
    }
    const report = await inspectStream(counting(), { fileName: 'x.ova' });
    expectRejected(report, 'PATH_TRAVERSAL');
    expect(pulled).toBe(bytes.byteLength);
    expect(report.sha256).toBe(sha256(bytes));
  });
});
