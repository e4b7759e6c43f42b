// Real files made by real tools (qemu-img, GNU tar, zip, gzip) in a temp dir, inspected as streams.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat } from '@/lib/core/inspect/index';
import { hasTool, inspectBytes, inspectFile, makeOvf, makeTempDir, manifestLine, run, sha256 } from './helpers';

// Real tools make the fixtures; CI installs them (.ci/run). A missing tool fails loudly, never skips.
for (const [tool, pkg] of [['qemu-img', 'qemu-utils'], ['zip', 'zip']]) {
  if (!hasTool(tool)) throw new Error(`${tool} is required for these tests: apt-get install -y ${pkg}`);
}
const isoTool = ['genisoimage', 'xorriso', 'mkisofs'].find(hasTool);

const tmp = makeTempDir();
const f = tmp.file;

beforeAll(() => {
  run('qemu-img', ['create', '-q', '-f', 'vmdk', '-o', 'subformat=streamOptimized', f('disk1.vmdk'), '64M']);
  run('qemu-img', ['create', '-q', '-f', 'qcow2', f('disk.qcow2'), '1G']);
  run('qemu-img', ['create', '-q', '-f', 'raw', f('base.raw'), '16M']);
  run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', 'base.raw', '-F', 'raw', f('overlay.qcow2')], tmp.dir);

  const disk = readFileSync(f('disk1.vmdk'));
  const ovf = makeOvf({ files: [{ href: 'disk1.vmdk', size: disk.byteLength }] });
  writeFileSync(f('appliance.ovf'), ovf);
  // ovftool order and spelling: manifest right after the descriptor, SHA256(name)= hex.
  writeFileSync(f('appliance.mf'), manifestLine('SHA256', 'appliance.ovf', ovf) + manifestLine('SHA256', 'disk1.vmdk', disk));
  run('tar', ['--format=ustar', '-cf', f('ovftool.ova'), 'appliance.ovf', 'appliance.mf', 'disk1.vmdk'], tmp.dir);
  // VirtualBox order and spelling: manifest last, "SHA1 (name) = hex".
  writeFileSync(f('vbox.mf'), manifestLine('SHA1', 'appliance.ovf', ovf, true) + manifestLine('SHA1', 'disk1.vmdk', disk, true));
  copyFileSync(f('vbox.mf'), f('appliance-vbox.mf'));
  run('tar', ['--format=ustar', '-cf', f('vbox.ova'), 'appliance.ovf', 'disk1.vmdk', 'appliance-vbox.mf'], tmp.dir);
  run('zip', ['-q', f('bundle.zip'), 'appliance.ovf', 'appliance.mf', 'disk1.vmdk'], tmp.dir);

  copyFileSync(f('disk.qcow2'), f('box.img'));
  writeFileSync(f('metadata.json'), JSON.stringify({ provider: 'libvirt', format: 'qcow2', virtual_size: 1, architecture: 'amd64' }));
  writeFileSync(f('Vagrantfile'), 'Vagrant.configure("2") do |config|\nend\n');
  run('tar', ['-czf', f('libvirt.box'), './metadata.json', './Vagrantfile', './box.img'], tmp.dir);
  run('tar', ['-cf', f('plain.box'), 'box.img', 'metadata.json'], tmp.dir);
});

afterAll(() => tmp.cleanup());

