// The one rule for values read from inside an uploaded file: every figure, name and reference a parser
// found passes the validation the API applies to the same field at its door, is plausible against the
// bytes and the other figures, and every file it points at is a member of the same package. Parsers
// only report what they read; this module judges it, once, for every format.
import { architectureSchema, createUploadRequestSchema, httpUrlSchema, OS_FAMILIES, providerSchema, requirementsSchema } from '@/lib/core/publishing/api-schemas';
import { MAX_VERSION_LENGTH } from '@/lib/core/versions';
import { formatBytes } from '@/lib/core/format';
import { InspectError } from './errors';
import type { ApplianceMetadata, FileFormat, InspectCode, MemberInfo, OvfFileReference, UnreadableValue, VmdkInfo } from './types';

const KiB = 2 ** 10;
const TiB = 2 ** 40;

/** No real disk is larger: VMDK stops at 62 TiB, VHDX at 64 TiB, the largest drives sold hold ~120 TB. */
export const MAX_DISK_BYTES = 256 * TiB;
/** A text VMDK descriptor is read from the member's first 64 KiB; a longer one could hide extents. */
const MAX_VMDK_DESCRIPTOR_BYTES = 64 * KiB;
const SECTOR = 512;

const cpuSchema = requirementsSchema.shape.cpus.unwrap();
const memorySchema = requirementsSchema.shape.memoryMiB.unwrap();
const diskTotalSchema = requirementsSchema.shape.diskBytes.unwrap();
/** The door's longest file name, applied to every name a package uses for its members. */
const MAX_NAME = createUploadRequestSchema.shape.fileName.maxLength ?? 255;
/** requirements.osName, which the OS description fills. */
const MAX_OS_NAME = 120;
/** A listing's description and EULA at the door. */
const MAX_ANNOTATION = 20_000;
const MAX_EULA = 50_000;
const MAX_TEXT = 255;

export interface ReportFacts {
  fileName: string;
  format: FileFormat;
  /** Bytes of the whole upload. */
  size: number;
  metadata: ApplianceMetadata;
  /** The descriptor's References (OVA, OVF bundle, VirtualBox box). */
  references?: OvfFileReference[];
  /** The member holding the .ovf: relative names resolve from its folder. */
  descriptorMember?: string;
  unreadable?: UnreadableValue[];
}

// Characters that have no place in a name shown to people: C0/C1 controls, DEL, bidirectional overrides
// and isolates (which can make "exe.txt" read as "txt.exe"). Line breaks and tabs only in long texts.
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value quoted for a message: cut to 80 characters, invisible characters spelled out. */
export function quote(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    const shown = cut.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${shown}"`;
}

function bytes(n: number): string {
  return n >= KiB ? `${n} bytes (${formatBytes(n)})` : `${n} bytes`;
}

function fail(code: InspectCode, reason: string): never {
  throw new InspectError(code, reason);
}

function checkText(field: string, value: string | undefined, max = MAX_TEXT, multiline = false): void {
  if (value === undefined) return;
  if (LONE_SURROGATE.test(value)) fail('VALUE_INVALID', `${field} is not valid Unicode text.`);
  const bad = (multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE).exec(value);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    fail('VALUE_INVALID', `${field} ${quote(value)} contains the invisible control character U+${code}; names and texts must be plain printable text.`);
  }
  if (value.length > max) fail('VALUE_INVALID', `${field} is ${value.length} characters long; at most ${max} are accepted.`);
}

function checkCount(field: string, value: number | undefined, schema: typeof cpuSchema, unit: string): void {
  if (value === undefined) return;
  if (!schema.safeParse(value).success) {
    const what = Number.isInteger(value) ? `${value} ${unit}` : `${value} ${unit}, not a whole number`;
    fail('VALUE_INVALID', `${field} is ${what}; the catalogue accepts ${schema.minValue} to ${schema.maxValue} ${unit}.`);
  }
}

function checkDiskSize(field: string, value: number | undefined): void {
  if (value === undefined) return;
  if (value > MAX_DISK_BYTES) {
    fail('VALUE_INVALID', `${field} is ${bytes(value)}, larger than any real disk (the limit is ${formatBytes(MAX_DISK_BYTES)}).`);
  }
  if (value <= 0) fail('VALUE_INVALID', `${field} is ${value} bytes; a disk holds at least one byte.`);
  if (!Number.isSafeInteger(value)) fail('VALUE_INVALID', `${field} is ${value} bytes, not a whole number of bytes.`);
}

