/** Characters XML 1.0 cannot carry at all, even escaped. */
const XML_FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

function checkXmlText(value: string, field: string): void {
  if (XML_FORBIDDEN.test(value)) throw new RangeError(`OVF ${field} contains a control character XML cannot carry`);
}

/** Escapes element text: markup characters, and CR so that parsers do not fold it into LF. */
export function xmlText(value: string, field = 'value'): string {
  checkXmlText(value, field);
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** Escapes an attribute value: as text, plus TAB and LF, which attribute normalisation would turn into spaces. */
export function xmlAttr(value: string, field = 'value'): string {
  return xmlText(value, field).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export interface OvfDisk {
  /** The disk file's name in the package (ovf:href). */
  fileName: string;
  /** Size of that file in bytes (ovf:size). */
  fileSize: number;
  /** Virtual size of the disk in bytes. */
  capacityBytes: number;
  /** Defaults to streamOptimized VMDK, the format OVF packages carry. */
  format?: string;
}

export interface OvfOptions {
  /** VirtualSystem ovf:id and Name; also the VM name players default to. */
  name: string;
  product?: string;
  vendor?: string;
  version?: string;
  fullVersion?: string;
  productUrl?: string;
  vendorUrl?: string;
  annotation?: string;
  eula?: string;
  /** CIM operating-system id (ovf:id) and VMware guest id (vmw:osType). Default 1 / otherGuest. */
  os?: { id: number; vmwOsType?: string; description?: string };
  cpus: number;
  memoryMiB: number;
  /** Disk controller; IDE boots everywhere. Default 'ide'. */
  controller?: 'ide' | 'scsi';
  /** Logical network the NIC connects to. Default 'NAT'. */
  networkName?: string;
  disks: OvfDisk[];
}

export const STREAM_OPTIMIZED_VMDK_FORMAT =
  'http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized';

function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`OVF ${field} must be a positive integer (got ${value})`);
  return value;
}

/** Capacity in the largest whole unit among MiB and bytes, as ovftool writes it. */
function capacity(bytes: number): { value: number; units: string } {
  return bytes % (1024 * 1024) === 0 ? { value: bytes / (1024 * 1024), units: 'byte * 2^20' } : { value: bytes, units: 'byte' };
}

/**
 * An OVF 1.0 envelope (DMTF DSP0243) describing one virtual system. `rasd:` children are written
 * in the schema's alphabetical order, which strict validators (ovftool) insist on.
 */
