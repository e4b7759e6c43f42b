import { sha1Hex, sha256Hex, utf8 } from './bytes';
import { makeTar, type TarOptions } from './tar';

export type ManifestAlgorithm = 'SHA256' | 'SHA1' | 'none';

export interface OvaOptions extends TarOptions {
  /** The OVF envelope text. */
  ovf: string;
  /** Its member name, ending in .ovf. */
  ovfName: string;
  disks: { name: string; bytes: Uint8Array }[];
  /** Manifest digest; 'none' leaves the .mf out. Default SHA256. */
  manifest?: ManifestAlgorithm;
}

/** `SHA256(name)= hex` lines, as ovftool writes them (sha256sum -c reads them too). */
export function makeManifest(files: { name: string; bytes: Uint8Array }[], algorithm: 'SHA256' | 'SHA1'): string {
  const digest = algorithm === 'SHA256' ? sha256Hex : sha1Hex;
  return files.map((file) => `${algorithm}(${file.name})= ${digest(file.bytes)}\n`).join('');
}

/**
 * An OVA: a USTAR tar holding the .ovf first (readers rely on that), then the .mf manifest, then
 * the disks in the order given.
 */
export function makeOva({ ovf, ovfName, disks, manifest = 'SHA256', mtime }: OvaOptions): Uint8Array {
  if (!/\.ovf$/i.test(ovfName)) throw new RangeError(`OVA descriptor name must end in .ovf: ${JSON.stringify(ovfName)}`);
  if (disks.length === 0) throw new RangeError('an OVA needs at least one disk');
  if (!['SHA256', 'SHA1', 'none'].includes(manifest)) throw new RangeError(`unknown manifest algorithm ${String(manifest)}`);
  const descriptor = { name: ovfName, bytes: utf8(ovf) };
  const members = [descriptor];
  if (manifest !== 'none') {
    members.push({ name: ovfName.replace(/\.ovf$/i, '.mf'), bytes: utf8(makeManifest([descriptor, ...disks], manifest)) });
  }
  members.push(...disks);
  return makeTar(members, { mtime });
}
