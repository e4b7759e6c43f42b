import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PARTS, MIN_PART_BYTES, MiB, partCountFor, partLength, partSizeFor } from '@/lib/core/uploads/part-size';

describe('part sizes', () => {
  it('uses 8 MiB parts for small files, about 64 parts up to 64 MiB each, then what 10,000 parts need', () => {
    expect(partSizeFor(1)).toBe(8 * MiB);
    expect(partSizeFor(30 * MiB)).toBe(8 * MiB);
    expect(partSizeFor(512 * MiB)).toBe(8 * MiB);
    expect(partSizeFor(1024 * MiB)).toBe(16 * MiB);
    expect(partSizeFor(2 * 1024 * MiB)).toBe(32 * MiB);
    expect(partSizeFor(50 * 1024 ** 3)).toBe(64 * MiB);
    expect(partSizeFor(1024 ** 4)).toBe(105 * MiB);
  });

  it('always fits S3: at most 10,000 parts, each but the last at least 5 MiB, lengths adding up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 * 1024 ** 4 }), (size) => {
        const partSize = partSizeFor(size);
        const count = partCountFor(size, partSize);
        expect(count).toBeLessThanOrEqual(MAX_PARTS);
        expect(partSize).toBeGreaterThanOrEqual(MIN_PART_BYTES);
        expect(partSize % MiB).toBe(0);
        expect((count - 1) * partSize + partLength(size, count, partSize)).toBe(size);
        expect(partLength(size, count, partSize)).toBeGreaterThan(0);
        expect(partLength(size, count + 1, partSize)).toBe(0);
      }),
    );
  });
});
