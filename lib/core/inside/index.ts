// The "what's inside" reader. Everything exported here runs in Node and in the browser except where
// noted; Node-only pieces (file source, gzip boxes, rpm via node:sqlite, ext2fs) load lazily.
export type * from './types';
export { InsideError, isInsideError } from './errors';
export { memorySource } from './sources/memory-source';
export { subSource } from './sources/sub-source';
export { cachedSource, type CachedSource, type CachedSourceOptions } from './sources/cached-source';
export { openHttpRangeSource, type HttpRangeSourceOptions } from './sources/http-range-source';
export { openDisk, type OpenDiskOptions } from './disk/open-disk';
export { openPackageDisk, DEFAULT_DISK_BUDGET, type PackageDisk, type PackageDiskOptions, type PackageFormat } from './package/open-package-disk';
export { readPartitionTable, type Partition, type PartitionTable } from './fs/partitions';
export { detectFilesystem } from './fs/detect';
export { readInside, type ReadInsideOptions } from './read-inside';
export { packageUrl } from './inventory/purl';
export { buildSbom, type SbomSubject } from './sbom';
export { diffPackages, type PackageDiff } from './diff-packages';