describe('appliance packages made with GNU tar and zip', () => {
  it('an ovftool-ordered OVA with a SHA256 manifest is VERIFIED with its metadata', async () => {
    const report = await inspectFile(f('ovftool.ova'), { expectedFormat: 'OVA' });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'OVA', sha256: sha256(readFileSync(f('ovftool.ova'))) });
    expect(report.size).toBe(readFileSync(f('ovftool.ova')).byteLength);
    expect(report.metadata).toMatchObject({
      product: 'Test Appliance',
      vendor: 'Example & Co',
      cpus: 2,
      memoryMiB: 1024,
      os: { family: 'linux', vmwOsType: 'ubuntu64Guest' },
      manifest: { member: 'appliance.mf', algorithms: ['SHA256'], entries: 2 },
    });
    const disk = report.metadata.members?.find((m) => m.name === 'disk1.vmdk');
    expect(disk).toMatchObject({ format: 'VMDK', sha256: sha256(readFileSync(f('disk1.vmdk'))), vmdk: { createType: 'streamOptimized', capacityBytes: 64 * 2 ** 20 } });
  });

  it('a VirtualBox-ordered OVA (manifest last, "SHA1 (x) = ") is checked without reading twice', async () => {
    const report = await inspectFile(f('vbox.ova'));
    expect(report.verdict).toBe('VERIFIED');
    expect(report.metadata.manifest).toMatchObject({ member: 'appliance-vbox.mf', algorithms: ['SHA1'] });
  });

  it('an OVF bundle as a zip is VERIFIED as OVF', async () => {
    const report = await inspectFile(f('bundle.zip'), { expectedFormat: 'OVF' });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'OVF', metadata: { product: 'Test Appliance', cpus: 2 } });
  });

  it('a zip written to a pipe (sizes in data descriptors) is read too', async () => {
    run('sh', ['-c', 'zip -q - appliance.ovf appliance.mf disk1.vmdk | cat > piped.zip'], tmp.dir);
    const bytes = readFileSync(f('piped.zip'));
    expect(bytes.readUInt16LE(6) & 0x8).toBe(0x8);
    const report = await inspectBytes(bytes, { fileName: 'piped.zip' });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'OVF' });
  });

  it('a libvirt .box (tar.gz with ./metadata.json, Vagrantfile, qcow2) yields provider, format and size', async () => {
    const report = await inspectFile(f('libvirt.box'), { expectedFormat: 'VAGRANT_BOX' });
    expect(report).toMatchObject({
      verdict: 'VERIFIED',
      format: 'VAGRANT_BOX',
      metadata: {
        box: { provider: 'libvirt', format: 'qcow2', virtualSizeBytes: 2 ** 30, architecture: 'amd64', hasVagrantfile: true, diskMember: 'box.img' },
        qcow2: { version: 3, virtualSizeBytes: 2 ** 30, clusterBits: 16 },
      },
    });
  });

  it('a VirtualBox .box (box.ovf + vmdk + metadata.json) also yields the OVF hardware', async () => {
    writeFileSync(f('vbox-metadata.json'), JSON.stringify({ provider: 'virtualbox' }));
    copyFileSync(f('vbox-metadata.json'), f('metadata.json'));
    copyFileSync(f('appliance.ovf'), f('box.ovf'));
    run('tar', ['-czf', f('virtualbox.box'), 'metadata.json', 'Vagrantfile', 'box.ovf', 'disk1.vmdk'], tmp.dir);
    const report = await inspectFile(f('virtualbox.box'));
    expect(report).toMatchObject({
      verdict: 'VERIFIED',
      format: 'VAGRANT_BOX',
      metadata: { cpus: 2, memoryMiB: 1024, box: { provider: 'virtualbox', diskMember: 'disk1.vmdk', virtualSizeBytes: 64 * 2 ** 20 }, vmdk: { createType: 'streamOptimized' } },
    });
  });

  it('a .box packed as a zip is a box, not an OVF bundle', async () => {
    run('sh', ['-c', `cd '${tmp.dir}' && mkdir -p zbox && cp box.img zbox/ && echo '{"provider":"libvirt","format":"qcow2"}' > zbox/metadata.json && cd zbox && zip -q ../zipped2.box metadata.json box.img`]);
    const report = await inspectFile(f('zipped2.box'), { expectedFormat: 'VAGRANT_BOX' });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'VAGRANT_BOX', metadata: { box: { provider: 'libvirt', format: 'qcow2', virtualSizeBytes: 2 ** 30 } } });
  });

  it('an uncompressed .box with the disk before metadata.json is recognised as a box', async () => {
    const report = await inspectFile(f('plain.box'));
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'VAGRANT_BOX', metadata: { box: { provider: 'libvirt', hasVagrantfile: false } } });
  });
});

