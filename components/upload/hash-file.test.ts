import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256OfBlob } from '@/components/upload/hash-file';
import { listPartsXml, s3ErrorMessage } from '@/components/upload/upload-api';

describe('the browser-side SHA-256', () => {
  it('matches a one-shot digest whatever the slice size, and reports progress', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const seen: number[] = [];
    expect(await sha256OfBlob(new Blob([bytes]), { sliceBytes: 1024 * 1024, onProgress: (n) => seen.push(n) })).toBe(expected);
    expect(seen).toEqual([1, 2, 3].map((i) => i * 1024 * 1024).concat(bytes.length));
    expect(await sha256OfBlob(new Blob([bytes]), { sliceBytes: 4093 })).toBe(expected);
    expect(await sha256OfBlob(new Blob([]))).toBe(createHash('sha256').digest('hex'));
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(sha256OfBlob(new Blob([randomBytes(10)]), { signal: abort.signal })).rejects.toThrow();
  });
});

describe('the S3 documents the page hands to Uppy', () => {
  it('lists parts without quotes around ETags, escaped', () => {
    expect(listPartsXml([{ PartNumber: 1, ETag: '"abc"', Size: 5 }])).toContain('<Part><PartNumber>1</PartNumber><ETag>abc</ETag><Size>5</Size></Part>');
  });
  it('reads the message of an error document', () => {
    expect(s3ErrorMessage('<Error><Code>INVALID</Code><Message>a &lt; b</Message></Error>')).toBe('a < b');
    expect(s3ErrorMessage(undefined)).toBeNull();
  });
});
