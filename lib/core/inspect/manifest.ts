import { HEX_LENGTH, type DigestAlgorithm } from './digests';
import { InspectError } from './errors';

export interface ManifestEntry {
  algorithm: DigestAlgorithm;
  name: string;
  digest: string;
  line: number;
}

// `SHA256(disk1.vmdk)= ab…` (ovftool) and `SHA1 (disk1.vmdk) = ab…` (VirtualBox, openssl dgst) both occur.
const LINE = /^([A-Za-z0-9-]+)\s*\((.+)\)\s*=\s*([0-9A-Fa-f]+)\s*$/;

function toAlgorithm(raw: string): DigestAlgorithm | undefined {
  const key = raw.toUpperCase().replace('-', '');
  return key === 'SHA1' || key === 'SHA256' || key === 'SHA512' ? key : undefined;
}

/** Parses an OVF manifest (.mf). Unknown algorithms and unreadable lines are refused, not skipped: a skipped line is an unchecked file. */
export function parseManifest(text: string, fileName: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = LINE.exec(line);
    const lineNo = index + 1;
    if (!match) {
      throw new InspectError('MANIFEST_INVALID', `line ${lineNo} of the manifest ${fileName} is not of the form "SHA256(file)= hex".`);
    }
    const algorithm = toAlgorithm(match[1]);
    if (!algorithm) {
      throw new InspectError('MANIFEST_INVALID', `line ${lineNo} of the manifest ${fileName} uses ${match[1]}; only SHA1, SHA256 and SHA512 are accepted.`);
    }
    const name = match[2].trim();
    const digest = match[3].toLowerCase();
    if (digest.length !== HEX_LENGTH[algorithm]) {
      throw new InspectError('MANIFEST_INVALID', `the ${algorithm} digest for ${name} in ${fileName} has ${digest.length} hex digits instead of ${HEX_LENGTH[algorithm]}.`);
    }
    if (entries.has(name)) {
      throw new InspectError('MANIFEST_DUPLICATE', `the manifest ${fileName} lists ${name} twice.`);
    }
    entries.set(name, { algorithm, name, digest, line: lineNo });
  });
  if (!entries.size) throw new InspectError('MANIFEST_INVALID', `the manifest ${fileName} lists no file.`);
  return entries;
}
