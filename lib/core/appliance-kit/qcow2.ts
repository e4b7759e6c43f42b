import { assertDiskImage, isAllZero } from './bytes';

export interface Qcow2Options {
  /** log2 of the cluster size, 9..21; qemu's default is 16 (64 KiB). */
  clusterBits?: number;
}

const QCOW2_MAGIC = 0x514649fb; // "QFI\xfb"
const HEADER_LENGTH = 104; // version 3 header without the optional compression-type field
const REFCOUNT_ORDER = 4; // 16-bit refcounts, qemu's default
/** Set on L1/L2 entries whose cluster has refcount exactly 1; `qemu-img check` expects it. */
const QCOW_OFLAG_COPIED = 1n << 63n;

/**
 * A qcow2 (version 3) image with the same guest content as `raw`. All-zero clusters are left
 * unallocated (they read as zeros: there is no backing file). Layout, one cluster each unless
 * more are needed: header, refcount table, refcount blocks, L1 table, L2 tables, data.
 */
export function rawToQcow2(raw: Uint8Array, { clusterBits = 16 }: Qcow2Options = {}): Uint8Array {
  assertDiskImage(raw, 'rawToQcow2');
  if (!Number.isInteger(clusterBits) || clusterBits < 9 || clusterBits > 21) {
    throw new RangeError(`qcow2 cluster bits must be an integer in 9..21 (got ${clusterBits})`);
  }
  const clusterSize = 2 ** clusterBits;
  const l2EntriesPerTable = clusterSize / 8;
  const refcountsPerBlock = (clusterSize * 8) / 2 ** REFCOUNT_ORDER;

  const guestClusters = Math.ceil(raw.length / clusterSize);
  const dataClusters: number[] = [];
  for (let g = 0; g < guestClusters; g++) {
    if (!isAllZero(raw.subarray(g * clusterSize, (g + 1) * clusterSize))) dataClusters.push(g);
  }
  const l1Size = Math.ceil(guestClusters / l2EntriesPerTable);
  const l1Clusters = Math.ceil((l1Size * 8) / clusterSize);
  const l2Tables = [...new Set(dataClusters.map((g) => Math.floor(g / l2EntriesPerTable)))];

  // The refcount structures count themselves, so grow them until they cover everything.
  let refcountTableClusters = 1;
  let refcountBlocks = 1;
  let totalClusters = 0;
  for (;;) {
    totalClusters = 1 + refcountTableClusters + refcountBlocks + l1Clusters + l2Tables.length + dataClusters.length;
    const neededBlocks = Math.ceil(totalClusters / refcountsPerBlock);
    const neededTableClusters = Math.ceil((neededBlocks * 8) / clusterSize);
    if (neededBlocks === refcountBlocks && neededTableClusters === refcountTableClusters) break;
    refcountBlocks = Math.max(refcountBlocks, neededBlocks);
    refcountTableClusters = Math.max(refcountTableClusters, neededTableClusters);
  }

  const refcountTableCluster = 1;
  const firstRefcountBlock = refcountTableCluster + refcountTableClusters;
  const l1Cluster = firstRefcountBlock + refcountBlocks;
  const firstL2Cluster = l1Cluster + l1Clusters;
  const firstDataCluster = firstL2Cluster + l2Tables.length;

  const image = new Uint8Array(totalClusters * clusterSize);
  const view = new DataView(image.buffer);
  const at = (cluster: number) => cluster * clusterSize;

  view.setUint32(0, QCOW2_MAGIC);
  view.setUint32(4, 3); // version
  view.setBigUint64(8, 0n); // backing file offset
  view.setUint32(16, 0); // backing file size
  view.setUint32(20, clusterBits);
  view.setBigUint64(24, BigInt(raw.length)); // virtual size
  view.setUint32(32, 0); // no encryption
  view.setUint32(36, l1Size);
  view.setBigUint64(40, BigInt(at(l1Cluster)));
  view.setBigUint64(48, BigInt(at(refcountTableCluster)));
  view.setUint32(56, refcountTableClusters);
  view.setUint32(60, 0); // snapshots
  view.setBigUint64(64, 0n);
  view.setBigUint64(72, 0n); // incompatible features
  view.setBigUint64(80, 0n); // compatible features
  view.setBigUint64(88, 0n); // autoclear features
  view.setUint32(96, REFCOUNT_ORDER);
  view.setUint32(100, HEADER_LENGTH);
  // Header extensions: just the end marker (type 0, length 0), already zero at offset 104.

  for (let b = 0; b < refcountBlocks; b++) {
    view.setBigUint64(at(refcountTableCluster) + b * 8, BigInt(at(firstRefcountBlock + b)));
  }
  for (let c = 0; c < totalClusters; c++) {
    const block = Math.floor(c / refcountsPerBlock);
    view.setUint16(at(firstRefcountBlock + block) + (c % refcountsPerBlock) * 2, 1);
  }

  const l2ClusterOf = new Map<number, number>();
  l2Tables.forEach((l1Index, i) => {
    l2ClusterOf.set(l1Index, firstL2Cluster + i);
    view.setBigUint64(at(l1Cluster) + l1Index * 8, BigInt(at(firstL2Cluster + i)) | QCOW_OFLAG_COPIED);
  });
  dataClusters.forEach((g, i) => {
    const l2Cluster = l2ClusterOf.get(Math.floor(g / l2EntriesPerTable))!;
    const hostCluster = firstDataCluster + i;
    view.setBigUint64(at(l2Cluster) + (g % l2EntriesPerTable) * 8, BigInt(at(hostCluster)) | QCOW_OFLAG_COPIED);
    image.set(raw.subarray(g * clusterSize, (g + 1) * clusterSize), at(hostCluster));
  });
  return image;
}
