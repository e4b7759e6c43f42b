import { describe, expect, it } from 'vitest';
import { parseAllocationUnits } from '@/lib/core/inspect/allocation-units';
import { InspectError } from '@/lib/core/inspect/errors';
import { parseOvf } from '@/lib/core/inspect/index';
import { deriveOsFamily } from '@/lib/core/inspect/os-family';
import { makeOvf } from './helpers';

function refusal(fn: () => unknown): InspectError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InspectError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseOvf', () => {
  it('reads product, OS, CPUs, memory, disks and networks of a VMware-style descriptor', () => {
    const desc = parseOvf(makeOvf({ files: [{ href: 'disk1.vmdk', size: 1000 }], cpus: 4, memoryMiB: 2048 }));
    expect(desc.ovfVersion).toBe('1.x');
    expect(desc.summary).toMatchObject({ product: 'Test Appliance', vendor: 'Example & Co', version: '1.2', cpus: 4, memoryMiB: 2048 });
    expect(desc.summary.os).toEqual({ id: 94, vmwOsType: 'ubuntu64Guest', description: 'Ubuntu Linux (64-bit)', family: 'linux' });
    expect(desc.disks).toEqual([
      expect.objectContaining({ diskId: 'vmdisk1', href: 'disk1.vmdk', capacityBytes: 64 * 2 ** 20, fileSizeBytes: 1000 }),
    ]);
    expect(desc.networks).toEqual([{ name: 'VM Network', description: 'The VM Network' }]);
    expect(desc.virtualSystems[0]).toMatchObject({ id: 'test-vm', name: 'test-vm', networkAdapters: 1 });
  });

  it('accepts bytes with a UTF-8 BOM and the same text as a string', () => {
    const xml = makeOvf();
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]);
    expect(parseOvf(withBom).summary).toEqual(parseOvf(xml).summary);
  });

  it('refuses a DOCTYPE with an external entity (XXE) before any parser sees it', () => {
    const xxe = makeOvf({ extraHead: '\n<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', product: '&xxe;' });
    const err = refusal(() => parseOvf(xxe));
    expect(err.code).toBe('XML_DOCTYPE');
    expect(err.reason).toMatch(/DOCTYPE/);
  });

  it('refuses a billion-laughs entity bomb', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${laughs}]><Envelope><Info>&lol9;</Info></Envelope>`;
    expect(refusal(() => parseOvf(bomb)).code).toBe('XML_DOCTYPE');
  });

  it('refuses a lower-case or entity-only declaration too, but not one inside a comment or CDATA', () => {
    expect(refusal(() => parseOvf('<!doctype x><Envelope/>')).code).toBe('XML_DOCTYPE');
    expect(refusal(() => parseOvf('<Envelope><!ENTITY a "b"></Envelope>')).code).toBe('XML_DOCTYPE');
    const harmless = makeOvf({ extraHead: '\n<!-- <!DOCTYPE not-really> -->' }).replace(
      '<Product>Test Appliance</Product>',
      '<Product><![CDATA[<!DOCTYPE in text>]]></Product>',
    );
    expect(parseOvf(harmless).summary.product).toBe('<!DOCTYPE in text>');
  });

  it('refuses malformed XML, a non-Envelope root, invalid UTF-8 and absurd nesting with clear codes', () => {
    expect(refusal(() => parseOvf('<Envelope><Unclosed></Envelope>')).code).toBe('XML_INVALID');
    expect(refusal(() => parseOvf('<html><body/></html>')).code).toBe('OVF_NOT_ENVELOPE');
    expect(refusal(() => parseOvf(Buffer.from([0x3c, 0x45, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x45, 0x3e]))).code).toBe('XML_ENCODING');
    const deep = `<Envelope>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</Envelope>`;
    expect(refusal(() => parseOvf(deep)).code).toBe('XML_TOO_COMPLEX');
    const wide = `<Envelope>${'<a/>'.repeat(1000)}</Envelope>`;
    expect(refusal(() => parseOvf(wide, { maxXmlElements: 500 })).code).toBe('XML_TOO_COMPLEX');
    expect(refusal(() => parseOvf(makeOvf(), { maxDescriptorBytes: 100 })).code).toBe('OVF_TOO_LARGE');
  });

  it('understands OVF 0.9 Section/Content typed by xsi:type and arbitrary prefixes', () => {
    const xml = `<?xml version="1.0"?>