describe('disk images made with qemu-img', () => {
  it('a streamOptimized VMDK reports its create type and capacity', async () => {
    const report = await inspectFile(f('disk1.vmdk'), { expectedFormat: 'VMDK' });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'VMDK', metadata: { vmdk: { kind: 'sparse', createType: 'streamOptimized', capacityBytes: 64 * 2 ** 20, compressed: true } } });
  });

  it('a qcow2 reports version, virtual size and cluster bits', async () => {
    const report = await inspectFile(f('disk.qcow2'));
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'QCOW2', metadata: { qcow2: { version: 3, virtualSizeBytes: 2 ** 30, clusterBits: 16 } } });
  });

  it('a qcow2 overlay with a backing file is REJECTED and the backing file is named', async () => {
    const report = await inspectFile(f('overlay.qcow2'));
    expect(report).toMatchObject({ verdict: 'REJECTED', code: 'QCOW2_BACKING_FILE', format: 'QCOW2' });
    expect(report.reason).toContain('"base.raw"');
    expect(report.sha256).toBe(sha256(readFileSync(f('overlay.qcow2'))));
  });

  it('a text VMDK descriptor (monolithicFlat) alone reports the summed extents but is REJECTED: its data is elsewhere', async () => {
    run('qemu-img', ['create', '-q', '-f', 'vmdk', '-o', 'subformat=monolithicFlat', f('flat.vmdk'), '32M']);
    const report = await inspectFile(f('flat.vmdk'));
    expect(report).toMatchObject({
      verdict: 'REJECTED',
      code: 'REFERENCE_OUTSIDE_PACKAGE',
      format: 'VMDK',
      metadata: { vmdk: { kind: 'descriptor', createType: 'monolithicFlat', capacityBytes: 32 * 2 ** 20, extents: [{ access: 'RW', sectors: 65536, type: 'FLAT', file: 'flat-flat.vmdk', offsetSectors: 0 }] } },
    });
    expect(report.reason).toMatch(/flat\.vmdk is a VMDK descriptor whose data lives in "flat-flat\.vmdk", which is not part of the upload/);
  });
});

