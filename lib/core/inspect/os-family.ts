import type { OsFamily } from './types';

// CIM_OperatingSystem.OSType values (DSP0243 / CIM schema) grouped by family.
const WINDOWS_IDS = new Set([5, 15, 16, 17, 18, 19, 58, 63, 67, 69, 70, 71, 72, 73, 74, 75, 76, 77, 103, 105]);
const LINUX_IDS = new Set([36, 79, 80, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 106, 107, 108, 109]);
const BSD_IDS = new Set([41, 42, 43, 65, 78]);
const SOLARIS_IDS = new Set([29, 30, 81]);

function familyFromId(id: number | undefined): OsFamily | undefined {
  if (id === undefined) return undefined;
  if (WINDOWS_IDS.has(id) || (id >= 111 && id <= 130)) return 'windows';
  if (LINUX_IDS.has(id)) return 'linux';
  if (BSD_IDS.has(id)) return 'bsd';
  if (SOLARIS_IDS.has(id)) return 'solaris';
  return undefined;
}

const PATTERNS: [OsFamily, RegExp][] = [
  ['windows', /\bwin|windows/i],
  ['bsd', /bsd|dragonfly/i],
  ['solaris', /solaris|sunos|illumos|openindiana|\bsol1[01]/i],
  [
    'linux',
    /linux|ubuntu|debian|centos|rhel|red\s?hat|fedora|suse|sles|photon|alpine|gentoo|mandr|turbo|asianux|oracle|rocky|alma|amazon|coreos|\bnld|\boes|sjds|mint|arch|kali|slackware/i,
  ],
];

function familyFromText(text: string | undefined): OsFamily | undefined {
  if (!text) return undefined;
  for (const [family, pattern] of PATTERNS) if (pattern.test(text)) return family;
  return undefined;
}

/**
 * The search facet. vmw:osType is the most specific hint when present, then the CIM id, then free text;
 * ids like 1 "Other" or 102 "Other 64-Bit" say nothing, so they fall through to the next hint.
 */
export function deriveOsFamily(id: number | undefined, vmwOsType: string | undefined, description: string | undefined): OsFamily {
  return familyFromText(vmwOsType) ?? familyFromId(id) ?? familyFromText(description) ?? 'other';
}
