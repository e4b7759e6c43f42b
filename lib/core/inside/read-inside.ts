import { isInsideError, throwIfAborted } from './errors';
import { withExtTree } from './fs/ext';
import { detectFilesystem } from './fs/detect';
import { readPartitionTable, type Partition } from './fs/partitions';
import { readRoot, type RootContents } from './inventory/read-root';
import { openPackageDisk, type PackageDiskOptions, type PackageFormat } from './package/open-package-disk';
import { subSource } from './sources/sub-source';
import type { ByteSource, InsideFilesystem, InsideFinding, InsideReport, VirtualDisk } from './types';

export interface ReadInsideOptions extends Omit<PackageDiskOptions, 'signal'> {
  format: PackageFormat;
  signal?: AbortSignal;
}

const EXT = new Set(['ext2', 'ext3', 'ext4']);
/** Named but not readable: these hold data the report cannot list. */
const UNREADABLE: Record<string, string> = {
  xfs: 'XFS',
  btrfs: 'Btrfs',
  lvm2: 'an LVM2 physical volume',
  luks: 'LUKS-encrypted',
  ntfs: 'NTFS',
  squashfs: 'SquashFS',
  iso9660: 'an ISO 9660 filesystem',
};
const NOT_CONTENT = new Set(['swap', 'vfat', 'unknown']);

function emptyReport(): InsideReport {
  return { schemaVersion: 1, status: 'not-read', filesystems: [], kernels: [], packages: [], services: [], findings: [], bytesRead: 0 };
}

/** A source whose reads stop when the signal is aborted (a job cancelled or timed out). */
function abortable(source: ByteSource, signal?: AbortSignal): ByteSource {
  if (!signal) return source;
  return {
    size: source.size,
    name: source.name,
    read(offset, length) {
      throwIfAborted(signal);
      return source.read(offset, length);
    },
  };
}

/**
 * What is inside an uploaded file: OS, kernels, packages, services and security findings from its
 * root filesystem. Hostile or damaged images give findings and a `not-read` or `partial` status,
 * never an exception; only an aborted signal or a failing source (network, I/O) throws.
 */
export async function readInside(source: ByteSource, options: ReadInsideOptions): Promise<InsideReport> {
  const report = emptyReport();
  const input = abortable(source, options.signal);
  let opened;
  try {
    opened = await openPackageDisk(input, options.format, options);
  } catch (e) {
    if (!isInsideError(e)) throw e;
    report.reason = e.message;
    report.findings.push({ code: 'disk-invalid', severity: 'medium', title: 'The disk image cannot be read', detail: e.message });
    return report;
  }
  if (!opened.ok) {
    report.reason = opened.reason;
    return report;
  }
  const disk = opened.disk;
  try {
    report.disk = { member: opened.member, format: disk.format, virtualSizeBytes: disk.size };
    await readDisk(disk, report, options);
  } catch (e) {
    if (!isInsideError(e)) throw e;
    report.findings.push({ code: e.code, severity: 'medium', title: 'The disk image is damaged', detail: e.message });
    report.reason ??= e.message;
  } finally {
    report.bytesRead = disk.bytesFetched();
    await opened.close();
  }
  return report;
}

async function readDisk(disk: VirtualDisk, report: InsideReport, options: ReadInsideOptions): Promise<void> {
  if (disk.format === 'iso') {
    report.partitionTable = 'none';
    report.filesystems.push({ partition: null, type: 'iso9660', readable: false, sizeBytes: disk.size, note: 'An ISO image is an installer or live medium; its files are not inventoried.' });
    report.reason = 'ISO images are installers or live media, not an installed system';
    return;
  }
  const table = await readPartitionTable(disk);
  report.partitionTable = table.kind;
  report.findings.push(...table.findings);
  const volumes: { partition: number | null; part: ByteSource }[] =
    table.kind === 'none'
      ? [{ partition: null, part: disk }]
      : table.partitions.map((p: Partition) => ({ partition: p.number, part: subSource(disk, p.start, p.size, `partition ${p.number}`) }));

  let root: RootContents | undefined;
  const bootKernels = new Set<string>();
  for (const { partition, part } of volumes) {
    throwIfAborted(options.signal);
    const where = partition === null ? 'The disk' : `Partition ${partition}`;
    const detected = await detectFilesystem(part);
    const fs: InsideFilesystem = { partition, type: detected.type, readable: false, sizeBytes: part.size, label: detected.label };
    report.filesystems.push(fs);
    if (EXT.has(detected.type)) {
      try {
        await withExtTree(part, async (tree) => {
          fs.readable = true;
          if (!root && (await tree.kind('/etc'))?.kind === 'dir') {
            root = await readRoot(tree, { tempDir: options.tempDir, signal: options.signal });
            fs.note = 'root filesystem';
          } else {
            for (const name of await tree.list('/')) {
              const m = /^vmlinu[xz]-(\d.*)$/.exec(name);
              if (m) bootKernels.add(m[1]);
            }
          }
        });
      } catch (e) {
        if (!isInsideError(e)) throw e;
        fs.readable = false;
        fs.note = e.message;
        const title = e.code === 'disk-invalid' ? `${where} cannot be read: the disk image is damaged` : `${where}: the ${detected.type} filesystem is damaged`;
        report.findings.push({ code: e.code, severity: 'medium', title, detail: e.message });
      }
      continue;
    }
    if (UNREADABLE[detected.type]) {
      fs.note = `${UNREADABLE[detected.type]} cannot be read yet`;
      report.findings.push(unreadable(where, detected.type));
    } else if (detected.type === 'unknown') {
      fs.note = 'no filesystem recognised';
    } else {
      fs.note = detected.type === 'swap' ? 'swap space' : 'not inventoried';
    }
  }

  if (root) {
    report.os = root.os;
    report.kernels = [...new Set([...root.kernels, ...bootKernels])].sort();
    report.packages = root.packages;
    report.services = root.services;
    report.findings.push(...root.findings);
  }
  const blocked = report.filesystems.some((f) => !f.readable && !NOT_CONTENT.has(f.type));
  if (root) report.status = blocked ? 'partial' : 'read';
  else if (report.filesystems.some((f) => f.readable)) {
    report.status = 'partial';
    report.reason = 'no root filesystem (one with /etc) was found';
  } else {
    report.reason = describeNothing(report.filesystems);
  }
}

function unreadable(where: string, type: string): InsideFinding {
  return {
    code: 'unreadable-filesystem',
    severity: 'info',
    title: `${where} is ${UNREADABLE[type]}, which cannot be read yet`,
    detail: 'Its contents are not part of this report: packages or findings on it are not listed.',
  };
}

function describeNothing(filesystems: InsideFilesystem[]): string {
  if (!filesystems.length) return 'the disk has no partitions';
  const names = [...new Set(filesystems.map((f) => f.type))].join(', ');
  return `no readable filesystem was found (found: ${names})`;
}
