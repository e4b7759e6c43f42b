import type { InspectLimits } from './types';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const defaultLimits: InspectLimits = {
  // Four times the largest real descriptor seen (~4 MB); the 467 real fixtures have at most 1 353 elements.
  // Peak memory of a parse is about 4 bytes per descriptor byte plus ~700 bytes per element (see
  // __tests__/ovf-peak-rss.test.ts), so these two bound it.
  maxDescriptorBytes: 16 * MiB,
  maxSmallFileBytes: 4 * MiB,
  maxXmlElements: 50_000,
  maxMembers: 10_000,
  // A sparse raw disk in a .box legitimately compresses ~100:1; a zero bomb is ~1000:1.
  maxDecompressionRatio: 200,
  decompressionGraceBytes: 64 * MiB,
  maxDecompressedBytes: 256 * GiB,
  // Off by default: on 2 shared cores a hashing worker helped only with large chunks and idle cores
  // (≈2.4 s vs 3.2 s per GiB) and was slower under contention or with 64 KiB chunks.
  parallelHashMinBytes: Number.MAX_SAFE_INTEGER,
};

export function resolveLimits(overrides: Partial<InspectLimits> | undefined): InspectLimits {
  const limits = { ...defaultLimits };
  if (!overrides) return limits;
  for (const key of Object.keys(defaultLimits) as (keyof InspectLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return limits;
}
