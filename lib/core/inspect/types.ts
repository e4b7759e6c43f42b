// Public shapes of the inspector. Everything in a report is plain JSON so a job can store it as is.
import type { SignatureInfo } from './signature-types';

export type * from './signature-types';

export type FileFormat = 'OVA' | 'OVF' | 'VMDK' | 'QCOW2' | 'RAW' | 'ISO' | 'VAGRANT_BOX';

export type OsFamily = 'linux' | 'windows' | 'bsd' | 'solaris' | 'other';

export type InspectCode =
  | 'EMPTY'
  | 'STREAM_ERROR'
  | 'INTERNAL_ERROR'
  | 'SHA256_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'UNKNOWN_FORMAT'
  | 'FORMAT_MISMATCH'
  | 'TRUNCATED'
  | 'TAR_INVALID'
  | 'PATH_TRAVERSAL'
  | 'ABSOLUTE_PATH'
  | 'LINK_MEMBER'
  | 'SPECIAL_MEMBER'
  | 'DUPLICATE_MEMBER'
  | 'TOO_MANY_MEMBERS'
  | 'OVA_FIRST_MEMBER'
  | 'OVF_MISSING'
  | 'OVF_MULTIPLE'
  | 'OVF_TOO_LARGE'
  | 'XML_DOCTYPE'
  | 'XML_INVALID'
  | 'XML_ENCODING'
  | 'XML_TOO_COMPLEX'
  | 'OVF_NOT_ENVELOPE'
  | 'OVF_SIZE_MISMATCH'
  | 'OVF_MISSING_FILE'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_MISMATCH'
  | 'MANIFEST_MISSING_MEMBER'
  | 'MANIFEST_UNLISTED_MEMBER'
  | 'MANIFEST_DUPLICATE'
  | 'MEMBER_TOO_LARGE'
  | 'QCOW2_BACKING_FILE'
  | 'QCOW2_ENCRYPTED'
  | 'QCOW2_INVALID'
  | 'QCOW2_EXTERNAL_DATA'
  | 'VMDK_PARENT'
  | 'OVF_NO_VIRTUAL_SYSTEM'
  | 'VMDK_INVALID'
  | 'ZIP_INVALID'
  | 'ZIP_ENCRYPTED'
  | 'ZIP_UNSUPPORTED'
  | 'CRC_MISMATCH'
  | 'GZIP_INVALID'
  | 'GZIP_BOMB'
  | 'BOX_METADATA_MISSING'
  | 'BOX_METADATA_INVALID'
  | 'VALUE_INVALID'
  | 'REFERENCE_OUTSIDE_PACKAGE'
  | 'CERT_INVALID'
  | 'CERT_EXPIRED'
  | 'CERT_CHAIN_INVALID'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_UNCOVERED';

export interface InspectLimits {
  /** Largest .ovf descriptor held in memory. */
  maxDescriptorBytes: number;
  /** Largest manifest, certificate, metadata.json or Vagrantfile held in memory. */
  maxSmallFileBytes: number;
  /** Elements allowed in one XML document (a flat 32 MiB document could otherwise cost gigabytes as a tree). */
  maxXmlElements: number;
  /** Members allowed in one tar or zip archive. */
  maxMembers: number;
  /** Decompressed ÷ compressed bytes allowed once `decompressionGraceBytes` have come out. */
  maxDecompressionRatio: number;
  /** Output below this size is never judged by ratio (small files compress oddly). */
  decompressionGraceBytes: number;
  /** Absolute cap on decompressed bytes from one compressed stream. */
  maxDecompressedBytes: number;
  /** From this declaredSize on, the whole-stream SHA-256 runs on a worker thread beside the member digests (off by default). */
  parallelHashMinBytes: number;
}

export interface InspectOptions {
  /** As uploaded; used in messages only, never trusted for the format. */
  fileName: string;
  /** Bytes the uploader announced. */
  declaredSize?: number;
  /** The slot the developer chose. */
  expectedFormat?: FileFormat;
  /** Hex SHA-256 computed by the uploader's browser. */
  expectedSha256?: string;
  limits?: Partial<InspectLimits>;
}

export interface OsInfo {
  /** CIM_OperatingSystem OsType number (`ovf:id`). */
  id?: number;
  vmwOsType?: string;
  description?: string;
  family: OsFamily;
}

export interface DiskInfo {
  diskId?: string;
  fileRef?: string;
  href?: string;
  capacityBytes?: number;
  /** The ovf:format URI, or the detected format of a disk member. */
  format?: string;
  populatedSizeBytes?: number;
  /** ovf:size of the referenced file. */
  fileSizeBytes?: number;
}

export interface NetworkInfo {
  name: string;
  description?: string;
}

export interface DeploymentOption {
  id: string;
  label?: string;
  default: boolean;
}

export interface VirtualSystemInfo {
  id?: string;
  name?: string;
  product?: string;
  vendor?: string;
  version?: string;
  fullVersion?: string;
  productUrl?: string;
  vendorUrl?: string;
  os?: OsInfo;
  cpus?: number;
  memoryMiB?: number;
  /** rasd ResourceType 10 items. */
  networkAdapters: number;
  /** rasd ResourceType 17 items. */
  diskDrives: number;
  eula?: string;
  annotation?: string;
}

