import { checkMemberName, checkMemberType, type ArchiveEntry } from './archive-entry';
import { sniff, type ContainerKind } from './detect-format';
import { MANIFEST_ALGORITHMS, MultiHasher, type DigestAlgorithm } from './digests';
import { InspectError } from './errors';
import { parseManifest, type ManifestEntry } from './manifest';
import { metadataFromOvf } from './ovf-metadata';
import { parseOvf } from './ovf-parser';
import { SignatureCollector } from './ova-signature';
import { parseQcow2Header } from './qcow2';
import type { ApplianceMetadata, FileFormat, InspectLimits, MemberInfo, OvfDescriptor, OvfFileReference, UnreadableValue } from './types';
import { parseBoxMetadata, type BoxMetadata } from './vagrant-box';
import { parseVmdkHeader } from './vmdk';

const HEAD_BYTES = 64 * 1024;

type MemberKind = 'ovf' | 'manifest' | 'certificate' | 'box-metadata' | 'vagrantfile' | 'data';

interface MemberRecord extends MemberInfo {
  digests: Partial<Record<DigestAlgorithm, string>>;
  kind: MemberKind;
}

export interface WalkResult {
  format: FileFormat;
  metadata: ApplianceMetadata;
  /** The descriptor's References, for validateReport to resolve against the members. */
  references: OvfFileReference[];
  /** The member holding the descriptor: relative names resolve from its folder. */
  descriptorMember?: string;
  unreadable: UnreadableValue[];
}

function kindOf(name: string): MemberKind {
  if (/\.ovf$/i.test(name)) return 'ovf';
  if (/\.mf$/i.test(name)) return 'manifest';
  if (/\.cert$/i.test(name)) return 'certificate';
  if (name === 'metadata.json') return 'box-metadata';
  if (name === 'Vagrantfile') return 'vagrantfile';
  return 'data';
}

function describe(format: FileFormat | null): string {
  return format ?? 'an unrecognised format';
}

/**
 * Walks the members of a tar or zip once, in whatever order they come, and decides at the end what the
 * archive is: a Vagrant box (metadata.json), an OVA (tar with the .ovf first) or an OVF bundle (zip with
 * one .ovf). Members are hashed with every manifest algorithm until a manifest has been seen, so a
 * manifest at the end (VirtualBox) is checked as well as one at the front (ovftool).
 *
 * Manifest policy: when a package has a manifest, every member except the manifest and the certificate
 * must be listed in it; an unlisted member is refused, since it would ship unverified.
 */
export class ArchiveWalker {
  private readonly members = new Map<string, MemberRecord>();
  private descriptor?: { name: string; desc: OvfDescriptor };
  private manifest?: { name: string; entries: Map<string, ManifestEntry> };
  private boxMetadata?: BoxMetadata;
  private readonly signature = new SignatureCollector();
  private hasVagrantfile = false;
  private firstFile?: string;
  private entryCount = 0;
  private readonly unreadable: UnreadableValue[] = [];

  constructor(
    private readonly container: ContainerKind,
    private readonly limits: InspectLimits,
    private readonly fileName: string,
  ) {}

  async walk(entries: AsyncIterable<ArchiveEntry>): Promise<void> {
    for await (const entry of entries) await this.visit(entry);
  }

  private algorithmsFor(name: string): DigestAlgorithm[] {
    // A gzip-compressed tar can only be a box, and boxes have no manifest to check against.
    if (this.container === 'gzip') return ['SHA256'];
    if (!this.manifest) return [...MANIFEST_ALGORITHMS];
    const listed = this.manifest.entries.get(name);
    return listed ? ['SHA256', listed.algorithm] : ['SHA256'];
  }