describe('raw disks and ISO images', () => {
  it('a raw disk with an MBR reports its partitions and size', async () => {
    const disk = Buffer.alloc(4 * 2 ** 20);
    const entry = 446;
    disk[entry] = 0x80; // bootable
    disk[entry + 4] = 0x83; // Linux
    disk.writeUInt32LE(2048, entry + 8);
    disk.writeUInt32LE(6144, entry + 12);
    disk[510] = 0x55;
    disk[511] = 0xaa;
    const report = await inspectBytes(disk, { fileName: 'disk.img', expectedFormat: 'RAW', declaredSize: disk.byteLength });
    expect(report).toMatchObject({
      verdict: 'VERIFIED',
      format: 'RAW',
      metadata: { raw: { partitionTable: 'mbr', sizeBytes: 4 * 2 ** 20, partitions: [{ index: 1, type: '0x83', startBytes: 2048 * 512, sizeBytes: 6144 * 512, bootable: true }] } },
    });
  });

  it('a raw disk with a GPT reports the partition type GUID and name', async () => {
    const disk = Buffer.alloc(2 ** 20);
    disk[450] = 0xee; // protective MBR
    disk[510] = 0x55;
    disk[511] = 0xaa;
    disk.write('EFI PART', 512, 'latin1');
    disk.writeBigUInt64LE(2n, 512 + 72);
    disk.writeUInt32LE(128, 512 + 80);
    disk.writeUInt32LE(128, 512 + 84);
    const at = 1024;
    // Linux filesystem data 0FC63DAF-8483-4772-8E79-3D69D8477DE4 in on-disk (mixed-endian) order.
    Buffer.from('AF3DC60F83847247' + '8E793D69D8477DE4', 'hex').copy(disk, at);
    disk.writeBigUInt64LE(34n, at + 32);
    disk.writeBigUInt64LE(2047n, at + 40);
    disk.write('root', at + 56, 'utf16le');
    const report = await inspectBytes(disk);
    expect(report.metadata.raw).toEqual({
      partitionTable: 'gpt',
      sizeBytes: 2 ** 20,
      partitions: [{ index: 1, type: '0FC63DAF-8483-4772-8E79-3D69D8477DE4', startBytes: 34 * 512, sizeBytes: (2047 - 34 + 1) * 512, name: 'root' }],
    });
  });

  it('an ISO 9660 image reports its volume id', async () => {
    let iso: Buffer;
    if (isoTool) {
      writeFileSync(f('readme.txt'), 'hello');
      run(isoTool, isoTool === 'xorriso' ? ['-as', 'mkisofs', '-quiet', '-V', 'APPLIANCE_TOOLS', '-o', f('x.iso'), f('readme.txt')] : ['-quiet', '-V', 'APPLIANCE_TOOLS', '-o', f('x.iso'), f('readme.txt')]);
      iso = readFileSync(f('x.iso'));
    } else {
      // No ISO tool here: the primary volume descriptor written by hand (ECMA-119 §8.4).
      iso = Buffer.alloc(0x8000 + 2048 * 3);
      iso[0x8000] = 1;
      iso.write('CD001', 0x8001, 'latin1');
      iso[0x8006] = 1;
      iso.write('LINUX'.padEnd(32), 0x8008, 'latin1');
      iso.write('APPLIANCE_TOOLS'.padEnd(32), 0x8028, 'latin1');
      iso.writeUInt32LE(iso.byteLength / 2048, 0x8050);
      iso.writeUInt16LE(2048, 0x8080);
    }
    const report = await inspectBytes(iso, { fileName: 'tools.iso', expectedFormat: 'ISO' });
    expect(report).toMatchObject({ verdict: 'VERIFIED', format: 'ISO', metadata: { iso: { volumeId: 'APPLIANCE_TOOLS' } } });
  });
});

describe('detectFormat', () => {
  it('recognises each format by content and nothing from random bytes', () => {
    const head = (bytes: number[], at = 0, size = 64 * 1024) => {
      const b = new Uint8Array(size);
      b.set(bytes, at);
      return b;
    };
    expect(detectFormat(head([0x51, 0x46, 0x49, 0xfb]))).toBe('QCOW2');
    expect(detectFormat(head([0x4b, 0x44, 0x4d, 0x56]))).toBe('VMDK');
    expect(detectFormat(new TextEncoder().encode('# Disk DescriptorFile\nversion=1\n'))).toBe('VMDK');
    expect(detectFormat(head([0x55, 0xaa], 510))).toBe('RAW');
    expect(detectFormat(head([...Buffer.from('CD001')], 0x8001))).toBe('ISO');
    expect(detectFormat(head([0x1f, 0x8b, 8]))).toBe('VAGRANT_BOX');
    expect(detectFormat(head([0x50, 0x4b, 0x03, 0x04]))).toBe('OVF');
    expect(detectFormat(head([1, 2, 3, 4]))).toBeNull();
    expect(detectFormat(new Uint8Array(0))).toBeNull();
  });

  it('tells an OVA (first member .ovf) from a boxed tar', () => {
    expect(detectFormat(readFileSync(f('ovftool.ova')).subarray(0, 65536))).toBe('OVA');
    expect(detectFormat(readFileSync(f('plain.box')).subarray(0, 65536))).toBe('VAGRANT_BOX');
  });
});
