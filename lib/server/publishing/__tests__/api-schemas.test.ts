import { describe, expect, it } from 'vitest';
import { completeUploadRequestSchema, createListingRequestSchema, createVersionRequestSchema, moderationRequestSchema, updateListingRequestSchema } from '@/lib/core/publishing/api-schemas';

describe('publishing request schemas', () => {
  it('normalises listings: slug case, tag duplicates, blanks to null', () => {
    const parsed = createListingRequestSchema.parse({ slug: ' My-App ', name: ' My App ', tags: ['Web', 'web', 'nginx'], license: '', homepage: ' ' });
    expect(parsed).toMatchObject({ slug: 'my-app', name: 'My App', tags: ['web', 'nginx'], license: null, homepage: null });
  });

  it('refuses unsafe or malformed listing fields', () => {
    for (const bad of [{ slug: '-x' }, { slug: 'a--b' }, { slug: 'a/b' }, { homepage: 'javascript:alert(1)' }, { homepage: 'ftp://x' }, { tags: ['<b>'] }, { license: 'MIT OR' }, { tags: Array(11).fill('t').map((t, i) => t + i) }]) {
      expect(updateListingRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('accepts version strings people write and refuses the rest', () => {
    for (const v of ['1.0', 'v2.1.3', '2.0-rc.1', '2024.06.01', '1.0+build.5']) expect(createVersionRequestSchema.safeParse({ version: v }).success).toBe(true);
    for (const v of ['', '-1', '1.0 beta', '../1', 'x'.repeat(65)]) expect(createVersionRequestSchema.safeParse({ version: v }).success).toBe(false);
  });

  it('wants a 64-digit SHA-256 and at least one part to complete', () => {
    expect(completeUploadRequestSchema.parse({ parts: [{ PartNumber: 1, ETag: 'a' }], sha256: 'AB'.repeat(32) }).sha256).toBe('ab'.repeat(32));
    expect(completeUploadRequestSchema.safeParse({ parts: [], sha256: 'ab'.repeat(32) }).success).toBe(false);
    expect(completeUploadRequestSchema.safeParse({ parts: [{ PartNumber: 1, ETag: 'a' }], sha256: 'xyz' }).success).toBe(false);
    expect(completeUploadRequestSchema.safeParse({ parts: [{ PartNumber: 0, ETag: 'a' }], sha256: 'ab'.repeat(32) }).success).toBe(false);
  });

  it('needs a reason to reject, not to approve', () => {
    expect(moderationRequestSchema.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(moderationRequestSchema.safeParse({ decision: 'reject' }).success).toBe(false);
    expect(moderationRequestSchema.safeParse({ decision: 'reject', reason: '  ' }).success).toBe(false);
    expect(moderationRequestSchema.safeParse({ decision: 'reject', reason: 'Needs screenshots' }).success).toBe(true);
    expect(moderationRequestSchema.safeParse({ decision: 'publish' }).success).toBe(false);
  });
});