  private async visit(entry: ArchiveEntry): Promise<void> {
    if (++this.entryCount > this.limits.maxMembers) {
      throw new InspectError('TOO_MANY_MEMBERS', `${this.fileName} has more than ${this.limits.maxMembers} members.`);
    }
    const name = checkMemberName(entry.name);
    checkMemberType(entry);
    if (entry.type === 'directory' || !name) {
      for await (const chunk of entry.body) void chunk;
      return;
    }
    if (this.members.has(name)) {
      throw new InspectError('DUPLICATE_MEMBER', `${this.fileName} contains "${name}" twice; which copy counts would depend on the tool.`);
    }
    this.firstFile ??= name;
    const kind = kindOf(name);
    const cap =
      kind === 'ovf' ? this.limits.maxDescriptorBytes : kind === 'data' ? 0 : this.limits.maxSmallFileBytes;
    const tooLarge = () =>
      kind === 'ovf'
        ? new InspectError('OVF_TOO_LARGE', `the descriptor ${name} is larger than ${cap} bytes.`)
        : new InspectError('MEMBER_TOO_LARGE', `${name} is larger than the ${cap} bytes allowed for it.`);
    if (cap && entry.size !== undefined && entry.size > cap) throw tooLarge();

    const hasher = new MultiHasher(this.algorithmsFor(name));
    const kept: Uint8Array[] = [];
    let keptBytes = 0;
    let size = 0;
    // Small members are kept whole; of data members only the first 64 KiB, enough for any disk header.
    const keepLimit = cap || HEAD_BYTES;
    for await (const chunk of entry.body) {
      hasher.update(chunk);
      size += chunk.byteLength;
      if (cap && size > cap) throw tooLarge();
      if (keptBytes < keepLimit) {
        const part = chunk.subarray(0, keepLimit - keptBytes);
        kept.push(Uint8Array.from(part));
        keptBytes += part.byteLength;
      }
    }
    const bytes = Buffer.concat(kept, keptBytes);
    const digests = hasher.digest();
    const record: MemberRecord = { name, size, sha256: digests.SHA256, digests, kind };
    this.members.set(name, record);

    switch (kind) {
      case 'ovf':
        if (this.descriptor) {
          throw new InspectError('OVF_MULTIPLE', `${this.fileName} holds two descriptors (${this.descriptor.name} and ${name}); a package has exactly one.`);
        }
        this.descriptor = {
          name,
          desc: parseOvf(bytes, { maxDescriptorBytes: this.limits.maxDescriptorBytes, maxXmlElements: this.limits.maxXmlElements }),
        };
        break;
      case 'manifest':
        if (this.manifest) {
          throw new InspectError('MANIFEST_INVALID', `${this.fileName} holds two manifests (${this.manifest.name} and ${name}).`);
        }
        this.manifest = { name, entries: parseManifest(new TextDecoder().decode(bytes), name) };
        this.signature.noteManifest(name, bytes);
        break;
      case 'box-metadata':
        this.boxMetadata = parseBoxMetadata(bytes, name);
        break;
      case 'vagrantfile':
        this.hasVagrantfile = true;
        break;
      case 'data':
        this.inspectDiskHead(record, bytes);
        break;
      case 'certificate':
        this.signature.noteCertificate(name, bytes, this.fileName);
        break;
    }
  }

  /** Reads the header of a disk member when it is one we know; a qcow2 with a backing file is refused here. */
  private inspectDiskHead(record: MemberRecord, head: Uint8Array): void {
    const { format } = sniff(head);
    const label = `the member ${record.name}`;
    if (format === 'QCOW2') {
      record.format = format;
      record.qcow2 = parseQcow2Header(head, label);
    } else if (format === 'VMDK') {
      record.format = format;
      record.vmdk = parseVmdkHeader(head, label, this.unreadable);
    }
  }

  private publicMembers(): MemberInfo[] {
    return [...this.members.values()].map(({ digests: _digests, kind: _kind, ...info }) => info);
  }

  /** Decides the format and runs the whole-package checks; throws the first problem found. */
  /** What has been learnt so far, for a report on a package refused half-way. */
  partial(): ApplianceMetadata {
    const members = this.publicMembers();
    const metadata: ApplianceMetadata = { disks: [], networks: [], members };
    if (this.descriptor) Object.assign(metadata, metadataFromOvf(this.descriptor.desc), { members });
    return metadata;
  }

