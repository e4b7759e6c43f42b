import 'server-only';
import sharp from 'sharp';
import { AppError } from '@/lib/core/errors';
import { formatBytes } from '@/lib/core/format';
import { describeNonImage, detectImageType, smuggledContentProblem, type ImageType } from '@/lib/core/screenshots/sniff-image';

export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_SIDE = 10_000;
const MIN_SIDE = 64;

export interface CheckedImage {
  type: ImageType;
  width: number;
  height: number;
}

/**
 * Accepts only a single still PNG, JPEG or WebP, decided by its bytes and confirmed by decoding its
 * header with sharp; anything with extra payload is refused. What is stored later is sharp's
 * re-encoding, never these bytes.
 */
export async function checkImage(bytes: Uint8Array, maxBytes = SCREENSHOT_MAX_BYTES): Promise<CheckedImage> {
  if (bytes.length === 0) throw new AppError('INVALID', 'The file is empty.');
  if (bytes.length > maxBytes) throw new AppError('TOO_LARGE', `Images may be at most ${formatBytes(maxBytes)}; this one has ${formatBytes(bytes.length)}.`);
  const type = detectImageType(bytes);
  if (!type) throw new AppError('UNSUPPORTED', `Only PNG, JPEG and WebP images are accepted; this file is ${describeNonImage(bytes)}.`);
  const smuggled = smuggledContentProblem(bytes, type);
  if (smuggled) throw new AppError('UNSUPPORTED', `${smuggled} Export it again as a plain image.`);
  const meta = await sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' })
    .metadata()
    .catch(() => null);
  if (!meta) throw new AppError('UNSUPPORTED', 'The image could not be read; it may be damaged.');
  if (meta.format !== type) throw new AppError('UNSUPPORTED', 'The image does not decode as the type its header announces.');
  if ((meta.pages ?? 1) > 1) throw new AppError('UNSUPPORTED', 'Animated images are not accepted; use a still image.');
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width < MIN_SIDE || height < MIN_SIDE) throw new AppError('INVALID', `Images must be at least ${MIN_SIDE}×${MIN_SIDE} pixels.`);
  if (width > MAX_SIDE || height > MAX_SIDE) throw new AppError('INVALID', `Images may be at most ${MAX_SIDE} pixels wide and high.`);
  return { type, width, height };
}

/** The stored picture: re-encoded (metadata stripped, EXIF orientation applied), at most 2560×1600. */
export async function encodeFull(bytes: Uint8Array, type: ImageType) {
  const pipeline = sharp(bytes, { limitInputPixels: 50_000_000 }).rotate().resize({ width: 2560, height: 1600, fit: 'inside', withoutEnlargement: true });
  const out =
    type === 'png'
      ? pipeline.png({ compressionLevel: 8, adaptiveFiltering: true })
      : type === 'jpeg'
        ? pipeline.jpeg({ quality: 86, mozjpeg: true })
        : pipeline.webp({ quality: 86 });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A 640×400 WebP thumbnail cropped to the middle, so a grid of screenshots lines up. */
export async function encodeThumb(bytes: Uint8Array, size = { width: 640, height: 400 }) {
  return sharp(bytes, { limitInputPixels: 50_000_000 }).rotate().resize({ ...size, fit: 'cover', position: 'attention' }).webp({ quality: 80 }).toBuffer();
}