/**
 * A name one part of a package uses for another: relative, without "..", no URL, no device. Returns the
 * canonical member name, resolved from the folder `base` (the referring member's), or throws.
 * `what` is a noun phrase for the reference: `File "file1" of the descriptor's References (ovf:href)`.
 */
function safeName(raw: string, base: string, what: string): string {
  if (!raw) fail('REFERENCE_OUTSIDE_PACKAGE', `${what} names no file.`);
  checkText(`the file name in ${what}`, raw, MAX_NAME);
  const name = raw.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(name) || name.startsWith('/')) {
    fail('REFERENCE_OUTSIDE_PACKAGE', `${what} names ${quote(raw)}, an absolute path; a package may only point at its own files, by relative name.`);
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(name)) {
    fail('REFERENCE_OUTSIDE_PACKAGE', `${what} names the URL ${quote(raw)}; everything an appliance needs must be inside the upload, so it can be verified.`);
  }
  const parts = [...(base ? base.split('/') : []), ...name.split('/')].filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) {
    fail('REFERENCE_OUTSIDE_PACKAGE', `${what} names ${quote(raw)}, which climbs out of the package with "..".`);
  }
  return parts.join('/');
}

function folderOf(member: string | undefined): string {
  if (!member) return '';
  const slash = member.lastIndexOf('/');
  return slash < 0 ? '' : member.slice(0, slash);
}

class ReportValidator {
  private readonly members: Map<string, MemberInfo>;
  private readonly meta: ApplianceMetadata;

  constructor(private readonly facts: ReportFacts) {
    this.meta = facts.metadata;
    this.members = new Map((facts.metadata.members ?? []).map((m) => [m.name, m]));
  }

  run(): void {
    this.checkUnreadable();
    this.checkOvfReferences();
    this.checkVmdks();
    this.checkBox();
    this.checkHardware();
    this.checkDisks();
    this.checkImages();
    this.checkTexts();
  }

  private get isPackage(): boolean {
    return this.meta.members !== undefined;
  }

  private checkUnreadable(): void {
    const first = this.facts.unreadable?.[0];
    if (!first) return;
    const stated = first.value.trim() ? `is ${quote(first.value)}` : 'is missing';
    fail('VALUE_INVALID', `${first.field} ${stated}, which is not ${first.expected}.`);
  }