<ovf:Envelope xmlns:xsi-namespace="http://www.w3.org/2001/XMLSchema-instance" xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope"
  xmlns:rasd-namespace="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" ovf:version="0.9">
  <References><File ovf:id="file1" ovf:href="disk.vmdk" ovf:size="10"/></References>
  <Section xsi-namespace:type="ovf:DiskSection_Type"><Info>d</Info><Disk ovf:diskId="d1" ovf:fileRef="file1" ovf:capacity="329197568"/></Section>
  <Content xsi-namespace:type="ovf:VirtualSystem_Type" ovf:id="old">
    <Section xsi-namespace:type="ovf:OperatingSystemSection_Type" ovf:id="76"><Info>os</Info><Description>Windows2008</Description></Section>
    <Section xsi-namespace:type="ovf:VirtualHardwareSection_Type"><Info>hw</Info>
      <Item><rasd-namespace:ResourceType>3</rasd-namespace:ResourceType><rasd-namespace:VirtualQuantity>2</rasd-namespace:VirtualQuantity></Item>
      <Item><rasd-namespace:ResourceType>4</rasd-namespace:ResourceType><rasd-namespace:AllocationUnits>MegaBytes</rasd-namespace:AllocationUnits><rasd-namespace:VirtualQuantity>768</rasd-namespace:VirtualQuantity></Item>
    </Section>
  </Content>
