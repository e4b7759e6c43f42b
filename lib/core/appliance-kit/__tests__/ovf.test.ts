import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { makeOvf, STREAM_OPTIMIZED_VMDK_FORMAT, type OvfOptions } from '@/lib/core/appliance-kit/ovf';

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: false,
  isArray: (name) => name === 'Item' || name === 'File' || name === 'Disk',
});

const base: OvfOptions = {
  name: 'hello-1.0',
  product: 'Hello',
  vendor: 'Acme',
  version: '1.0',
  fullVersion: '1.0.0-build.7',
  productUrl: 'https://hello.example/',
  vendorUrl: 'https://acme.example/',
  annotation: 'Says hello.',
  os: { id: 101, vmwOsType: 'other26xLinuxGuest', description: 'Linux 2.6.x' },
  cpus: 2,
  memoryMiB: 256,
  disks: [{ fileName: 'hello-disk1.vmdk', fileSize: 6656, capacityBytes: 8 * 1024 * 1024 }],
};

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).Envelope;
}

type Item = Record<string, string>;
const itemOfType = (items: Item[], type: number) => items.find((item) => item['rasd:ResourceType'] === String(type));

describe('makeOvf', () => {
  it('writes an OVF 1.0 envelope with every section the inspector reads', () => {
    const envelope = parse(makeOvf({ ...base, eula: 'Be kind.' }));
    expect(envelope['@_xmlns']).toBe('http://schemas.dmtf.org/ovf/envelope/1');
    expect(envelope.References.File[0]).toMatchObject({ '@_ovf:href': 'hello-disk1.vmdk', '@_ovf:id': 'file1', '@_ovf:size': '6656' });
    expect(envelope.DiskSection.Disk[0]).toMatchObject({
      '@_ovf:capacity': '8',
      '@_ovf:capacityAllocationUnits': 'byte * 2^20',
      '@_ovf:diskId': 'vmdisk1',
      '@_ovf:fileRef': 'file1',
      '@_ovf:format': STREAM_OPTIMIZED_VMDK_FORMAT,
    });
    expect(envelope.NetworkSection.Network['@_ovf:name']).toBe('NAT');

    const system = envelope.VirtualSystem;
    expect(system['@_ovf:id']).toBe('hello-1.0');
    expect(system.ProductSection).toMatchObject({
      Product: 'Hello',
      Vendor: 'Acme',
      Version: '1.0',
      FullVersion: '1.0.0-build.7',
      ProductUrl: 'https://hello.example/',
      VendorUrl: 'https://acme.example/',
    });
    expect(system.AnnotationSection.Annotation).toBe('Says hello.');
    expect(system.EulaSection.License).toBe('Be kind.');
    expect(system.OperatingSystemSection).toMatchObject({ '@_ovf:id': '101', '@_vmw:osType': 'other26xLinuxGuest' });

    const items: Item[] = system.VirtualHardwareSection.Item;
    expect(itemOfType(items, 3)).toMatchObject({ 'rasd:VirtualQuantity': '2' });
    expect(itemOfType(items, 4)).toMatchObject({ 'rasd:VirtualQuantity': '256', 'rasd:AllocationUnits': 'byte * 2^20' });
    const controller = itemOfType(items, 5)!;
    expect(itemOfType(items, 17)).toMatchObject({ 'rasd:HostResource': 'ovf:/disk/vmdisk1', 'rasd:Parent': controller['rasd:InstanceID'] });
    expect(itemOfType(items, 10)).toMatchObject({ 'rasd:Connection': 'NAT', 'rasd:ResourceSubType': 'E1000' });
    expect(new Set(items.map((item) => item['rasd:InstanceID'])).size).toBe(items.length);
  });

  it('writes rasd elements in the schema’s alphabetical order', () => {
    const xml = makeOvf({ ...base, controller: 'scsi' });
    for (const item of xml.split('<Item>').slice(1)) {
      const names = [...item.split('</Item>')[0].matchAll(/<rasd:(\w+)>/g)].map((m) => m[1]);
      expect(names).toEqual([...names].sort());
    }
  });

  it('uses a SCSI controller when asked and leaves out the EULA when there is none', () => {
    const system = parse(makeOvf({ ...base, controller: 'scsi' })).VirtualSystem;
    expect(itemOfType(system.VirtualHardwareSection.Item, 6)).toMatchObject({ 'rasd:ResourceSubType': 'lsilogic' });
    expect(system.EulaSection).toBeUndefined();
  });

  it('states a capacity that is not whole MiB in bytes', () => {
    const disk = parse(makeOvf({ ...base, disks: [{ fileName: 'd.vmdk', fileSize: 1, capacityBytes: 1024 * 1024 + 512 }] }))
      .DiskSection.Disk[0];
    expect(disk).toMatchObject({ '@_ovf:capacity': String(1024 * 1024 + 512), '@_ovf:capacityAllocationUnits': 'byte' });
  });

  it('escapes hostile values so they come back verbatim and cannot add markup', () => {
    const hostile = `</Product><Evil attr="x">&amp; 'q' "dq"\r\n\ttab`;
    const xml = makeOvf({
      ...base,
      name: hostile,
      product: hostile,
      vendor: hostile,
      annotation: hostile,
      eula: hostile,
      networkName: hostile,
      os: { id: 1, vmwOsType: hostile, description: hostile },
      disks: [{ fileName: hostile, fileSize: 1, capacityBytes: 512 }],
    });
    expect(xml).not.toContain('<Evil');
    const envelope = parse(xml);
    expect(envelope.VirtualSystem['@_ovf:id']).toBe(hostile);
    expect(envelope.VirtualSystem.Name).toBe(hostile);
    expect(envelope.VirtualSystem.ProductSection.Product).toBe(hostile);
    expect(envelope.VirtualSystem.ProductSection.Vendor).toBe(hostile);
    expect(envelope.VirtualSystem.AnnotationSection.Annotation).toBe(hostile);
    expect(envelope.VirtualSystem.EulaSection.License).toBe(hostile);
    expect(envelope.VirtualSystem.OperatingSystemSection['@_vmw:osType']).toBe(hostile);
    expect(envelope.References.File[0]['@_ovf:href']).toBe(hostile);
    expect(envelope.NetworkSection.Network['@_ovf:name']).toBe(hostile);
  });

  it.each([
    ['a control character', { product: 'bell\u0007' }, /control character/],
    ['zero CPUs', { cpus: 0 }, /cpus must be a positive integer/],
    ['fractional memory', { memoryMiB: 1.5 }, /memoryMiB must be a positive integer/],
    ['no disks', { disks: [] }, /at least one disk/],
    ['three IDE disks', { disks: Array(3).fill(base.disks[0]) }, /at most 2 disks/],
    ['an empty name', { name: '' }, /name is required/],
    ['a negative capacity', { disks: [{ fileName: 'd', fileSize: 1, capacityBytes: -1 }] }, /capacityBytes/],
  ])('refuses %s', (_what, change, error) => {
    expect(() => makeOvf({ ...base, ...change } as OvfOptions)).toThrow(error);
  });
});