  /** The member a reference names, or a refusal saying which reference and why. */
  private member(raw: string, base: string, what: string, missingCode: InspectCode = 'REFERENCE_OUTSIDE_PACKAGE'): MemberInfo {
    const name = safeName(raw, base, what);
    let found = this.members.get(name);
    // OVF hrefs are URI references: "my%20disk.vmdk" names "my disk.vmdk".
    if (!found && raw.includes('%')) {
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        decoded = undefined;
      }
      if (decoded !== undefined) found = this.members.get(safeName(decoded, base, what));
    }
    if (!found) {
      const where = this.isPackage ? `${this.facts.fileName} has no such member` : `${this.facts.fileName} is a single file, not a package that could hold it`;
      fail(missingCode, `${what} names ${quote(raw)}, but ${where}.`);
    }
    return found;
  }

  private checkOvfReferences(): void {
    const refs = this.facts.references ?? [];
    const base = folderOf(this.facts.descriptorMember);
    const byId = new Set(refs.map((r) => r.id));
    for (const ref of refs) {
      const what = `File ${quote(ref.id)} of the descriptor's References (ovf:href)`;
      checkText(`the file id (ovf:id) ${quote(ref.id)}`, ref.id);
      if (ref.compression !== undefined && ref.compression !== 'gzip' && ref.compression !== 'identity') {
        fail('VALUE_INVALID', `the file ${quote(ref.href)} is compressed with ${quote(ref.compression)} (ovf:compression); OVF knows only "gzip" and "identity".`);
      }
      if (ref.size !== undefined && (!Number.isSafeInteger(ref.size) || ref.size < 0)) {
        fail('VALUE_INVALID', `the size (ovf:size) of the file ${quote(ref.href)} is ${ref.size}, not a byte count.`);
      }
      let size: number;
      if (ref.chunkSize !== undefined) {
        size = this.chunkedSize(ref, base, what);
      } else {
        size = this.member(ref.href, base, what, 'OVF_MISSING_FILE').size;
      }
      if (ref.size !== undefined && ref.size !== size) {
        fail('OVF_SIZE_MISMATCH', `the descriptor says ${ref.href} is ${ref.size} bytes (References/File ovf:size), but the member holds ${size} bytes.`);
      }
    }
    for (const disk of this.meta.disks) {
      if (disk.fileRef && !byId.has(disk.fileRef)) {
        fail('REFERENCE_OUTSIDE_PACKAGE', `disk ${quote(disk.diskId ?? '(no id)')} refers to the file id ${quote(disk.fileRef)} (ovf:fileRef), which the descriptor's References do not list.`);
      }
    }
  }

  /** A file split into href.000000000, href.000000001, …: every part present, each but the last exactly chunkSize. */
  private chunkedSize(ref: OvfFileReference, base: string, what: string): number {
    const chunk = ref.chunkSize ?? 0;
    if (!Number.isSafeInteger(chunk) || chunk <= 0) {
      fail('VALUE_INVALID', `the chunk size (ovf:chunkSize) of the file ${quote(ref.href)} is ${chunk}; it must be a positive number of bytes.`);
    }
    const name = safeName(ref.href, base, what);
    const parts: MemberInfo[] = [];
    for (let index = 0; ; index++) {
      const part = this.members.get(`${name}.${String(index).padStart(9, '0')}`);
      if (!part) break;
      parts.push(part);
    }
    if (!parts.length) fail('OVF_MISSING_FILE', `${what} names ${quote(ref.href)} in chunks of ${chunk} bytes, but ${this.facts.fileName} has no ${name}.000000000.`);
    const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d{9}$`);
    const stray = [...this.members.keys()].filter((m) => pattern.test(m)).length - parts.length;
    if (stray > 0) fail('REFERENCE_OUTSIDE_PACKAGE', `the chunks of ${quote(ref.href)} have a gap: ${stray} part(s) come after a missing one.`);
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last ? part.size < 1 || part.size > chunk : part.size !== chunk) {
        fail('VALUE_INVALID', `the chunk ${part.name} holds ${part.size} bytes, but ovf:chunkSize says every chunk but the last holds exactly ${chunk} (and the last at most that).`);
      }
    });
    return parts.reduce((sum, p) => sum + p.size, 0);
  }

  private checkVmdks(): void {
    if (this.meta.vmdk && !this.isPackage) this.checkVmdk(this.facts.fileName, this.meta.vmdk, undefined);
    for (const member of this.members.values()) {
      if (member.vmdk) this.checkVmdk(member.name, member.vmdk, member);
    }
  }

  /** A VMDK's data must be in the package: its extents resolve to members, none maps a device. */
  private checkVmdk(label: string, vmdk: VmdkInfo, member: MemberInfo | undefined): void {
    const descriptorBytes = member ? member.size : this.facts.size;
    if (vmdk.kind === 'descriptor' && descriptorBytes > MAX_VMDK_DESCRIPTOR_BYTES) {
      fail('VMDK_INVALID', `the VMDK descriptor ${label} is ${descriptorBytes} bytes; descriptors are read whole only up to ${MAX_VMDK_DESCRIPTOR_BYTES} bytes, so its extents could not all be checked.`);
    }
    checkDiskSize(`the capacity of the VMDK ${label}`, vmdk.capacityBytes);
    checkText(`the createType of the VMDK ${label}`, vmdk.createType);
    const createType = vmdk.createType ?? '';
    if (/device|raw/i.test(createType)) {
      fail('REFERENCE_OUTSIDE_PACKAGE', `the VMDK ${label} is of createType ${quote(createType)}: it maps a physical device of the machine it was made on, not a disk an upload can carry.`);
    }
    const extents = vmdk.extents ?? [];
    if (vmdk.kind === 'sparse' && extents.length) {
      // The embedded descriptor's first extent is the sparse file itself, whatever name it was made under.
      const [self] = extents;
      if (self.type !== 'SPARSE') {
        fail('VALUE_INVALID', `the VMDK ${label} is a sparse file, but its embedded descriptor's first extent is of type ${quote(self.type)}.`);
      }
      if (/^(monolithicSparse|streamOptimized)$/.test(createType)) {
        if (extents.length !== 1) {
          fail('REFERENCE_OUTSIDE_PACKAGE', `the ${createType} VMDK ${label} lists ${extents.length} extents; a ${createType} disk is one file, so the others would live elsewhere.`);
        }
        if (vmdk.capacityBytes !== undefined && self.sectors * SECTOR !== vmdk.capacityBytes) {
          fail(
            'VALUE_INVALID',
            `the VMDK ${label} says ${bytes(self.sectors * SECTOR)} in its embedded descriptor but ${bytes(vmdk.capacityBytes)} in its header; the two must agree.`,
          );
        }
      }
    }
    const base = folderOf(member?.name);
    extents.forEach((extent, i) => {
      const what = `extent ${i + 1} of the VMDK ${label} (${extent.type})`;
      if (extent.sectors <= 0) fail('VALUE_INVALID', `${what} has ${extent.sectors} sectors; an extent holds at least one.`);
      if (vmdk.kind === 'sparse' && i === 0) return;
      if (extent.type === 'ZERO') return;
      if (/^VMFS(RDM|RAW|PASSTHROUGHRAW)$/.test(extent.type)) {
        fail('REFERENCE_OUTSIDE_PACKAGE', `${what} maps a raw device${extent.file ? ` through ${quote(extent.file)}` : ''}; its data is not in the upload.`);
      }
      if (!/^(FLAT|VMFS|SPARSE|VMFSSPARSE|SESPARSE|VSANSPARSE)$/.test(extent.type)) {
        fail('VALUE_INVALID', `${what} has the unknown extent type ${quote(extent.type)}.`);
      }
      if (extent.file === undefined) fail('VALUE_INVALID', `${what} names no file.`);
      if (!this.isPackage) {
        safeName(extent.file, '', what);
        fail(
          'REFERENCE_OUTSIDE_PACKAGE',
          `${label} is a VMDK descriptor whose data lives in ${quote(extent.file)}, which is not part of the upload; upload a self-contained disk (qemu-img convert -O vmdk -o subformat=streamOptimized) or an OVA holding both.`,
        );
      }
      const target = this.member(extent.file, base, what);
      if (target.name === member?.name) fail('REFERENCE_OUTSIDE_PACKAGE', `${what} points back at the descriptor itself.`);
      const needed = ((extent.offsetSectors ?? 0) + extent.sectors) * SECTOR;
      if ((extent.type === 'FLAT' || extent.type === 'VMFS') && target.size < needed) {
        fail('VALUE_INVALID', `${what} needs ${bytes(needed)} of ${target.name}, but that member holds only ${bytes(target.size)}.`);
      }
      if (extent.type === 'SPARSE' && target.vmdk?.kind !== 'sparse') {
        fail('VALUE_INVALID', `${what} says ${target.name} is a sparse extent, but its bytes are not a VMDK sparse file.`);
      }
    });
  }

  private checkBox(): void {
    const box = this.meta.box;
    if (!box) return;
    const where = 'the box\'s metadata.json';
    const provider = box.provider ?? '';
    const parsed = providerSchema.safeParse(provider);
    if (!parsed.success || parsed.data !== provider) {
      fail('VALUE_INVALID', `${where} names the provider ${quote(provider)}; a provider is a lowercase Vagrant name such as "libvirt" or "virtualbox" (at most 32 letters, digits, "-" and "_").`);
    }
    checkText(`the disk format in ${where}`, box.format, 32);
    if (box.architecture !== undefined && box.architecture !== 'unknown' && !architectureSchema.safeParse(vagrantArchitecture(box.architecture)).success) {
      fail('VALUE_INVALID', `${where} names the architecture ${quote(box.architecture)}; the catalogue accepts amd64, arm64 and i386 (or "unknown").`);
    }
    checkDiskSize(`the virtual_size in ${where}`, box.virtualSizeBytes);
    for (const path of box.disks ?? []) this.member(path, '', `the "disks" list of ${where}`);
    if (provider === 'libvirt' && !box.disks) {
      const image = this.members.get('box.img');
      if (!image) fail('REFERENCE_OUTSIDE_PACKAGE', `a libvirt box keeps its disk in box.img, but ${this.facts.fileName} has no such member.`);
      const detected = image.qcow2 ? 'qcow2' : image.vmdk ? 'vmdk' : undefined;
      if (box.format && box.format !== 'raw' && box.format !== detected) {
        fail('VALUE_INVALID', `${where} says the disk format is ${quote(box.format)}, but box.img is ${detected ? `a ${detected} image` : 'not an image of that format'}.`);
      }
      const stated = box.virtualSizeBytes;
      const actual = image.qcow2?.virtualSizeBytes;
      if (stated !== undefined && actual !== undefined && stated < actual) {
        fail('VALUE_INVALID', `${where} gives a virtual_size of ${bytes(stated)}, smaller than the ${bytes(actual)} disk in box.img.`);
      }
    }
    if (provider === 'virtualbox' && !this.facts.descriptorMember) {
      fail('REFERENCE_OUTSIDE_PACKAGE', `a VirtualBox box imports its machine from box.ovf, but ${this.facts.fileName} holds no .ovf descriptor.`);
    }
  }

  private checkHardware(): void {
    const systems = this.meta.virtualSystems ?? [];
    for (const system of systems) {
      const label = `virtual system ${quote(system.id ?? '(no id)')}`;
      checkCount(`the CPU count of ${label}`, system.cpus, cpuSchema, 'CPUs');
      checkCount(`the memory of ${label}`, system.memoryMiB, memorySchema, 'MiB');
    }
    const inAll = systems.length > 1 ? ', summed over its virtual systems,' : '';
    checkCount(`the CPU count of the appliance (VirtualHardwareSection${systems.length > 1 ? '' : ', ResourceType 3'})${inAll}`, this.meta.cpus, cpuSchema, 'CPUs');
    checkCount(`the memory of the appliance (VirtualHardwareSection${systems.length > 1 ? '' : ', ResourceType 4'})${inAll}`, this.meta.memoryMiB, memorySchema, 'MiB');
  }

  private checkDisks(): void {
    let total = 0;
    const base = folderOf(this.facts.descriptorMember);
    for (const disk of this.meta.disks) {
      const label = `disk ${quote(disk.diskId ?? '(no id)')}`;
      checkText(`the id (ovf:diskId) of ${label}`, disk.diskId);
      checkText(`the format (ovf:format) of ${label}`, disk.format, 1000);
      checkDiskSize(`the capacity (ovf:capacity) of ${label}`, disk.capacityBytes);
      const capacity = disk.capacityBytes ?? 0;
      total += capacity;
      const populated = disk.populatedSizeBytes;
      if (populated !== undefined) {
        if (!Number.isSafeInteger(populated) || populated < 0) fail('VALUE_INVALID', `the populated size (ovf:populatedSize) of ${label} is ${populated}, not a byte count.`);
        if (disk.capacityBytes !== undefined && populated > capacity) {
          fail('VALUE_INVALID', `${label} says ${bytes(populated)} of it are in use (ovf:populatedSize), more than its capacity of ${bytes(capacity)}.`);
        }
      }
      // The disk file's own header against the descriptor: data larger than the disk cannot be deployed.
      const file = disk.href && this.isPackage ? this.members.get(safeName(disk.href, base, `the file of ${label}`)) : undefined;
      const inFile = file?.vmdk?.capacityBytes ?? file?.qcow2?.virtualSizeBytes;
      if (file && inFile !== undefined && disk.capacityBytes !== undefined && inFile > capacity) {
        fail('VALUE_INVALID', `${label} is declared with a capacity of ${bytes(capacity)} (ovf:capacity), but its file ${file.name} holds a disk of ${bytes(inFile)}.`);
      }
    }
    if (!diskTotalSchema.safeParse(total).success) fail('VALUE_INVALID', `the disks of the appliance add up to ${total} bytes, more than the catalogue can record.`);
  }

  private checkImages(): void {
    const { qcow2, raw, iso } = this.meta;
    if (qcow2 && !this.isPackage) checkDiskSize(`the virtual size of the qcow2 image ${this.facts.fileName}`, qcow2.virtualSizeBytes);
    for (const member of this.members.values()) {
      if (member.qcow2) checkDiskSize(`the virtual size of the qcow2 image ${member.name}`, member.qcow2.virtualSizeBytes);
      checkText('a member name', member.name, MAX_NAME);
    }
    if (raw) {
      for (const p of raw.partitions) {
        const end = p.startBytes + p.sizeBytes;
        checkText(`the name of partition ${p.index}`, p.name, 72);
        if (end > this.facts.size) {
          fail('VALUE_INVALID', `partition ${p.index} of ${this.facts.fileName} ends at byte ${end}, past the end of the ${bytes(this.facts.size)} image; the image is cut short or its partition table is wrong.`);
        }
      }
    }
    if (iso) {
      checkText('the ISO volume id', iso.volumeId, 32);
      checkText('the ISO system id', iso.systemId, 32);
      if (iso.volumeSizeBytes !== undefined && iso.volumeSizeBytes > this.facts.size) {
        fail('VALUE_INVALID', `the ISO ${this.facts.fileName} says its volume is ${bytes(iso.volumeSizeBytes)}, but the file holds only ${bytes(this.facts.size)}; it is cut short.`);
      }
    }
  }

  private checkTexts(): void {
    const m = this.meta;
    const product = (field: string) => `the ${field} in the descriptor's ProductSection`;
    checkText(product('Product'), m.product);
    checkText(product('Vendor'), m.vendor);
    checkText(product('Version'), m.version, MAX_VERSION_LENGTH);
    checkText(product('FullVersion'), m.fullVersion, MAX_TEXT);
    for (const [field, url] of [['ProductUrl', m.productUrl], ['VendorUrl', m.vendorUrl]] as const) {
      if (url !== undefined && !httpUrlSchema.safeParse(url).success) {
        fail('VALUE_INVALID', `${product(field)} is ${quote(url)}, not an http(s) URL of at most 300 characters (e.g. "https://example.com/").`);
      }
    }
    checkText('the annotation (AnnotationSection)', m.annotation, MAX_ANNOTATION, true);
    checkText('the EULA (EulaSection)', m.eula, MAX_EULA, true);
    for (const os of [m.os, ...(m.virtualSystems ?? []).map((s) => s.os)]) {
      if (!os) continue;
      checkText('the operating system description (OperatingSystemSection)', os.description, MAX_OS_NAME);
      checkText('the operating system type (vmw:osType)', os.vmwOsType, 64);
      if (!(OS_FAMILIES as readonly string[]).includes(os.family)) fail('INTERNAL_ERROR', `the inspector derived the unknown OS family ${quote(os.family)}.`);
    }
    for (const system of m.virtualSystems ?? []) {
      checkText('a virtual system id (ovf:id)', system.id);
      checkText(`the name of virtual system ${quote(system.id ?? '(no id)')}`, system.name);
      checkText(`the Product of virtual system ${quote(system.id ?? '(no id)')}`, system.product);
      checkText(`the Vendor of virtual system ${quote(system.id ?? '(no id)')}`, system.vendor);
      checkText(`the Version of virtual system ${quote(system.id ?? '(no id)')}`, system.version, MAX_VERSION_LENGTH);
    }
    for (const net of m.networks) {
      checkText('a network name (NetworkSection)', net.name);
      checkText(`the description of the network ${quote(net.name)}`, net.description, MAX_ANNOTATION, true);
    }
    for (const option of m.deploymentOptions ?? []) {
      checkText('a deployment option id (DeploymentOptionSection)', option.id);
      checkText(`the label of the deployment option ${quote(option.id)}`, option.label);
    }
  }
}

/** Vagrant's architecture words (`amd64`, `x86_64`, `aarch64`, …) in the catalogue's spelling. */
export function vagrantArchitecture(value: string): string {
  const word = value.trim().toLowerCase();
  if (word === 'amd64' || word === 'x86_64' || word === 'x64') return 'AMD64';
  if (word === 'arm64' || word === 'aarch64') return 'ARM64';
  if (word === 'i386' || word === 'i686' || word === '386' || word === 'x86') return 'I386';
  return value;
}

/**
 * Applies the rule to a finished inspection: throws InspectError (VALUE_INVALID,
 * REFERENCE_OUTSIDE_PACKAGE, OVF_MISSING_FILE, OVF_SIZE_MISMATCH, VMDK_INVALID) with a reason that
 * names the field and the value, or returns when everything read from the file is acceptable.
 */
export function validateReport(facts: ReportFacts): void {
  new ReportValidator(facts).run();
}