/** One extent line of a VMDK descriptor: `RW 2048 FLAT "disk-flat.vmdk" 0`. */
export interface VmdkExtent {
  access: string;
  sectors: number;
  /** FLAT, SPARSE, ZERO, VMFS, VMFSSPARSE, VMFSRDM, … as written. */
  type: string;
  file?: string;
  offsetSectors?: number;
}

export interface VmdkInfo {
  /** 'monolithicSparse', 'streamOptimized', 'monolithicFlat', … ; absent when only the binary header was seen. */
  createType?: string;
  capacityBytes?: number;
  /** 'sparse' (KDMV header) or 'descriptor' (text). */
  kind: 'sparse' | 'descriptor';
  compressed?: boolean;
  /** The extent lines of the (embedded) descriptor; every file they name must be in the package. */
  extents?: VmdkExtent[];
}

export interface Qcow2Info {
  version: number;
  virtualSizeBytes: number;
  clusterBits: number;
}

export interface PartitionInfo {
  index: number;
  /** MBR: hex type byte like '0x83'; GPT: partition type GUID. */
  type: string;
  startBytes: number;
  sizeBytes: number;
  bootable?: boolean;
  name?: string;
}

export interface RawInfo {
  partitionTable: 'mbr' | 'gpt' | 'none';
  partitions: PartitionInfo[];
  sizeBytes: number;
}

export interface IsoInfo {
  volumeId: string;
  systemId?: string;
  volumeSizeBytes?: number;
}

export interface BoxInfo {
  provider?: string;
  format?: string;
  virtualSizeBytes?: number;
  architecture?: string;
  hasVagrantfile: boolean;
  /** The member that holds the disk, when one was recognised. */
  diskMember?: string;
  /** Disk files metadata.json names (vagrant-libvirt `disks[].path`); each must be in the box. */
  disks?: string[];
}

/** A value a parser found in a file but could not read as its field's type; validateReport refuses it. */
export interface UnreadableValue {
  /** Where it was, for a person: `the memory AllocationUnits of virtual system "vm"`. */
  field: string;
  value: string;
  /** What it should have been: `a number of bytes`. */
  expected: string;
}

export interface MemberInfo {
  name: string;
  size: number;
  sha256?: string;
  /** Detected by content for disk members. */
  format?: FileFormat;
  vmdk?: VmdkInfo;
  qcow2?: Qcow2Info;
}

export interface ManifestInfo {
  member: string;
  algorithms: string[];
  entries: number;
}

export interface ApplianceMetadata {
  product?: string;
  vendor?: string;
  version?: string;
  fullVersion?: string;
  productUrl?: string;
  vendorUrl?: string;
  os?: OsInfo;
  /** Sum over every virtual system of the package (what it takes to run the whole appliance). */
  cpus?: number;
  /** Sum over every virtual system of the package, in MiB. */
  memoryMiB?: number;
  disks: DiskInfo[];
  networks: NetworkInfo[];
  eula?: string;
  annotation?: string;
  ovfVersion?: string;
  virtualSystems?: VirtualSystemInfo[];
  deploymentOptions?: DeploymentOption[];
  /** The deployment option the hardware figures were taken from. */
  deploymentOption?: string;
  members?: MemberInfo[];
  manifest?: ManifestInfo;
  /** Who signed the package (`.cert`), when it is signed and the signature holds. */
  signature?: SignatureInfo;
  vmdk?: VmdkInfo;
  qcow2?: Qcow2Info;
  raw?: RawInfo;
  iso?: IsoInfo;
  box?: BoxInfo;
}

export interface InspectionReport {
  verdict: 'VERIFIED' | 'REJECTED';
  code?: InspectCode;
  reason?: string;
  format?: FileFormat;
  /** Hex SHA-256 of the whole stream; null only if the stream itself failed. */
  sha256: string | null;
  size: number;
  metadata: ApplianceMetadata;
}

export interface OvfFileReference {
  id: string;
  href: string;
  size?: number;
  compression?: string;
  /** Set when the file is split into href.000000000, href.000000001, … members of this size. */
  chunkSize?: number;
}

export interface OvfDescriptor {
  /** '0.9', '1.x' or '2.x', from the envelope namespace (or ovf:version for 0.9). */
  ovfVersion: string;
  references: OvfFileReference[];
  disks: DiskInfo[];
  networks: NetworkInfo[];
  virtualSystems: VirtualSystemInfo[];
  isCollection: boolean;
  deploymentOptions: DeploymentOption[];
  selectedDeploymentOption?: string;
  /** Package-level view: collection ProductSection first, then the first system that has one. */
  summary: Omit<ApplianceMetadata, 'disks' | 'networks' | 'members' | 'manifest'>;
  /** Oddities worth showing a developer that do not make the package unusable. */
  warnings: string[];
  /** Values present but unreadable (a capacity of "lots"): the package is refused for them. */
  unreadable: UnreadableValue[];
}
