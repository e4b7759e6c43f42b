import { InspectError } from './errors';
import type { Qcow2Info } from './types';

export const QCOW2_MAGIC = [0x51, 0x46, 0x49, 0xfb]; // "QFI\xfb"

const INCOMPATIBLE_EXTERNAL_DATA = 1n << 2n;
const EXTENSION_DATA_FILE = 0x44415441; // "DATA": the external data file's name

/** The external data file name from the header extensions, when the head holds it. */
function externalDataFileName(head: Uint8Array, view: DataView, version: number): string | undefined {
  let at = version === 3 && head.byteLength >= 104 ? view.getUint32(100) : 72;
  for (let i = 0; i < 64 && at + 8 <= head.byteLength; i++) {
    const type = view.getUint32(at);
    const length = view.getUint32(at + 4);
    if (type === 0) return undefined;
    if (type === EXTENSION_DATA_FILE) {
      return length <= 1023 && at + 8 + length <= head.byteLength ? new TextDecoder().decode(head.subarray(at + 8, at + 8 + length)) : undefined;
    }
    at += 8 + Math.ceil(length / 8) * 8;
  }
  return undefined;
}

/**
 * Reads a qcow2 header (first cluster is enough). A backing file or an external data file makes the image
 * depend on a file the uploader does not ship, and encryption makes it unusable without a secret: all refused.
 */
export function parseQcow2Header(head: Uint8Array, label: string): Qcow2Info {
  if (head.byteLength < 72) throw new InspectError('QCOW2_INVALID', `${label} ends inside its qcow2 header.`);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const version = view.getUint32(4);
  if (version !== 2 && version !== 3) {
    throw new InspectError('QCOW2_INVALID', `${label} is qcow2 version ${version}; only versions 2 and 3 exist.`);
  }
  const backingOffset = view.getBigUint64(8);
  const backingSize = view.getUint32(16);
  const clusterBits = view.getUint32(20);
  const virtualSizeBytes = Number(view.getBigUint64(24));
  const cryptMethod = view.getUint32(32);
  if (clusterBits < 9 || clusterBits > 21) {
    throw new InspectError('QCOW2_INVALID', `${label} has an impossible qcow2 cluster size (2^${clusterBits} bytes).`);
  }
  if (backingOffset !== 0n) {
    const start = Number(backingOffset);
    const name =
      backingSize > 0 && backingSize <= 1023 && start + backingSize <= head.byteLength
        ? new TextDecoder().decode(head.subarray(start, start + backingSize))
        : undefined;
    throw new InspectError(
      'QCOW2_BACKING_FILE',
      `${label} is a qcow2 overlay on the backing file ${name ? `"${name}"` : '(name unreadable)'}; upload a standalone image (qemu-img convert -O qcow2).`,
    );
  }
  if (cryptMethod !== 0) {
    const kind = cryptMethod === 1 ? 'AES' : cryptMethod === 2 ? 'LUKS' : `method ${cryptMethod}`;
    throw new InspectError('QCOW2_ENCRYPTED', `${label} is an encrypted qcow2 image (${kind}); nobody could start it without the secret.`);
  }
  if (version === 3 && head.byteLength >= 80 && (view.getBigUint64(72) & INCOMPATIBLE_EXTERNAL_DATA) !== 0n) {
    const name = externalDataFileName(head, view, version);
    throw new InspectError(
      'QCOW2_EXTERNAL_DATA',
      `${label} keeps its data in the external file ${name ? `"${name}"` : '(name unreadable)'} (qcow2 data_file), which is not part of the image; upload a self-contained image (qemu-img convert -O qcow2).`,
    );
  }
  return { version, virtualSizeBytes, clusterBits };
}
