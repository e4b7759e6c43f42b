import type { IsoInfo } from './types';

export const ISO_PVD_OFFSET = 0x8000;

export function hasIsoSignature(head: Uint8Array): boolean {
  return head.byteLength >= ISO_PVD_OFFSET + 6 && new TextDecoder('latin1').decode(head.subarray(ISO_PVD_OFFSET + 1, ISO_PVD_OFFSET + 6)) === 'CD001';
}

/** ISO 9660 primary volume descriptor (ECMA-119 §8.4). */
export function parseIso(head: Uint8Array): IsoInfo {
  const pvd = head.subarray(ISO_PVD_OFFSET, ISO_PVD_OFFSET + 2048);
  const text = (from: number, to: number) => new TextDecoder('latin1').decode(pvd.subarray(from, to)).trim();
  const info: IsoInfo = { volumeId: text(40, 72) };
  const systemId = text(8, 40);
  if (systemId) info.systemId = systemId;
  if (pvd.byteLength >= 130) {
    const view = new DataView(pvd.buffer, pvd.byteOffset, pvd.byteLength);
    const blocks = view.getUint32(80, true);
    const blockSize = view.getUint16(128, true);
    if (blocks && blockSize) info.volumeSizeBytes = blocks * blockSize;
  }
  return info;
}
