import { toBytes } from './allocation-units';
import { InspectError } from './errors';
import { defaultLimits } from './limits';
import { deriveOsFamily } from './os-family';
import type {
  DeploymentOption,
  DiskInfo,
  NetworkInfo,
  OsInfo,
  OvfDescriptor,
  OvfFileReference,
  UnreadableValue,
  VirtualSystemInfo,
} from './types';
import { childText, childrenNamed, decodeXmlBytes, firstChild, parseXmlTree, type XmlElement } from './xml-tree';

const MiB = 2 ** 20;
/** Longest EULA kept in the metadata; longer ones are cut with a warning (the full text stays in the package). */
const MAX_EULA_CHARS = 1024 * 1024;

const RESOURCE_CPU = 3;
const RESOURCE_MEMORY = 4;
const RESOURCE_NIC = 10;
const RESOURCE_DISK = 17;

export interface ParseOvfOptions {
  maxDescriptorBytes?: number;
  maxXmlElements?: number;
}

/** OVF 0.9 wrote `<Section xsi:type="ovf:DiskSection_Type">` and `<Content xsi:type="ovf:VirtualSystem_Type">`. */
function normalise(el: XmlElement): void {
  if ((el.name === 'Section' || el.name === 'Content') && el.attrs.type) {
    const local = el.attrs.type.replace(/^.*:/, '').replace(/_Type$/, '');
    if (local) el.name = local;
  }
  for (const child of el.children) normalise(child);
}

function detectVersion(envelope: XmlElement, xml: string): string {
  const declared = envelope.attrs.version;
  if (declared?.startsWith('0.')) return declared;
  const head = xml.slice(0, 64 * 1024);
  if (head.includes('schemas.dmtf.org/ovf/envelope/2')) return '2.x';
  if (head.includes('vmware.com/schema/ovf/1/envelope')) return '0.9';
  if (head.includes('schemas.dmtf.org/ovf/envelope/1')) return '1.x';
  return declared ?? 'unknown';
}

