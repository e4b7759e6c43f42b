import type { LaunchFileFormat } from './types';

/**
 * The file a person gets when they do not choose one: the format most players run first (an OVA
 * carries the whole machine), then the amd64 build, then the largest of what is left (a full disk
 * rather than a compressed side file). `apx pull` without options fetches it, and the size a
 * search shows (site cards, `apx search`, the API's `downloadSizeBytes`) is its size. Pure.
 */
export const DEFAULT_FORMAT_ORDER: readonly LaunchFileFormat[] = ['OVA', 'QCOW2', 'VMDK', 'RAW', 'OVF', 'ISO', 'VAGRANT_BOX'];

export interface DefaultFileCandidate {
  format: string;
  architecture?: string | null;
  sizeBytes: bigint | number | string;
}

function formatRank(format: string): number {
  const i = DEFAULT_FORMAT_ORDER.indexOf(format.toUpperCase() as LaunchFileFormat);
  return i < 0 ? DEFAULT_FORMAT_ORDER.length : i;
}

/** Orders files as `defaultFileOf` prefers them; `preferArch` (e.g. the host's) wins over the format. */
export function compareDefaultFiles(a: DefaultFileCandidate, b: DefaultFileCandidate, preferArch = 'amd64'): number {
  const arch = (f: DefaultFileCandidate) => ((f.architecture ?? '').toLowerCase() === preferArch.toLowerCase() ? 0 : 1);
  const size = (f: DefaultFileCandidate) => BigInt(f.sizeBytes);
  const bySize = size(b) > size(a) ? 1 : size(b) < size(a) ? -1 : 0;
  return arch(a) - arch(b) || formatRank(a.format) - formatRank(b.format) || bySize;
}

export function defaultFileOf<T extends DefaultFileCandidate>(files: readonly T[], preferArch = 'amd64'): T | null {
  return files.length ? [...files].sort((a, b) => compareDefaultFiles(a, b, preferArch))[0] : null;
}
