import { hasIsoSignature } from './iso';
import { QCOW2_MAGIC } from './qcow2';
import { hasGptHeader, hasMbrSignature } from './raw-disk';
import type { FileFormat } from './types';
import { VMDK_DESCRIPTOR_SIGNATURE, VMDK_SPARSE_MAGIC } from './vmdk';

export type ContainerKind = 'tar' | 'gzip' | 'zip';

export interface Sniffed {
  format: FileFormat | null;
  /** Set when the bytes are an archive that still has to be walked to know what it holds. */
  container?: ContainerKind;
  /** First member name of a tar or zip, when the head shows it. */
  firstMember?: string;
}

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.byteLength < at + bytes.length) return false;
  return bytes.every((b, i) => head[at + i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return new TextDecoder('latin1').decode(head.subarray(from, Math.min(to, head.byteLength)));
}

function tarFirstName(head: Uint8Array): string | undefined {
  if (head.byteLength < 512 || ascii(head, 257, 262) !== 'ustar') return undefined;
  const name = ascii(head, 0, 100).replace(/\0.*$/s, '');
  const prefix = ascii(head, 345, 500).replace(/\0.*$/s, '');
  const type = String.fromCharCode(head[156]);
  // pax ('x') and GNU long-name ('L') headers precede the real member; its name sits in their data.
  if (type === 'x' || type === 'L') return undefined;
  return prefix ? `${prefix}/${name}` : name;
}

function zipNames(head: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  while (at + 30 <= head.byteLength && view.getUint32(at, true) === 0x04034b50 && names.length < 16) {
    const flags = view.getUint16(at + 6, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    names.push(ascii(head, at + 30, at + 30 + nameLength));
    if (flags & 0x8 || compressed === 0xffffffff) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

const isOvfName = (name: string | undefined) => Boolean(name && /\.ovf$/i.test(name));
const isBoxName = (name: string) => /(^|\/)(metadata\.json|Vagrantfile)$/.test(name);

/** What the first 64 KiB say, with the container detail the inspector needs to pick a reader. */
export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, QCOW2_MAGIC)) return { format: 'QCOW2' };
  if (startsWith(head, VMDK_SPARSE_MAGIC)) return { format: 'VMDK' };
  if (ascii(head, 0, VMDK_DESCRIPTOR_SIGNATURE.length) === VMDK_DESCRIPTOR_SIGNATURE) return { format: 'VMDK' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipNames(head);
    const format = names.some(isBoxName) ? 'VAGRANT_BOX' : 'OVF';
    return { format, container: 'zip', firstMember: names[0] };
  }
  // gzip is accepted only as a compressed Vagrant box; the tar inside decides.
  if (startsWith(head, [0x1f, 0x8b])) return { format: 'VAGRANT_BOX', container: 'gzip' };
  if (head.byteLength >= 512 && ascii(head, 257, 262) === 'ustar') {
    const firstMember = tarFirstName(head);
    const ovfFirst = isOvfName(firstMember?.replace(/^\.\//, ''));
    return { format: ovfFirst ? 'OVA' : 'VAGRANT_BOX', container: 'tar', firstMember };
  }
  if (hasIsoSignature(head)) return { format: 'ISO' };
  if (hasGptHeader(head) || hasMbrSignature(head)) return { format: 'RAW' };
  return { format: null };
}

/**
 * The format from the first 64 KiB (at least 0x8006 bytes for ISO). A tar whose first member is not an
 * .ovf, and any gzip, are reported as VAGRANT_BOX: the inspector then requires their metadata.json.
 */
export function detectFormat(head: Uint8Array): FileFormat | null {
  return sniff(head).format;
}
