import { describe, expect, it } from 'vitest';
import { describeNonImage, detectImageType, smuggledContentProblem } from '@/lib/core/screenshots/sniff-image';
import { HTML, SVG, XMP, gif, jpeg, jpegWithSegment, png, pngWithText, webp } from '@/lib/server/screenshots/__tests__/image-fixtures';

describe('what an image is, by its bytes', () => {
  it('recognises real PNG, JPEG and WebP files, with nothing smuggled in them', async () => {
    for (const [make, type] of [[png, 'png'], [jpeg, 'jpeg'], [webp, 'webp']] as const) {
      const bytes = await make();
      expect(detectImageType(bytes)).toBe(type);
      expect(smuggledContentProblem(bytes, type)).toBeNull();
    }
  });

  it('does not take an SVG, an HTML page or a GIF for an accepted image, and says what they look like', async () => {
    expect(detectImageType(SVG)).toBeNull();
    expect(describeNonImage(SVG)).toBe('an SVG drawing');
    expect(detectImageType(HTML)).toBeNull();
    expect(describeNonImage(HTML)).toBe('an HTML page');
    expect(describeNonImage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('  <svg/>')]))).toBe('an SVG drawing');
    const g = await gif();
    expect(detectImageType(g)).toBeNull();
    expect(describeNonImage(g)).toBe('a GIF image');
  });

  it('finds pages glued after the end of an image (polyglots)', async () => {
    expect(smuggledContentProblem(Buffer.concat([await png(), HTML]), 'png')).toMatch(/extra data after its end/);
    expect(smuggledContentProblem(Buffer.concat([await jpeg(), HTML]), 'jpeg')).toMatch(/extra data after its end/);
    expect(smuggledContentProblem(Buffer.concat([await webp(), HTML]), 'webp')).toMatch(/extra data after its end/);
  });

  it('finds markup hidden in metadata: a PNG text chunk, a JPEG comment', async () => {
    expect(smuggledContentProblem(pngWithText(await png(), '<script>alert(1)</script>'), 'png')).toMatch(/tEXt chunk contains web page markup/);
    expect(smuggledContentProblem(jpegWithSegment(await jpeg(), 0xfe, Buffer.from('<html><body onload=x>')), 'jpeg')).toMatch(/metadata segment contains web page markup/);
    expect(smuggledContentProblem(jpegWithSegment(await jpeg(), 0xfe, Buffer.from('<svg onload=alert(1)>')), 'jpeg')).toMatch(/markup/);
  });

  it('keeps ordinary metadata: XMP packets and harmless comments are fine', async () => {
    expect(smuggledContentProblem(jpegWithSegment(await jpeg(), 0xe1, XMP), 'jpeg')).toBeNull();
    expect(smuggledContentProblem(pngWithText(await png(), 'Made with a screenshot tool, 1 < 2'), 'png')).toBeNull();
  });

  it('refuses cut-off files', async () => {
    const p = await png();
    expect(smuggledContentProblem(p.subarray(0, p.length - 20), 'png')).toMatch(/cut short|no end/);
    const j = await jpeg();
    expect(smuggledContentProblem(j.subarray(0, j.length - 2), 'jpeg')).toMatch(/no end|cut short/);
    const w = await webp();
    expect(smuggledContentProblem(w.subarray(0, w.length - 10), 'webp')).toMatch(/cut short/);
  });
});
