// What an uploaded image really is, by its bytes, and whether it carries anything besides the
// picture. File names and browser-sent types are never trusted: an SVG renamed .png, an HTML page
// renamed .jpg and an image with a page glued to it (a polyglot) must all be refused. Pure.

export type ImageType = 'png' | 'jpeg' | 'webp';

export const IMAGE_CONTENT_TYPES: Record<ImageType, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < Math.min(end, bytes.length); i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** PNG, JPEG or WebP by magic bytes; null for anything else. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return null;
}

/** A human name for what a refused file looks like, for the error message. */
export function describeNonImage(bytes: Uint8Array): string {
  const head = ascii(bytes, 0, 512).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.includes('<svg')) return 'an SVG drawing';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:script|body|head|iframe)[\s>]/.test(head)) return 'an HTML page';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'an XML or HTML document';
  if (head.startsWith('gif8')) return 'a GIF image';
  if (head.startsWith('%pdf')) return 'a PDF document';
  if (bytes.length === 0) return 'an empty file';
  return 'not an image we accept';
}

// Tags a browser would act on if these bytes were ever read as a page. Searched only outside the
// compressed picture data, where such text has no business being.
const MARKUP = /<\s*(?:script|html|svg|iframe|frame|frameset|body|object|embed|!doctype|form|meta|link|style|img|a|base|math)[\s>/]|javascript:/i;

function markupIn(bytes: Uint8Array, start: number, end: number): boolean {
  return MARKUP.test(ascii(bytes, start, end));
}

const readU32BE = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const readU32LE = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function pngProblem(b: Uint8Array): string | null {
  let i = 8;
  while (i + 12 <= b.length) {
    const length = readU32BE(b, i);
    const type = ascii(b, i + 4, i + 8);
    const dataEnd = i + 8 + length;
    if (dataEnd + 4 > b.length) return 'The PNG is cut short.';
    if (type !== 'IDAT' && markupIn(b, i + 8, dataEnd)) return `The PNG's ${type} chunk contains web page markup.`;
    i = dataEnd + 4;
    if (type === 'IEND') return i < b.length ? 'The PNG has extra data after its end.' : null;
  }
  return 'The PNG has no end (IEND) chunk.';
}

function jpegProblem(b: Uint8Array): string | null {
  let i = 2;
  const segment = () => {
    if (i + 4 > b.length) return -1;
    const length = (b[i + 2] << 8) | b[i + 3];
    if (length < 2 || i + 2 + length > b.length) return -1;
    return length;
  };
  while (i + 2 <= b.length) {
    if (b[i] !== 0xff) return 'The JPEG structure is damaged.';
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) {
      const rest = b.subarray(i + 2);
      return rest.some((x) => x !== 0) ? 'The JPEG has extra data after its end (e.g. a motion photo or an appended file).' : null;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = segment();
    if (length < 0) return 'The JPEG is cut short.';
    if (markupIn(b, i + 4, i + 2 + length)) return 'A JPEG metadata segment contains web page markup.';
    i += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded data: FF is followed by 00 (a stuffed byte) or a restart marker, until the next marker.
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7))) i++;
    }
  }
  return 'The JPEG has no end marker.';
}

function webpProblem(b: Uint8Array): string | null {
  const riffEnd = 8 + readU32LE(b, 4);
  if (riffEnd > b.length) return 'The WebP is cut short.';
  if (b.subarray(riffEnd).some((x) => x !== 0)) return 'The WebP has extra data after its end.';
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = ascii(b, i, i + 4);
    const size = readU32LE(b, i + 4);
    const end = i + 8 + size;
    if (end > riffEnd) return 'The WebP is cut short.';
    if (!['VP8 ', 'VP8L', 'ALPH', 'ANMF'].includes(type) && markupIn(b, i + 8, end)) return `The WebP's ${type.trim()} chunk contains web page markup.`;
    i = end + (size & 1);
  }
  return null;
}

/** Why an image of this type carries something besides the picture (a polyglot), or null. */
export function smuggledContentProblem(bytes: Uint8Array, type: ImageType): string | null {
  if (type === 'png') return pngProblem(bytes);
  if (type === 'jpeg') return jpegProblem(bytes);
  return webpProblem(bytes);
}
