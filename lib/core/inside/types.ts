// Public shapes of the "what's inside" reader: pure code shared by the worker, `apx`, tests and the
// browser. No Prisma, no S3 client, no `server-only`, no Node-only imports in this file.

/** Random-access bytes: an S3 object (Range GETs), a local file, `fetch` with Range, memory. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Short description for messages, e.g. the file name. */
  readonly name: string;
  /** Bytes [offset, offset + length), fewer only past the end. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A virtual disk seen as raw sectors, whatever its container (raw, qcow2, VMDK, inside an OVA). */
export interface VirtualDisk extends ByteSource {
  /** The container format the blocks come from. */
  readonly format: 'raw' | 'qcow2' | 'vmdk-sparse' | 'vmdk-stream' | 'iso';
  /** Bytes fetched from the underlying source so far (for accounting and the benchmark). */
  bytesFetched(): number;
}

export type PackageManager = 'dpkg' | 'apk' | 'rpm';

export interface InsidePackage {
  manager: PackageManager;
  name: string;
  version: string;
  arch?: string;
  /** Source package (dpkg) or origin (apk), when the database says. */
  source?: string;
  license?: string;
  /** Package URL (purl), e.g. pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12 */
  purl: string;
}

export interface InsideService {
  name: string;
  init: 'systemd' | 'openrc';
  /** systemd target (multi-user.target) or OpenRC runlevel (default, boot). */
  target: string;
}

export type FindingCode =
  | 'ssh-host-keys'
  | 'authorized-keys'
  | 'empty-password'
  | 'root-password-set'
  | 'unreadable-filesystem'
  | 'partition-table-invalid'
  | 'filesystem-invalid'
  | 'file-too-large'
  | 'symlink-loop'
  | 'not-a-file'
  | 'disk-invalid'
  | 'package-database-unreadable';

export interface InsideFinding {
  code: FindingCode;
  severity: 'high' | 'medium' | 'low' | 'info';
  /** One line a person understands. Never secret material (no hash, no key). */
  title: string;
  /** A plain explanation: why it matters and what to do. */
  detail: string;
  /** Paths inside the image the finding is about (never their contents). */
  paths?: string[];
}

export interface InsideFilesystem {
  /** Partition number (1-based) or null for a whole-disk filesystem. */
  partition: number | null;
  /** ext2, ext3, ext4, xfs, btrfs, lvm2, luks, swap, vfat, ntfs, iso9660, unknown */
  type: string;
  readable: boolean;
  sizeBytes: number;
  label?: string;
  /** Why it was not read, when it was not. */
  note?: string;
}

export interface InsideReport {
  schemaVersion: 1;
  /** read: a root filesystem was read; partial: some of it; not-read: nothing (see reason). */
  status: 'read' | 'partial' | 'not-read';
  reason?: string;
  /** Which member of the package the disk came from (OVA member name), when relevant. */
  disk?: { member?: string; format: VirtualDisk['format']; virtualSizeBytes: number };
  partitionTable?: 'mbr' | 'gpt' | 'none';
  filesystems: InsideFilesystem[];
  os?: { id: string; versionId?: string; prettyName?: string; name?: string; idLike?: string[] };
  kernels: string[];
  packages: InsidePackage[];
  services: InsideService[];
  findings: InsideFinding[];
  /** Bytes fetched from the source to build the report. */
  bytesRead: number;
}