  finish(expected: FileFormat | undefined): WalkResult {
    const members = this.publicMembers();
    const metadata: ApplianceMetadata = { disks: [], networks: [], members };
    const facts = {
      references: this.descriptor?.desc.references ?? [],
      descriptorMember: this.descriptor?.name,
      unreadable: [...this.unreadable, ...(this.descriptor?.desc.unreadable ?? []), ...(this.boxMetadata?.unreadable ?? [])],
    };

    if (this.boxMetadata) {
      const format: FileFormat = 'VAGRANT_BOX';
      if (expected && expected !== format) throw mismatch(expected, format, this.fileName);
      const disk = [...this.members.values()].find((m) => m.format === 'QCOW2' || m.format === 'VMDK');
      if (this.descriptor) Object.assign(metadata, metadataFromOvf(this.descriptor.desc), { members });
      const { unreadable: _unreadable, ...boxMetadata } = this.boxMetadata;
      metadata.box = {
        ...boxMetadata,
        virtualSizeBytes: this.boxMetadata.virtualSizeBytes ?? disk?.qcow2?.virtualSizeBytes ?? disk?.vmdk?.capacityBytes,
        hasVagrantfile: this.hasVagrantfile,
        diskMember: disk?.name,
      };
      if (disk?.qcow2) metadata.qcow2 = disk.qcow2;
      if (disk?.vmdk) metadata.vmdk = disk.vmdk;
      return { format, metadata, ...facts };
    }

    if (!this.descriptor) {
      if (this.container === 'zip') {
        throw new InspectError('OVF_MISSING', `${this.fileName} is a zip with neither an .ovf descriptor (OVF bundle) nor a metadata.json (Vagrant box).`);
      }
      throw new InspectError('BOX_METADATA_MISSING', `${this.fileName} is a ${this.container === 'gzip' ? 'compressed ' : ''}tar archive with neither an .ovf descriptor first (OVA) nor a metadata.json (Vagrant box).`);
    }

    const format: FileFormat = this.container === 'zip' ? 'OVF' : 'OVA';
    if (expected && expected !== format) throw mismatch(expected, format, this.fileName);
    if (format === 'OVA' && this.firstFile !== this.descriptor.name) {
      throw new InspectError('OVA_FIRST_MEMBER', `the first member of an OVA must be its .ovf descriptor, but ${this.fileName} starts with "${this.firstFile}".`);
    }
    Object.assign(metadata, metadataFromOvf(this.descriptor.desc), { members });
    if (this.manifest) {
      metadata.manifest = {
        member: this.manifest.name,
        algorithms: [...new Set([...this.manifest.entries.values()].map((e) => e.algorithm))],
        entries: this.manifest.entries.size,
      };
    }
    // The signature first: if it fails, the manifest that the digests are checked against is itself suspect.
    const signature = this.signature.verify();
    if (signature) metadata.signature = signature;
    this.checkPackage(this.descriptor.desc);
    return { format, metadata, ...facts };
  }

  /** Manifest and descriptor checks; references and values are validateReport's (one rule for every format). */
  private checkPackage(desc: OvfDescriptor): void {
    if (this.manifest) {
      for (const entry of this.manifest.entries.values()) {
        const member = this.members.get(entry.name.replace(/^\.\//, ''));
        if (!member) {
          throw new InspectError('MANIFEST_MISSING_MEMBER', `the manifest lists ${entry.name}, which is not in ${this.fileName}.`);
        }
        const actual = member.digests[entry.algorithm];
        if (actual !== entry.digest) {
          throw new InspectError(
            'MANIFEST_MISMATCH',
            `manifest digest for ${entry.name} does not match: the manifest says ${entry.algorithm} ${entry.digest}, the bytes give ${actual ?? '(not computed)'}.`,
          );
        }
      }
    }
    if (!desc.virtualSystems.length) {
      throw new InspectError('OVF_NO_VIRTUAL_SYSTEM', `the descriptor ${this.descriptor?.name} describes no virtual machine.`);
    }
    if (this.manifest) {
      const listed = new Set([...this.manifest.entries.keys()].map((n) => n.replace(/^\.\//, '')));
      for (const member of this.members.values()) {
        if (member.kind === 'manifest' || member.kind === 'certificate') continue;
        if (!listed.has(member.name)) {
          throw new InspectError('MANIFEST_UNLISTED_MEMBER', `${member.name} is in ${this.fileName} but not in its manifest, so it cannot be verified.`);
        }
      }
    }
  }
}

export function mismatch(expected: FileFormat, actual: FileFormat | null, fileName: string): InspectError {
  return new InspectError(
    'FORMAT_MISMATCH',
    `${fileName} was uploaded as ${expected}, but its content is ${describe(actual)}.`,
  );
}
