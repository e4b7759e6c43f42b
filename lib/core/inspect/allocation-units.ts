// DSP0004 programmatic units ("byte * 2^20", "hertz * 10^6") plus the legacy words VMware and VirtualBox wrote
// ("MegaBytes", "KB"). Legacy byte multiples are binary: that is how every tool that wrote them meant them.

const LEGACY_BYTES: Record<string, number> = {
  byte: 1,
  bytes: 1,
  b: 1,
  kb: 2 ** 10,
  kib: 2 ** 10,
  kilobyte: 2 ** 10,
  kilobytes: 2 ** 10,
  mb: 2 ** 20,
  mib: 2 ** 20,
  megabyte: 2 ** 20,
  megabytes: 2 ** 20,
  gb: 2 ** 30,
  gib: 2 ** 30,
  gigabyte: 2 ** 30,
  gigabytes: 2 ** 30,
  tb: 2 ** 40,
  tib: 2 ** 40,
  terabyte: 2 ** 40,
  terabytes: 2 ** 40,
};

export interface ParsedUnits {
  base: string;
  multiplier: number;
}

/** Returns the base unit and the factor, or null when the string is not understood. */
export function parseAllocationUnits(raw: string | undefined): ParsedUnits | null {
  if (raw === undefined) return null;
  const text = raw.trim().toLowerCase();
  if (!text) return null;
  const legacy = LEGACY_BYTES[text.replace(/\s+/g, '')];
  if (legacy !== undefined) return { base: 'byte', multiplier: legacy };
  const factors = text.split('*').map((f) => f.trim());
  const base = factors.shift();
  if (!base || !/^[a-z]+$/.test(base)) return null;
  let multiplier = 1;
  for (const factor of factors) {
    const power = /^(\d+)\s*\^\s*(-?\d+)$/.exec(factor);
    if (power) {
      multiplier *= Number(power[1]) ** Number(power[2]);
    } else if (/^\d+$/.test(factor)) {
      multiplier *= Number(factor);
    } else {
      return null;
    }
  }
  if (!Number.isFinite(multiplier) || multiplier <= 0) return null;
  return { base: base === 'bytes' ? 'byte' : base, multiplier };
}

/** Quantity × units in bytes, or undefined when the units are not a byte unit. */
export function toBytes(quantity: number, units: string | undefined, defaultUnits: string): number | undefined {
  const parsed = parseAllocationUnits(units ?? defaultUnits);
  if (!parsed || parsed.base !== 'byte') return undefined;
  const bytes = quantity * parsed.multiplier;
  return Number.isFinite(bytes) ? bytes : undefined;
}