export function makeOvf(opts: OvfOptions): string {
  const cpus = positiveInteger(opts.cpus, 'cpus');
  const memoryMiB = positiveInteger(opts.memoryMiB, 'memoryMiB');
  if (!opts.name) throw new RangeError('OVF name is required');
  const controller = opts.controller ?? 'ide';
  if (controller !== 'ide' && controller !== 'scsi') throw new RangeError(`unknown OVF controller ${String(controller)}`);
  if (opts.disks.length === 0) throw new RangeError('an OVF needs at least one disk');
  if (controller === 'ide' && opts.disks.length > 2) throw new RangeError('one IDE controller holds at most 2 disks');
  if (controller === 'scsi' && opts.disks.length > 15) throw new RangeError('one SCSI controller holds at most 15 disks');
  const os = opts.os ?? { id: 1, vmwOsType: 'otherGuest', description: 'Other' };
  if (!Number.isSafeInteger(os.id) || os.id < 0) throw new RangeError(`OVF os.id must be a CIM OS id (got ${os.id})`);
  const network = opts.networkName ?? 'NAT';
  const t = xmlText;
  const a = xmlAttr;

  const lines: string[] = [];
  const add = (indent: number, line: string) => lines.push(`${'  '.repeat(indent)}${line}`);

  add(0, '<?xml version="1.0" encoding="UTF-8"?>');
  add(
    0,
    '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"' +
      ' xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common"' +
      ' xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"' +
      ' xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"' +
      ' xmlns:vmw="http://www.vmware.com/schema/ovf"' +
      ' xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  );
  add(1, '<References>');
  opts.disks.forEach((disk, i) => {
    positiveInteger(disk.fileSize, 'disk fileSize');
    add(2, `<File ovf:href="${a(disk.fileName, 'disk fileName')}" ovf:id="file${i + 1}" ovf:size="${disk.fileSize}"/>`);
  });
  add(1, '</References>');

  add(1, '<DiskSection>');
  add(2, '<Info>Virtual disk information</Info>');
  opts.disks.forEach((disk, i) => {
    const { value, units } = capacity(positiveInteger(disk.capacityBytes, 'disk capacityBytes'));
    add(
      2,
      `<Disk ovf:capacity="${value}" ovf:capacityAllocationUnits="${units}" ovf:diskId="vmdisk${i + 1}"` +
        ` ovf:fileRef="file${i + 1}" ovf:format="${a(disk.format ?? STREAM_OPTIMIZED_VMDK_FORMAT, 'disk format')}"/>`,
    );
  });
  add(1, '</DiskSection>');

  add(1, '<NetworkSection>');
  add(2, '<Info>The list of logical networks</Info>');
  add(2, `<Network ovf:name="${a(network, 'networkName')}">`);
  add(3, `<Description>The ${t(network, 'networkName')} network</Description>`);
  add(2, '</Network>');
  add(1, '</NetworkSection>');

  add(1, `<VirtualSystem ovf:id="${a(opts.name, 'name')}">`);
  add(2, '<Info>A virtual machine</Info>');
  add(2, `<Name>${t(opts.name, 'name')}</Name>`);

  if (opts.annotation !== undefined) {
    add(2, '<AnnotationSection>');
    add(3, '<Info>A human-readable annotation</Info>');
    add(3, `<Annotation>${t(opts.annotation, 'annotation')}</Annotation>`);
    add(2, '</AnnotationSection>');
  }

  add(2, '<ProductSection>');
  add(3, '<Info>Meta-information about the installed software</Info>');
  const product: [string, string | undefined][] = [
    ['Product', opts.product],
    ['Vendor', opts.vendor],
    ['Version', opts.version],
    ['FullVersion', opts.fullVersion],
    ['ProductUrl', opts.productUrl],
    ['VendorUrl', opts.vendorUrl],
  ];
  for (const [element, value] of product) {
    if (value !== undefined) add(3, `<${element}>${t(value, element)}</${element}>`);
  }
  add(2, '</ProductSection>');

  if (opts.eula !== undefined) {
    add(2, '<EulaSection>');
    add(3, '<Info>License agreement for the virtual system</Info>');
    add(3, `<License>${t(opts.eula, 'eula')}</License>`);
    add(2, '</EulaSection>');
  }

  const osType = os.vmwOsType === undefined ? '' : ` vmw:osType="${a(os.vmwOsType, 'os.vmwOsType')}"`;
  add(2, `<OperatingSystemSection ovf:id="${os.id}"${osType}>`);
  add(3, '<Info>The kind of installed guest operating system</Info>');
  if (os.description !== undefined) add(3, `<Description>${t(os.description, 'os.description')}</Description>`);
  add(2, '</OperatingSystemSection>');

  add(2, '<VirtualHardwareSection>');
  add(3, '<Info>Virtual hardware requirements</Info>');
  add(3, '<System>');
  add(4, '<vssd:ElementName>Virtual Hardware Family</vssd:ElementName>');
  add(4, '<vssd:InstanceID>0</vssd:InstanceID>');
  add(4, `<vssd:VirtualSystemIdentifier>${t(opts.name, 'name')}</vssd:VirtualSystemIdentifier>`);
  add(4, '<vssd:VirtualSystemType>vmx-07</vssd:VirtualSystemType>');
  add(3, '</System>');

  let instance = 0;
  const item = (fields: [string, string | number][]) => {
    add(3, '<Item>');
    for (const [element, value] of fields) add(4, `<rasd:${element}>${t(String(value))}</rasd:${element}>`);
    add(3, '</Item>');
  };
  item([
    ['AllocationUnits', 'hertz * 10^6'],
    ['Description', 'Number of Virtual CPUs'],
    ['ElementName', `${cpus} virtual CPU(s)`],
    ['InstanceID', ++instance],
    ['ResourceType', 3],
    ['VirtualQuantity', cpus],
  ]);
  item([
    ['AllocationUnits', 'byte * 2^20'],
    ['Description', 'Memory Size'],
    ['ElementName', `${memoryMiB}MB of memory`],
    ['InstanceID', ++instance],
    ['ResourceType', 4],
    ['VirtualQuantity', memoryMiB],
  ]);
  const controllerId = ++instance;
  item(
    controller === 'ide'
      ? [
          ['Address', 0],
          ['Description', 'IDE Controller'],
          ['ElementName', 'ideController0'],
          ['InstanceID', controllerId],
          ['ResourceType', 5],
        ]
      : [
          ['Address', 0],
          ['Description', 'SCSI Controller'],
          ['ElementName', 'scsiController0'],
          ['InstanceID', controllerId],
          ['ResourceSubType', 'lsilogic'],
          ['ResourceType', 6],
        ],
  );
  opts.disks.forEach((_disk, i) => {
    item([
      ['AddressOnParent', i],
      ['ElementName', `disk${i}`],
      ['HostResource', `ovf:/disk/vmdisk${i + 1}`],
      ['InstanceID', ++instance],
      ['Parent', controllerId],
      ['ResourceType', 17],
    ]);
  });
  item([
    ['AutomaticAllocation', 'true'],
    ['Connection', network],
    ['Description', `E1000 ethernet adapter on "${network}"`],
    ['ElementName', 'ethernet0'],
    ['InstanceID', ++instance],
    ['ResourceSubType', 'E1000'],
    ['ResourceType', 10],
  ]);
  add(2, '</VirtualHardwareSection>');
  add(1, '</VirtualSystem>');
  add(0, '</Envelope>');
  return `${lines.join('\n')}\n`;
}
