// Hostile values and references inside otherwise well-formed packages. Each package is made with real tools
// (qemu-img, GNU tar, genisoimage/xorriso) or by editing their bytes, and must end REJECTED with a reason
// that names the field and the value — the same rule for every format (validate-report.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionReport } from '@/lib/core/inspect/types';
import { hasTool, inspectBytes, inspectFile, makeOvf, makeTempDir, packTar, run, type TarMember } from './helpers';

for (const [tool, pkg] of [['qemu-img', 'qemu-utils'], ['tar', 'tar']]) {
  if (!hasTool(tool)) throw new Error(`${tool} is required for these tests: apt-get install -y ${pkg}`);
}
const tmp = makeTempDir();
const f = tmp.file;
const MiB = 2 ** 20;

let vmdk: Buffer; // streamOptimized, 64 MiB, from qemu-img
let qcow2: Buffer; // 1 GiB qcow2, from qemu-img

beforeAll(() => {
  run('qemu-img', ['create', '-q', '-f', 'vmdk', '-o', 'subformat=streamOptimized', f('disk1.vmdk'), '64M']);
  run('qemu-img', ['create', '-q', '-f', 'qcow2', f('box.img'), '1G']);
  run('qemu-img', ['create', '-q', '-f', 'vmdk', '-o', 'subformat=monolithicFlat', f('flat.vmdk'), '1M']);
  vmdk = readFileSync(f('disk1.vmdk'));
  qcow2 = readFileSync(f('box.img'));
});
afterAll(() => tmp.cleanup());

function expectRejected(report: InspectionReport, code: string, reason: RegExp): void {
  expect({ verdict: report.verdict, code: report.code, reason: report.reason }).toEqual({ verdict: 'REJECTED', code, reason: expect.stringMatching(reason) });
}

/** An OVA of one descriptor and disk1.vmdk (the real streamOptimized disk), with the descriptor edited. */
async function ovaWith(edit: (ovf: string) => string, extra: TarMember[] = [], disk: TarMember | null = { name: 'disk1.vmdk', data: vmdk }): Promise<InspectionReport> {
  const ovf = edit(makeOvf({ files: [{ href: 'disk1.vmdk', size: vmdk.byteLength }] }));
  const bytes = await packTar([{ name: 'appliance.ovf', data: ovf }, ...(disk ? [disk] : []), ...extra]);
  return inspectBytes(bytes, { fileName: 'hostile.ova', expectedFormat: 'OVA' });
}

const cpuItem = /<rasd:VirtualQuantity>2<\/rasd:VirtualQuantity>/;
const memoryItem = /<rasd:VirtualQuantity>1024<\/rasd:VirtualQuantity>/;
const capacity = 'ovf:capacity="64" ovf:capacityAllocationUnits="byte * 2^20"';

describe('the untouched packages are VERIFIED (so each refusal below is about its one edit)', () => {
  it('the OVA with a real streamOptimized disk', async () => {
    expect((await ovaWith((o) => o)).verdict).toBe('VERIFIED');
  });
});