function parseInteger(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** Depth-first search for sections below `el`, not descending into nested virtual systems. */
function sectionsOf(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

interface Context {
  warnings: string[];
  unreadable: UnreadableValue[];
  properties: Map<string, string>;
  selectedOption?: string;
}

function readProduct(el: XmlElement): Pick<VirtualSystemInfo, 'product' | 'vendor' | 'version' | 'fullVersion' | 'productUrl' | 'vendorUrl'> {
  // Several ProductSections may exist (one per class); the first one naming a product describes the system.
  const sections = sectionsOf(el, 'ProductSection');
  const section = sections.find((s) => childText(s, 'Product')) ?? sections[0];
  if (!section) return {};
  return {
    product: childText(section, 'Product'),
    vendor: childText(section, 'Vendor'),
    version: childText(section, 'Version'),
    fullVersion: childText(section, 'FullVersion'),
    productUrl: childText(section, 'ProductUrl'),
    vendorUrl: childText(section, 'VendorUrl'),
  };
}

function readOs(el: XmlElement): OsInfo | undefined {
  const section = sectionsOf(el, 'OperatingSystemSection')[0];
  if (!section) return undefined;
  const id = parseInteger(section.attrs.id);
  const vmwOsType = section.attrs.osType || undefined;
  const description = childText(section, 'Description');
  return { id, vmwOsType, description, family: deriveOsFamily(id, vmwOsType, description) };
}

function readEula(el: XmlElement, ctx: Context): string | undefined {
  const licenses = sectionsOf(el, 'EulaSection')
    .map((s) => childText(s, 'License'))
    .filter((t): t is string => Boolean(t));
  if (!licenses.length) return undefined;
  return joinEulas(licenses, ctx);
}

function joinEulas(licenses: string[], ctx: Context): string {
  let text = [...new Set(licenses)].join('\n\n----------\n\n');
  if (text.length > MAX_EULA_CHARS) {
    ctx.warnings.push(`The EULA text is longer than ${MAX_EULA_CHARS} characters; the stored copy is cut.`);
    text = text.slice(0, MAX_EULA_CHARS);
  }
  return text;
}

function itemApplies(item: XmlElement, ctx: Context): boolean {
  // Range markers (ovf:bound="min"/"max") describe limits, not the value to deploy.
  const bound = item.attrs.bound;
  if (bound && bound !== 'normal') return false;
  const configuration = item.attrs.configuration;
  if (!configuration || !ctx.selectedOption) return true;
  return configuration.split(/\s+/).includes(ctx.selectedOption);
}

/** A number the file states; a present value that is not a number is recorded as unreadable. */
function statedNumber(raw: string | undefined, ctx: Context, field: string, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = parseNumber(raw);
  if (n === undefined) ctx.unreadable.push({ field, value: raw, expected });
  return n;
}

function readHardware(el: XmlElement, ctx: Context, systemLabel: string) {
  const sections = sectionsOf(el, 'VirtualHardwareSection');
  // Several sections are alternatives for different platforms; adding them up would double the machine.
  const section = sections[0];
  const result = { cpus: undefined as number | undefined, memoryMiB: undefined as number | undefined, networkAdapters: 0, diskDrives: 0 };
  if (!section) return result;
  const items = section.children.filter((c) => c.name === 'Item' || c.name === 'StorageItem' || c.name === 'EthernetPortItem');
  for (const item of items) {
    if (!itemApplies(item, ctx)) continue;
    const type = parseInteger(childText(item, 'ResourceType'));
    // The first item of a kind that states a quantity counts; zero, negative or fractional ones are
    // kept as stated so validateReport refuses them rather than this parser skipping them silently.
    if (type === RESOURCE_CPU && result.cpus === undefined) {
      result.cpus = statedNumber(childText(item, 'VirtualQuantity'), ctx, `the CPU count (VirtualQuantity) of ${systemLabel}`, 'a whole number');
    } else if (type === RESOURCE_MEMORY && result.memoryMiB === undefined) {
      const quantity = statedNumber(childText(item, 'VirtualQuantity'), ctx, `the memory size (VirtualQuantity) of ${systemLabel}`, 'a number');
      const units = childText(item, 'AllocationUnits');
      if (quantity !== undefined) {
        if (!units) ctx.warnings.push(`${systemLabel}: the memory item has no AllocationUnits; MiB assumed.`);
        const bytes = toBytes(quantity, units, 'byte * 2^20');
        if (bytes === undefined) {
          ctx.unreadable.push({ field: `the memory AllocationUnits of ${systemLabel}`, value: units ?? '', expected: 'a unit such as "byte * 2^20"' });
        } else result.memoryMiB = Math.round((bytes / MiB) * 1000) / 1000;
      }
    } else if (type === RESOURCE_NIC) {
      result.networkAdapters++;
    } else if (type === RESOURCE_DISK) {
      result.diskDrives++;
    }
  }
  return result;
}

function readSystem(el: XmlElement, ctx: Context): VirtualSystemInfo {
  const id = el.attrs.id || undefined;
  const label = `virtual system ${id ? `"${id}"` : '(no id)'}`;
  const hardware = readHardware(el, ctx, label);
  const annotation = sectionsOf(el, 'AnnotationSection')
    .map((s) => childText(s, 'Annotation'))
    .find(Boolean);
  return {
    id,
    name: childText(el, 'Name'),
    ...readProduct(el),
    os: readOs(el),
    ...hardware,
    eula: readEula(el, ctx),
    annotation,
  };
}

function collectSystems(el: XmlElement, ctx: Context, out: VirtualSystemInfo[], collections: XmlElement[]): void {
  for (const child of el.children) {
    if (child.name === 'VirtualSystem') out.push(readSystem(child, ctx));
    else if (child.name === 'VirtualSystemCollection') {
      collections.push(child);
      collectSystems(child, ctx, out, collections);
    }
  }
}

function readReferences(envelope: XmlElement, ctx: Context): OvfFileReference[] {
  const refs: OvfFileReference[] = [];
  const seen = new Set<string>();
  for (const file of childrenNamed(firstChild(envelope, 'References'), 'File')) {
    const href = file.attrs.href;
    if (!href) {
      ctx.warnings.push(`References: a File (id ${file.attrs.id ?? '?'}) has no href.`);
      continue;
    }
    const id = file.attrs.id ?? href;
    if (seen.has(id)) ctx.warnings.push(`References: the file id "${id}" is used twice.`);
    seen.add(id);
    refs.push({
      id,
      href,
      size: statedNumber(file.attrs.size, ctx, `the size (ovf:size) of the file "${href}"`, 'a number of bytes'),
      compression: file.attrs.compression || undefined,
      chunkSize: statedNumber(file.attrs.chunkSize, ctx, `the chunk size (ovf:chunkSize) of the file "${href}"`, 'a number of bytes'),
    });
  }
  return refs;
}

function resolveProperty(value: string | undefined, ctx: Context): string | undefined {
  const ref = value && /^\$\{([^}]+)\}$/.exec(value.trim());
  return ref ? ctx.properties.get(ref[1]) : value;
}

function readDisks(envelope: XmlElement, refs: OvfFileReference[], ctx: Context): DiskInfo[] {
  const byId = new Map(refs.map((r) => [r.id, r]));
  const disks: DiskInfo[] = [];
  for (const section of sectionsOf(envelope, 'DiskSection')) {
    for (const disk of childrenNamed(section, 'Disk')) {
      const label = `disk ${disk.attrs.diskId ? `"${disk.attrs.diskId}"` : '(no id)'}`;
      // An absent or unresolvable ${property} capacity is refused as unreadable, like "lots".
      const stated = resolveProperty(disk.attrs.capacity, ctx) ?? disk.attrs.capacity ?? '';
      const capacity = statedNumber(stated, ctx, `the capacity (ovf:capacity) of ${label}`, 'a number');
      const units = disk.attrs.capacityAllocationUnits;
      let capacityBytes: number | undefined;
      if (capacity !== undefined) {
        capacityBytes = toBytes(capacity, units, 'byte');
        if (capacityBytes === undefined) {
          ctx.unreadable.push({ field: `the capacity units (ovf:capacityAllocationUnits) of ${label}`, value: units ?? '', expected: 'a unit such as "byte * 2^30"' });
        }
      }
      const fileRef = disk.attrs.fileRef || undefined;
      const file = fileRef ? byId.get(fileRef) : undefined;
      if (fileRef && !file) ctx.warnings.push(`DiskSection: disk ${disk.attrs.diskId ?? '?'} refers to unknown file "${fileRef}".`);
      disks.push({
        diskId: disk.attrs.diskId || undefined,
        fileRef,
        href: file?.href,
        capacityBytes,
        format: disk.attrs.format || undefined,
        populatedSizeBytes: statedNumber(disk.attrs.populatedSize, ctx, `the populated size (ovf:populatedSize) of ${label}`, 'a number of bytes'),
        fileSizeBytes: file?.size,
      });
    }
  }
  return disks;
}

function readNetworks(envelope: XmlElement): NetworkInfo[] {
  const networks: NetworkInfo[] = [];
  for (const section of sectionsOf(envelope, 'NetworkSection')) {
    for (const net of childrenNamed(section, 'Network')) {
      const name = net.attrs.name;
      if (name) networks.push({ name, description: childText(net, 'Description') });
    }
  }
  return networks;
}

function readDeploymentOptions(envelope: XmlElement): DeploymentOption[] {
  const options: DeploymentOption[] = [];
  for (const section of sectionsOf(envelope, 'DeploymentOptionSection')) {
    for (const config of childrenNamed(section, 'Configuration')) {
      if (!config.attrs.id) continue;
      options.push({ id: config.attrs.id, label: childText(config, 'Label'), default: config.attrs.default === 'true' });
    }
  }
  return options;
}

function readProperties(root: XmlElement, out: Map<string, string>, depth = 0): void {
  if (depth > 100) return;
  for (const child of root.children) {
    if (child.name === 'ProductSection') {
      for (const prop of childrenNamed(child, 'Property')) {
        const key = prop.attrs.key;
        if (key && prop.attrs.value !== undefined && !out.has(key)) out.set(key, prop.attrs.value);
      }
    } else if (child.name === 'VirtualSystem' || child.name === 'VirtualSystemCollection') {
      readProperties(child, out, depth + 1);
    }
  }
}

/**
 * Parses an OVF descriptor (DSP0243 0.9, 1.x, 2.x) into plain metadata.
 * Throws InspectError when the document is refused (DTD, malformed, not an Envelope, too large).
 */
export function parseOvf(xml: string | Uint8Array, options: ParseOvfOptions = {}): OvfDescriptor {
  const maxBytes = options.maxDescriptorBytes ?? defaultLimits.maxDescriptorBytes;
  const byteLength = typeof xml === 'string' ? Buffer.byteLength(xml) : xml.byteLength;
  if (byteLength > maxBytes) {
    throw new InspectError('OVF_TOO_LARGE', `the OVF descriptor is ${byteLength} bytes, more than the ${maxBytes}-byte limit.`);
  }
  const text = decodeXmlBytes(xml);
  const root = parseXmlTree(text, options.maxXmlElements ?? defaultLimits.maxXmlElements);
  if (root.name !== 'Envelope') {
    throw new InspectError('OVF_NOT_ENVELOPE', `the descriptor's root element is <${root.name}>, not an OVF <Envelope>.`);
  }
  normalise(root);

  const deploymentOptions = readDeploymentOptions(root);
  const ctx: Context = {
    warnings: [],
    unreadable: [],
    properties: new Map(),
    selectedOption: (deploymentOptions.find((o) => o.default) ?? deploymentOptions[0])?.id,
  };
  readProperties(root, ctx.properties);

  const references = readReferences(root, ctx);
  const disks = readDisks(root, references, ctx);
  const networks = readNetworks(root);
  const virtualSystems: VirtualSystemInfo[] = [];
  const collections: XmlElement[] = [];
  collectSystems(root, ctx, virtualSystems, collections);
  if (!virtualSystems.length) ctx.warnings.push('The descriptor describes no VirtualSystem.');

  // Package-level product: the outermost collection's ProductSection, else the first system naming a product.
  const collectionProduct = collections.map(readProduct).find((p) => p.product || p.vendor);
  const product = collectionProduct ?? virtualSystems.find((s) => s.product || s.vendor) ?? {};
  const eulas = [
    ...collections.map((c) => readEula(c, ctx)),
    ...virtualSystems.map((s) => s.eula),
  ].filter((t): t is string => Boolean(t));
  const sum = (values: (number | undefined)[]) =>
    values.some((v) => v !== undefined) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : undefined;

  return {
    ovfVersion: detectVersion(root, text),
    references,
    disks,
    networks,
    virtualSystems,
    isCollection: collections.length > 0,
    deploymentOptions,
    selectedDeploymentOption: ctx.selectedOption,
    summary: {
      product: product.product,
      vendor: product.vendor,
      version: product.version,
      fullVersion: product.fullVersion,
      productUrl: product.productUrl,
      vendorUrl: product.vendorUrl,
      os: virtualSystems.find((s) => s.os)?.os,
      cpus: sum(virtualSystems.map((s) => s.cpus)),
      memoryMiB: sum(virtualSystems.map((s) => s.memoryMiB)),
      eula: eulas.length ? joinEulas(eulas, ctx) : undefined,
      annotation: virtualSystems.find((s) => s.annotation)?.annotation,
    },
    warnings: ctx.warnings,
    unreadable: ctx.unreadable,
  };
}