</ovf:Envelope>`;
    const desc = parseOvf(xml);
    expect(desc.ovfVersion).toBe('0.9');
    expect(desc.disks[0].capacityBytes).toBe(329197568);
    expect(desc.summary).toMatchObject({ cpus: 2, memoryMiB: 768, os: { id: 76, family: 'windows' } });
  });

  it('sums CPUs and memory over every system of a VirtualSystemCollection and keeps each system', () => {
    const vm = (id: string, cpus: number, mem: number) => `<VirtualSystem ovf:id="${id}"><Info>vm</Info>
      <ProductSection><Info>p</Info><Product>${id}-product</Product></ProductSection>
      <VirtualHardwareSection><Info>hw</Info>
        <Item><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${cpus}</rasd:VirtualQuantity></Item>
        <Item><rasd:ResourceType>4</rasd:ResourceType><rasd:AllocationUnits>byte * 2^30</rasd:AllocationUnits><rasd:VirtualQuantity>${mem}</rasd:VirtualQuantity></Item>
      </VirtualHardwareSection></VirtualSystem>`;
    const xml = `<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2"
      xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
      <VirtualSystemCollection ovf:id="vapp"><Info>c</Info>
        <ProductSection><Info>p</Info><Product>The vApp</Product><Vendor>V</Vendor></ProductSection>
        <EulaSection><Info>e</Info><License>Collection licence</License></EulaSection>
        ${vm('web', 2, 4)}${vm('db', 4, 8)}
      </VirtualSystemCollection></Envelope>`;
    const desc = parseOvf(xml);
    expect(desc.ovfVersion).toBe('2.x');
    expect(desc.isCollection).toBe(true);
    expect(desc.summary).toMatchObject({ product: 'The vApp', vendor: 'V', cpus: 6, memoryMiB: 12 * 1024, eula: 'Collection licence' });
    expect(desc.virtualSystems.map((s) => [s.id, s.product, s.cpus, s.memoryMiB])).toEqual([
      ['web', 'web-product', 2, 4096],
      ['db', 'db-product', 4, 8192],
    ]);
  });

  it('takes hardware from the default deployment option and ignores min/max range items', () => {
    const xml = `<Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="x">
      <DeploymentOptionSection><Info>d</Info>
        <Configuration ovf:id="small"><Label>Small</Label></Configuration>
        <Configuration ovf:id="large" ovf:default="true"><Label>Large</Label></Configuration>
      </DeploymentOptionSection>
      <VirtualSystem ovf:id="vm"><Info>vm</Info><VirtualHardwareSection><Info>hw</Info>
        <Item ovf:bound="min"><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
        <Item ovf:configuration="small"><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
        <Item ovf:configuration="large"><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>8</rasd:VirtualQuantity></Item>
        <Item ovf:configuration="small large"><rasd:ResourceType>4</rasd:ResourceType><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>
      </VirtualHardwareSection></VirtualSystem></Envelope>`;
    const desc = parseOvf(xml);
    expect(desc.selectedDeploymentOption).toBe('large');
    expect(desc.deploymentOptions).toEqual([
      { id: 'small', label: 'Small', default: false },
      { id: 'large', label: 'Large', default: true },
    ]);
    expect(desc.summary).toMatchObject({ cpus: 8, memoryMiB: 4096 });
  });

  it('resolves a disk capacity given as a ${property} and reports unknown units as unreadable', () => {
    const xml = `<Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
      <DiskSection><Info>d</Info>
        <Disk ovf:diskId="a" ovf:capacity="\${disk.size}" ovf:capacityAllocationUnits="byte * 2^30"/>
        <Disk ovf:diskId="b" ovf:capacity="5" ovf:capacityAllocationUnits="furlongs"/>
      </DiskSection>
      <VirtualSystem ovf:id="vm"><Info>vm</Info>
        <ProductSection><Info>p</Info><Property ovf:key="disk.size" ovf:type="int" ovf:value="20"/></ProductSection>
      </VirtualSystem></Envelope>`;
    const desc = parseOvf(xml);
    expect(desc.disks.map((d) => d.capacityBytes)).toEqual([20 * 2 ** 30, undefined]);
    expect(desc.unreadable).toEqual([{ field: 'the capacity units (ovf:capacityAllocationUnits) of disk "b"', value: 'furlongs', expected: 'a unit such as "byte * 2^30"' }]);
  });
});

describe('allocation units and OS family', () => {
  it.each([
    ['byte * 2^20', 2 ** 20],
    ['byte * 2 ^ 30', 2 ** 30],
    ['MegaBytes', 2 ** 20],
    ['KB', 1024],
    ['GigaBytes', 2 ** 30],
    ['byte', 1],
    ['byte * 10^6', 1e6],
    ['byte*1024', 1024],
  ])('%s is %d bytes', (units, bytes) => {
    expect(parseAllocationUnits(units)).toEqual({ base: 'byte', multiplier: bytes });
  });

  it('does not take hertz for bytes or accept nonsense', () => {
    expect(parseAllocationUnits('hertz * 10^6')?.base).toBe('hertz');
    expect(parseAllocationUnits('lots of bytes')).toBeNull();
  });

  it.each([
    [94, undefined, undefined, 'linux'],
    [1, 'windows9_64Guest', undefined, 'windows'],
    [102, undefined, 'FreeBSD 13', 'bsd'],
    [29, undefined, undefined, 'solaris'],
    [undefined, 'darwin64Guest', undefined, 'other'],
    [1, 'otherGuest', 'Other (32-bit)', 'other'],
    [42, undefined, undefined, 'bsd'],
    [undefined, undefined, 'Microsoft Windows Server 2022', 'windows'],
  ] as const)('id %s / %s / %s → %s', (id, vmw, description, family) => {
    expect(deriveOsFamily(id, vmw, description)).toBe(family);
  });
});