describe('values read from a descriptor pass the API rules or the package is refused', () => {
  it.each([
    ['0 CPUs', (o: string) => o.replace(cpuItem, '<rasd:VirtualQuantity>0</rasd:VirtualQuantity>'), /the CPU count of the appliance \(VirtualHardwareSection, ResourceType 3\) is 0 CPUs; the catalogue accepts 1 to 1024 CPUs/],
    ['-4 CPUs', (o: string) => o.replace(cpuItem, '<rasd:VirtualQuantity>-4</rasd:VirtualQuantity>'), /is -4 CPUs; the catalogue accepts 1 to 1024/],
    ['5000 CPUs', (o: string) => o.replace(cpuItem, '<rasd:VirtualQuantity>5000</rasd:VirtualQuantity>'), /is 5000 CPUs; the catalogue accepts 1 to 1024/],
    ['2.5 CPUs', (o: string) => o.replace(cpuItem, '<rasd:VirtualQuantity>2.5</rasd:VirtualQuantity>'), /is 2\.5 CPUs, not a whole number/],
    ['"two" CPUs', (o: string) => o.replace(cpuItem, '<rasd:VirtualQuantity>two</rasd:VirtualQuantity>'), /the CPU count \(VirtualQuantity\) of virtual system "test-vm" is "two", which is not a whole number/],
    ['0 MiB of memory', (o: string) => o.replace(memoryItem, '<rasd:VirtualQuantity>0</rasd:VirtualQuantity>'), /the memory of the appliance \(VirtualHardwareSection, ResourceType 4\) is 0 MiB; the catalogue accepts 1 to 16777216 MiB/],
    ['1000.5 MiB of memory', (o: string) => o.replace(memoryItem, '<rasd:VirtualQuantity>1000.5</rasd:VirtualQuantity>'), /is 1000\.5 MiB, not a whole number/],
    ['1 EiB of memory', (o: string) => o.replace(memoryItem, '<rasd:VirtualQuantity>1099511627776</rasd:VirtualQuantity>'), /is 1099511627776 MiB; the catalogue accepts 1 to 16777216 MiB/],
    ['memory in furlongs', (o: string) => o.replace('<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:InstanceID>2', '<rasd:AllocationUnits>furlongs</rasd:AllocationUnits><rasd:InstanceID>2'), /the memory AllocationUnits of virtual system "test-vm" is "furlongs"/],
  ])('%s', async (_name, edit, reason) => {
    expectRejected(await ovaWith(edit), 'VALUE_INVALID', reason);
  });

  it('a collection of two 600-CPU systems needs 1200 CPUs in all, more than the catalogue accepts', async () => {
    const report = await ovaWith((o) => {
      const system = o.slice(o.indexOf('<VirtualSystem '), o.indexOf('</VirtualSystem>') + '</VirtualSystem>'.length).replace(cpuItem, '<rasd:VirtualQuantity>600</rasd:VirtualQuantity>');
      const collection = `<VirtualSystemCollection ovf:id="pair"><Info>Two</Info>${system}${system.replace('ovf:id="test-vm"', 'ovf:id="second-vm"')}</VirtualSystemCollection>`;
      return o.slice(0, o.indexOf('<VirtualSystem ')) + collection + o.slice(o.indexOf('</VirtualSystem>') + '</VirtualSystem>'.length);
    });
    expectRejected(report, 'VALUE_INVALID', /the CPU count of the appliance \(VirtualHardwareSection\), summed over its virtual systems, is 1200 CPUs; the catalogue accepts 1 to 1024/);
  });

  it.each([
    ['a capacity of 0', (o: string) => o.replace(capacity, 'ovf:capacity="0" ovf:capacityAllocationUnits="byte * 2^20"'), /the capacity \(ovf:capacity\) of disk "vmdisk1" is 0 bytes; a disk holds at least one byte/],
    ['a negative capacity', (o: string) => o.replace(capacity, 'ovf:capacity="-64" ovf:capacityAllocationUnits="byte * 2^20"'), /of disk "vmdisk1" is -67108864 bytes; a disk holds at least one byte/],
    ['a capacity of 1 EiB', (o: string) => o.replace(capacity, 'ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^60"'), /the capacity \(ovf:capacity\) of disk "vmdisk1" is 1152921504606847000 bytes \(1048576 TiB\), larger than any real disk \(the limit is 256 TiB\)/],
    ['a capacity of "lots"', (o: string) => o.replace(capacity, 'ovf:capacity="lots" ovf:capacityAllocationUnits="byte * 2^20"'), /the capacity \(ovf:capacity\) of disk "vmdisk1" is "lots", which is not a number/],
    ['no capacity at all', (o: string) => o.replace(capacity, ''), /the capacity \(ovf:capacity\) of disk "vmdisk1" is missing/],
    ['capacity units of "parsecs"', (o: string) => o.replace(capacity, 'ovf:capacity="64" ovf:capacityAllocationUnits="parsecs"'), /capacity units \(ovf:capacityAllocationUnits\) of disk "vmdisk1" is "parsecs"/],
    ['more populated than its capacity', (o: string) => o.replace(capacity, `${capacity} ovf:populatedSize="${65 * MiB}"`), /disk "vmdisk1" says 68157440 bytes \(65\.0 MiB\) of it are in use \(ovf:populatedSize\), more than its capacity of 67108864 bytes/],
    ['a capacity smaller than the VMDK it names', (o: string) => o.replace(capacity, 'ovf:capacity="32" ovf:capacityAllocationUnits="byte * 2^20"'), /disk "vmdisk1" is declared with a capacity of 33554432 bytes \(32\.0 MiB\) \(ovf:capacity\), but its file disk1\.vmdk holds a disk of 67108864 bytes/],
    ['a negative ovf:size', (o: string) => o.replace(`ovf:size="${vmdk.byteLength}"`, 'ovf:size="-2"'), /the size \(ovf:size\) of the file "disk1\.vmdk" is -2, not a byte count/],
    ['an ovf:size of 2^63', (o: string) => o.replace(`ovf:size="${vmdk.byteLength}"`, 'ovf:size="9223372036854775807"'), /the size \(ovf:size\) of the file "disk1\.vmdk" is 9223372036854776000, not a byte count/],
    ['bzip2 compression', (o: string) => o.replace('ovf:id="file1"', 'ovf:id="file1" ovf:compression="bzip2"'), /compressed with "bzip2" \(ovf:compression\); OVF knows only "gzip" and "identity"/],
  ])('a disk with %s', async (_name, edit, reason) => {
    expectRejected(await ovaWith(edit), 'VALUE_INVALID', reason);
  });

  it.each([
    ['a bell character in the Product', (o: string) => o.replace('<Product>Test Appliance</Product>', '<Product>Test&#7;Appliance</Product>'), /the Product in the descriptor's ProductSection "Test\\u0007Appliance" contains the invisible control character U\+0007/],
    ['a right-to-left override in the Vendor', (o: string) => o.replace('<Vendor>Example &amp; Co</Vendor>', '<Vendor>Example&#x202E;oC</Vendor>'), /the Vendor in the descriptor's ProductSection "Example\\u202eoC" contains the invisible control character U\+202E/],
    ['a 65-character Version', (o: string) => o.replace('<Version>1.2</Version>', `<Version>${'1.'.repeat(32)}1</Version>`), /the Version in the descriptor's ProductSection is 65 characters long; at most 64 are accepted/],
    ['a javascript: VendorUrl', (o: string) => o.replace('</Version>', '</Version><VendorUrl>javascript:alert(document.cookie)</VendorUrl>'), /the VendorUrl in the descriptor's ProductSection is "javascript:alert\(document\.cookie\)", not an http\(s\) URL/],
    ['a 121-character OS description', (o: string) => o.replace('<Description>Ubuntu Linux (64-bit)</Description>', `<Description>${'U'.repeat(121)}</Description>`), /the operating system description \(OperatingSystemSection\) is 121 characters long; at most 120/],
    ['a 60 000-character EULA', (o: string) => o.replace('</ProductSection>', `</ProductSection><EulaSection><Info>e</Info><License>${'agree '.repeat(10_000)}</License></EulaSection>`), /the EULA \(EulaSection\) is 59999 characters long; at most 50000/],
    ['a newline in a network name', (o: string) => o.replace('ovf:name="VM Network"', 'ovf:name="VM&#10;Network"'), /a network name \(NetworkSection\) "VM\\u000aNetwork" contains the invisible control character U\+000A/],
  ])('a descriptor with %s', async (_name, edit, reason) => {
    expectRejected(await ovaWith(edit), 'VALUE_INVALID', reason);
  });

  it('a member name with a control character is refused, named with the character spelled out', async () => {
    const report = await ovaWith((o) => o, [{ name: 'notes\u001b[2J.txt', data: 'x' }]);
    expectRejected(report, 'VALUE_INVALID', /a member name "notes\\u001b\[2J\.txt" contains the invisible control character U\+001B/);
  });
});

describe('every reference in a descriptor resolves inside the package', () => {
  it.each([
    ['an absolute path', '/etc/passwd', /File "file1" of the descriptor's References \(ovf:href\) names "\/etc\/passwd", an absolute path/],
    ['a Windows path', 'C:\\Users\\me\\disk1.vmdk', /names "C:\\Users\\me\\disk1\.vmdk", an absolute path/],
    ['a UNC path', '\\\\fileserver\\share\\disk1.vmdk', /names "\\\\fileserver\\share\\disk1\.vmdk", an absolute path/],
    ['a climb out with ..', '../disk1.vmdk', /names "\.\.\/disk1\.vmdk", which climbs out of the package with "\.\."/],
    ['an https URL', 'https://evil.example/disk1.vmdk', /names the URL "https:\/\/evil\.example\/disk1\.vmdk"; everything an appliance needs must be inside the upload/],
    ['a file: URL', 'file:///etc/shadow', /names the URL "file:\/\/\/etc\/shadow"/],
  ])('an href that is %s is REFERENCE_OUTSIDE_PACKAGE', async (_name, href, reason) => {
    expectRejected(await ovaWith((o) => o.replace('ovf:href="disk1.vmdk"', `ovf:href="${href}"`)), 'REFERENCE_OUTSIDE_PACKAGE', reason);
  });

  it('a percent-encoded href names the member it decodes to; one that decodes to ".." is refused', async () => {
    const named = { name: 'my disk.vmdk', data: vmdk };
    expect((await ovaWith((o) => o.replace('ovf:href="disk1.vmdk"', 'ovf:href="my%20disk.vmdk"'), [], named)).verdict).toBe('VERIFIED');
    expectRejected(await ovaWith((o) => o.replace('ovf:href="disk1.vmdk"', 'ovf:href="%2e%2e/disk1.vmdk"')), 'REFERENCE_OUTSIDE_PACKAGE', /names "\.\.\/disk1\.vmdk", which climbs out/);
  });

  it('a Disk whose ovf:fileRef names no File is REFERENCE_OUTSIDE_PACKAGE', async () => {
    const report = await ovaWith((o) => o.replace('ovf:fileRef="file1"', 'ovf:fileRef="file9"'));
    expectRejected(report, 'REFERENCE_OUTSIDE_PACKAGE', /disk "vmdisk1" refers to the file id "file9" \(ovf:fileRef\), which the descriptor's References do not list/);
  });

  it('a descriptor in a folder resolves hrefs from that folder', async () => {
    const ovf = makeOvf({ files: [{ href: 'disk1.vmdk', size: vmdk.byteLength }] });
    const ok = await packTar([{ name: 'appliance/appliance.ovf', data: ovf }, { name: 'appliance/disk1.vmdk', data: vmdk }]);
    expect((await inspectBytes(ok, { fileName: 'nested.ova' })).verdict).toBe('VERIFIED');
    const wrong = await packTar([{ name: 'appliance/appliance.ovf', data: ovf }, { name: 'disk1.vmdk', data: vmdk }]);
    expectRejected(await inspectBytes(wrong, { fileName: 'nested.ova' }), 'OVF_MISSING_FILE', /File "file1" of the descriptor's References \(ovf:href\) names "disk1\.vmdk", but nested\.ova has no such member/);
  });

  describe('ovf:chunkSize parts', () => {
    const chunked = (o: string) => o.replace('ovf:id="file1"', `ovf:id="file1" ovf:chunkSize="${MiB}"`);
    const parts = (sizes: number[], names?: string[]): TarMember[] =>
      sizes.map((size, i) => ({ name: names?.[i] ?? `disk1.vmdk.${String(i).padStart(9, '0')}`, data: Buffer.alloc(size, i + 1) }));
    const total = (sizes: number[]) => (o: string) => chunked(o).replace(`ovf:size="${vmdk.byteLength}"`, `ovf:size="${sizes.reduce((a, b) => a + b, 0)}"`);

    it('whole parts of chunkSize and a shorter last one are VERIFIED', async () => {
      const sizes = [MiB, MiB, 1000];
      expect((await ovaWith(total(sizes), parts(sizes), null)).verdict).toBe('VERIFIED');
    });

    it('a missing first part is OVF_MISSING_FILE', async () => {
      expectRejected(await ovaWith(chunked, [], null), 'OVF_MISSING_FILE', /names "disk1\.vmdk" in chunks of 1048576 bytes, but hostile\.ova has no disk1\.vmdk\.000000000/);
    });

    it('a gap in the parts is REFERENCE_OUTSIDE_PACKAGE', async () => {
      const sizes = [MiB, 1000];
      const members = parts(sizes, ['disk1.vmdk.000000000', 'disk1.vmdk.000000002']);
      expectRejected(await ovaWith(total(sizes), members, null), 'REFERENCE_OUTSIDE_PACKAGE', /the chunks of "disk1\.vmdk" have a gap: 1 part\(s\) come after a missing one/);
    });

    it('a part shorter than chunkSize before the last is VALUE_INVALID', async () => {
      const sizes = [1000, MiB];
      expectRejected(await ovaWith(total(sizes), parts(sizes), null), 'VALUE_INVALID', /the chunk disk1\.vmdk\.000000000 holds 1000 bytes, but ovf:chunkSize says every chunk but the last holds exactly 1048576/);
    });

    it.each([['0'], ['-1048576'], ['many']])('a chunkSize of %s is refused', async (value) => {
      const report = await ovaWith((o) => o.replace('ovf:id="file1"', `ovf:id="file1" ovf:chunkSize="${value}"`), parts([MiB]), null);
      expectRejected(report, 'VALUE_INVALID', value === 'many' ? /the chunk size \(ovf:chunkSize\) of the file "disk1\.vmdk" is "many", which is not a number of bytes/ : new RegExp(`the chunk size \\(ovf:chunkSize\\) of the file "disk1\\.vmdk" is ${value}; it must be a positive number of bytes`));
    });
  });
});

describe('VMDK extents resolve inside the package', () => {
  /** An OVA whose disk is a VMDK text descriptor (qemu-img monolithicFlat, made in beforeAll, then edited) and its flat file. */
  async function flatOva(editDescriptor: (d: string) => string, flat: TarMember | null): Promise<InspectionReport> {
    const descriptor = editDescriptor(readFileSync(f('flat.vmdk'), 'latin1'));
    const data = Buffer.from(descriptor, 'latin1');
    const ovf = makeOvf({ files: [{ href: 'flat.vmdk', size: data.byteLength }] }).replace(capacity, 'ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^20"');
    const members: TarMember[] = [{ name: 'appliance.ovf', data: ovf }, { name: 'flat.vmdk', data }, ...(flat ? [flat] : [])];
    return inspectBytes(await packTar(members), { fileName: 'flat.ova' });
  }
  const flatFile = (): TarMember => ({ name: 'flat-flat.vmdk', data: readFileSync(f('flat-flat.vmdk')) });

  it('a monolithicFlat descriptor with its flat file is VERIFIED', async () => {
    expect((await flatOva((d) => d, flatFile())).verdict).toBe('VERIFIED');
  });

  it('the descriptor without its flat file is REFERENCE_OUTSIDE_PACKAGE', async () => {
    expectRejected(await flatOva((d) => d, null), 'REFERENCE_OUTSIDE_PACKAGE', /extent 1 of the VMDK flat\.vmdk \(FLAT\) names "flat-flat\.vmdk", but flat\.ova has no such member/);
  });

  it.each([
    ['a VMFS datastore path', (d: string) => d.replace('"flat-flat.vmdk"', '"/vmfs/volumes/datastore1/vm/flat-flat.vmdk"'), /extent 1 of the VMDK flat\.vmdk \(FLAT\) names "\/vmfs\/volumes\/datastore1\/vm\/flat-flat\.vmdk", an absolute path/],
    ['a host device', (d: string) => d.replace('"flat-flat.vmdk"', '"/dev/sda"'), /names "\/dev\/sda", an absolute path/],
    ['a Windows physical drive', (d: string) => d.replace('"flat-flat.vmdk"', '"\\\\.\\PhysicalDrive0"'), /names "\\\\\.\\PhysicalDrive0", an absolute path/],
    ['a climb out with ..', (d: string) => d.replace('"flat-flat.vmdk"', '"../flat-flat.vmdk"'), /names "\.\.\/flat-flat\.vmdk", which climbs out/],
    ['a raw device mapping', (d: string) => d.replace('FLAT "flat-flat.vmdk" 0', 'VMFSRDM "flat-rdm.vmdk"'), /extent 1 of the VMDK flat\.vmdk \(VMFSRDM\) maps a raw device through "flat-rdm\.vmdk"/],
    ['a fullDevice createType', (d: string) => d.replace('createType="monolithicFlat"', 'createType="fullDevice"'), /the VMDK flat\.vmdk is of createType "fullDevice": it maps a physical device/],
    ['itself as its extent', (d: string) => d.replace('"flat-flat.vmdk"', '"flat.vmdk"'), /extent 1 of the VMDK flat\.vmdk \(FLAT\) points back at the descriptor itself/],
  ])('an extent line pointing at %s is REFERENCE_OUTSIDE_PACKAGE', async (_name, edit, reason) => {
    expectRejected(await flatOva(edit, flatFile()), 'REFERENCE_OUTSIDE_PACKAGE', reason);
  });

  it('an extent larger than its flat file is VALUE_INVALID', async () => {
    const report = await flatOva((d) => d.replace('RW 2048 FLAT', 'RW 4096 FLAT'), flatFile());
    expectRejected(report, 'VALUE_INVALID', /extent 1 of the VMDK flat\.vmdk \(FLAT\) needs 2097152 bytes \(2\.0 MiB\) of flat-flat\.vmdk, but that member holds only 1048576 bytes/);
  });

  it('an extent line that cannot be read, or of an unknown type, is VALUE_INVALID', async () => {
    expectRejected(await flatOva((d) => d.replace('RW 2048 FLAT "flat-flat.vmdk" 0', 'RW lots FLAT "flat-flat.vmdk"'), flatFile()), 'VALUE_INVALID', /an extent line of the member flat\.vmdk is "RW lots FLAT \\?"flat-flat\.vmdk\\?""/);
    expectRejected(await flatOva((d) => d.replace('FLAT "flat-flat.vmdk" 0', 'NFS "flat-flat.vmdk"'), flatFile()), 'VALUE_INVALID', /extent 1 of the VMDK flat\.vmdk \(NFS\) has the unknown extent type "NFS"/);
  });

  it('twoGbMaxExtentSparse from qemu-img: VERIFIED with all its extents, REFERENCE_OUTSIDE_PACKAGE alone', async () => {
    run('qemu-img', ['create', '-q', '-f', 'vmdk', '-o', 'subformat=twoGbMaxExtentSparse', f('split.vmdk'), '64M']);
    const descriptor = readFileSync(f('split.vmdk'));
    const extent = readFileSync(f('split-s001.vmdk'));
    const ovf = makeOvf({ files: [{ href: 'split.vmdk', size: descriptor.byteLength }] });
    const whole = await packTar([{ name: 'a.ovf', data: ovf }, { name: 'split.vmdk', data: descriptor }, { name: 'split-s001.vmdk', data: extent }]);
    expect((await inspectBytes(whole, { fileName: 'split.ova' })).verdict).toBe('VERIFIED');
    expectRejected(await inspectFile(f('split.vmdk')), 'REFERENCE_OUTSIDE_PACKAGE', /split\.vmdk is a VMDK descriptor whose data lives in "split-s001\.vmdk", which is not part of the upload/);
  });

  it('a sparse VMDK whose embedded descriptor was edited to add a second extent elsewhere is refused', async () => {
    // qemu-img writes the descriptor at sector 1 of a monolithicSparse file; rewrite it in place.
    run('qemu-img', ['create', '-q', '-f', 'vmdk', f('sparse.vmdk'), '64M']);
    const image = Buffer.from(readFileSync(f('sparse.vmdk')));
    const at = Number(image.readBigUInt64LE(28)) * 512;
    const size = Number(image.readBigUInt64LE(36)) * 512;
    const text = image.subarray(at, at + size).toString('latin1').replace(/\0.*$/s, '');
    const edited = text.replace(/(RW \d+ SPARSE "sparse\.vmdk")/, '$1\nRW 2048 FLAT "/etc/passwd" 0');
    expect(edited).not.toBe(text);
    image.fill(0, at, at + size).write(edited, at, 'latin1');
    writeFileSync(f('sparse-edited.vmdk'), image);
    expectRejected(await inspectFile(f('sparse-edited.vmdk')), 'REFERENCE_OUTSIDE_PACKAGE', /the monolithicSparse VMDK sparse-edited\.vmdk lists 2 extents; a monolithicSparse disk is one file/);
  });

  it('a text descriptor longer than the 64 KiB read, or a sparse file whose embedded descriptor lies beyond them, is VMDK_INVALID', async () => {
    // Extent lines after 64 KiB of comments would never be seen: the descriptor is refused whole.
    const long = `${readFileSync(f('flat.vmdk'), 'latin1').replace('# Extent description', `${'#'.repeat(70_000)}\n# Extent description`)}`;
    expectRejected(await inspectBytes(Buffer.from(long, 'latin1'), { fileName: 'long.vmdk' }), 'VMDK_INVALID', /the VMDK descriptor long\.vmdk is \d+ bytes; descriptors are read whole only up to 65536 bytes/);
    const image = Buffer.concat([Buffer.from(vmdk), Buffer.alloc(256 * 1024)]);
    image.writeBigUInt64LE(200n, 28); // descriptorOffset: sector 200, byte 102400
    expectRejected(await inspectBytes(image, { fileName: 'far.vmdk' }), 'VMDK_INVALID', /far\.vmdk keeps its embedded descriptor at bytes 102400–\d+, beyond the first 65536 bytes/);
  });

  it('a sparse VMDK whose header contradicts its embedded descriptor, or claims 2^50 sectors, is VALUE_INVALID', async () => {
    const image = Buffer.from(vmdk);
    image.writeBigUInt64LE(BigInt(2 * 131072), 12); // header capacity doubled, descriptor unchanged
    expectRejected(await inspectBytes(image, { fileName: 'liar.vmdk' }), 'VALUE_INVALID', /the VMDK liar\.vmdk says 67108864 bytes \(64\.0 MiB\) in its embedded descriptor but 134217728 bytes \(128 MiB\) in its header; the two must agree/);
    image.writeBigUInt64LE(2n ** 50n, 12);
    expectRejected(await inspectBytes(image, { fileName: 'huge.vmdk' }), 'VALUE_INVALID', /the capacity of the VMDK huge\.vmdk is 576460752303423500 bytes .* larger than any real disk/);
  });
});

describe('qcow2 images point at nothing outside themselves', () => {
  it('a backing file made with qemu-img create -b is QCOW2_BACKING_FILE naming it', async () => {
    run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', 'box.img', '-F', 'qcow2', f('overlay.qcow2')], tmp.dir);
    expectRejected(await inspectFile(f('overlay.qcow2')), 'QCOW2_BACKING_FILE', /overlay\.qcow2 is a qcow2 overlay on the backing file "box\.img"/);
  });

  it('an external data file made with qemu-img -o data_file is QCOW2_EXTERNAL_DATA naming it, alone and in a box', async () => {
    run('qemu-img', ['create', '-q', '-f', 'qcow2', '-o', 'data_file=external.raw', f('external.qcow2'), '16M'], tmp.dir);
    expectRejected(await inspectFile(f('external.qcow2')), 'QCOW2_EXTERNAL_DATA', /keeps its data in the external file "external\.raw" \(qcow2 data_file\)/);
    const box = await packTar([
      { name: 'metadata.json', data: '{"provider":"libvirt","format":"qcow2"}' },
      { name: 'box.img', data: readFileSync(f('external.qcow2')) },
      { name: 'external.raw', data: readFileSync(f('external.raw')) },
    ]);
    expectRejected(await inspectBytes(box, { fileName: 'ext.box' }), 'QCOW2_EXTERNAL_DATA', /the member box\.img keeps its data in the external file "external\.raw"/);
  });

  it('a virtual size of 0 (qemu-img create … 0) or 2^60 bytes (edited) is VALUE_INVALID', async () => {
    run('qemu-img', ['create', '-q', '-f', 'qcow2', f('empty.qcow2'), '0']);
    expectRejected(await inspectFile(f('empty.qcow2')), 'VALUE_INVALID', /the virtual size of the qcow2 image empty\.qcow2 is 0 bytes; a disk holds at least one byte/);
    const image = Buffer.from(qcow2);
    image.writeBigUInt64BE(2n ** 60n, 24);
    expectRejected(await inspectBytes(image, { fileName: 'huge.qcow2' }), 'VALUE_INVALID', /the virtual size of the qcow2 image huge\.qcow2 is 1152921504606847000 bytes .*larger than any real disk \(the limit is 256 TiB\)/);
  });
});

describe('Vagrant box metadata passes the API rules and names only its own files', () => {
  async function box(metadata: unknown, members: TarMember[] = [{ name: 'box.img', data: qcow2 }]): Promise<InspectionReport> {
    const bytes = await packTar([{ name: 'metadata.json', data: typeof metadata === 'string' ? metadata : JSON.stringify(metadata) }, ...members]);
    return inspectBytes(bytes, { fileName: 'hostile.box', expectedFormat: 'VAGRANT_BOX' });
  }

  it('the plain libvirt box is VERIFIED (with GNU tar too)', async () => {
    expect((await box({ provider: 'libvirt', format: 'qcow2', virtual_size: 1, architecture: 'amd64' })).verdict).toBe('VERIFIED');
    writeFileSync(f('metadata.json'), JSON.stringify({ provider: 'libvirt', format: 'qcow2', virtual_size: 1, architecture: 'arm64' }));
    run('tar', ['-czf', f('gnu.box'), 'metadata.json', 'box.img'], tmp.dir);
    expect((await inspectFile(f('gnu.box'))).verdict).toBe('VERIFIED');
  });

  it.each([
    ['an uppercase provider', { provider: 'VirtualBox' }, /names the provider "VirtualBox"; a provider is a lowercase Vagrant name/],
    ['a provider that is a path', { provider: '../../../etc' }, /names the provider "\.\.\/\.\.\/\.\.\/etc"/],
    ['a 40-character provider', { provider: 'p'.repeat(40) }, /names the provider "p{40}"/],
    ['an architecture the catalogue does not know', { provider: 'libvirt', architecture: 'sparc64' }, /names the architecture "sparc64"; the catalogue accepts amd64, arm64 and i386/],
    ['a negative virtual_size', { provider: 'libvirt', virtual_size: -1 }, /the virtual_size in the box's metadata\.json is -1073741824 bytes; a disk holds at least one byte/],
    ['a virtual_size of "big"', { provider: 'libvirt', virtual_size: 'big' }, /"virtual_size" in metadata\.json is "big", which is not a size in GB/],
    ['a virtual_size of a billion GB', { provider: 'libvirt', virtual_size: 1e9 }, /the virtual_size in the box's metadata\.json is 1073741824000000000 bytes .*larger than any real disk/],
    ['a virtual_size smaller than box.img', { provider: 'libvirt', format: 'qcow2', virtual_size: 0.5 }, /gives a virtual_size of 536870912 bytes \(512 MiB\), smaller than the 1073741824 bytes \(1\.0 GiB\) disk in box\.img/],
    ['a format box.img is not', { provider: 'libvirt', format: 'vmdk' }, /says the disk format is "vmdk", but box\.img is a qcow2 image/],
  ])('%s is VALUE_INVALID', async (_name, metadata, reason) => {
    expectRejected(await box(metadata), 'VALUE_INVALID', reason);
  });

  it.each([
    ['disks[].path climbing out', { provider: 'libvirt', disks: [{ path: '../../var/lib/libvirt/images/other.qcow2' }] }, /the "disks" list of the box's metadata\.json names "\.\.\/\.\.\/var\/lib\/libvirt\/images\/other\.qcow2", which climbs out/],
    ['disks[].path absolute', { provider: 'libvirt', disks: [{ path: '/var/lib/libvirt/images/other.qcow2' }] }, /names "\/var\/lib\/libvirt\/images\/other\.qcow2", an absolute path/],
    ['disks[].path not in the box', { provider: 'libvirt', disks: [{ path: 'box.img' }, { path: 'disk2.img' }] }, /the "disks" list of the box's metadata\.json names "disk2\.img", but hostile\.box has no such member/],
  ])('%s is REFERENCE_OUTSIDE_PACKAGE', async (_name, metadata, reason) => {
    expectRejected(await box(metadata), 'REFERENCE_OUTSIDE_PACKAGE', reason);
  });

  it('a libvirt box without box.img, and a VirtualBox box without box.ovf, are REFERENCE_OUTSIDE_PACKAGE', async () => {
    expectRejected(await box({ provider: 'libvirt' }, [{ name: 'disk.qcow2', data: qcow2 }]), 'REFERENCE_OUTSIDE_PACKAGE', /a libvirt box keeps its disk in box\.img, but hostile\.box has no such member/);
    expectRejected(await box({ provider: 'virtualbox' }, [{ name: 'disk1.vmdk', data: vmdk }]), 'REFERENCE_OUTSIDE_PACKAGE', /a VirtualBox box imports its machine from box\.ovf, but hostile\.box holds no \.ovf descriptor/);
  });

  it('a VirtualBox box whose box.ovf names a disk the box lacks is OVF_MISSING_FILE', async () => {
    const ovf = makeOvf({ files: [{ href: 'disk1.vmdk', size: vmdk.byteLength }] });
    const report = await box({ provider: 'virtualbox' }, [{ name: 'box.ovf', data: ovf }]);
    expectRejected(report, 'OVF_MISSING_FILE', /File "file1" of the descriptor's References \(ovf:href\) names "disk1\.vmdk", but hostile\.box has no such member/);
  });
});

describe('raw disks and ISO images agree with their own size', () => {
  it('an MBR partition that ends past the end of the image is VALUE_INVALID', async () => {
    run('qemu-img', ['create', '-q', '-f', 'raw', f('disk.raw'), '4M']);
    const disk = Buffer.from(readFileSync(f('disk.raw')));
    disk[446 + 4] = 0x83;
    disk.writeUInt32LE(2048, 446 + 8);
    disk.writeUInt32LE(1_000_000, 446 + 12); // ~488 MiB in a 4 MiB image
    disk[510] = 0x55;
    disk[511] = 0xaa;
    expectRejected(await inspectBytes(disk, { fileName: 'disk.img', expectedFormat: 'RAW' }), 'VALUE_INVALID', /partition 1 of disk\.img ends at byte 513048576, past the end of the 4194304 bytes \(4\.0 MiB\) image/);
  });

  it('an ISO whose volume size is larger than the file (cut short) is VALUE_INVALID', async () => {
    const isoTool = ['genisoimage', 'xorriso', 'mkisofs'].find(hasTool);
    let iso: Buffer;
    if (isoTool) {
      writeFileSync(f('readme.txt'), 'hello');
      run(isoTool, [...(isoTool === 'xorriso' ? ['-as', 'mkisofs'] : []), '-quiet', '-V', 'TOOLS', '-o', f('x.iso'), f('readme.txt')]);
      iso = readFileSync(f('x.iso'));
    } else {
      // No ISO tool here: the primary volume descriptor written by hand (ECMA-119 §8.4).
      iso = Buffer.alloc(0x8000 + 2048 * 8);
      iso[0x8000] = 1;
      iso.write('CD001', 0x8001, 'latin1');
      iso[0x8006] = 1;
      iso.write('TOOLS'.padEnd(32), 0x8028, 'latin1');
      iso.writeUInt32LE(iso.byteLength / 2048, 0x8050);
      iso.writeUInt16LE(2048, 0x8080);
    }
    expect((await inspectBytes(iso, { fileName: 'tools.iso', expectedFormat: 'ISO' })).verdict).toBe('VERIFIED');
    const cut = iso.subarray(0, iso.byteLength - 4096);
    expectRejected(await inspectBytes(cut, { fileName: 'cut.iso', expectedFormat: 'ISO' }), 'VALUE_INVALID', new RegExp(`the ISO cut\\.iso says its volume is ${iso.byteLength} bytes .* but the file holds only ${cut.byteLength} bytes .*; it is cut short`));
  });
});
