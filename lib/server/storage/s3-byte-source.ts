import 'server-only';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { ByteSource } from '@/lib/core/inside/types';
import { storage } from '@/lib/server/storage/s3';

/** One read never asks the object store for more than this (the disk reader reads blocks, not files). */
export const MAX_RANGE_BYTES = 64 * 1024 * 1024;

/**
 * An S3 object as random-access bytes: each read is one Range GET through the app's S3 client.
 * The size comes from the file row (checked against the object by the inspection); reads past the
 * end return fewer bytes, as ByteSource promises. Counts what it fetched, for the report and logs.
 */
export function s3ByteSource(objectKey: string, size: number, name: string): ByteSource & { fetched(): number } {
  let fetched = 0;
  return {
    size,
    name,
    fetched: () => fetched,
    async read(offset: number, length: number): Promise<Uint8Array> {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
        throw new RangeError(`Invalid read of ${length} bytes at ${offset} from ${name}.`);
      }
      if (length > MAX_RANGE_BYTES) throw new RangeError(`A read of ${length} bytes from ${name} is larger than ${MAX_RANGE_BYTES}.`);
      const end = Math.min(size, offset + length);
      if (end <= offset) return new Uint8Array(0);
      const { internal, bucket } = storage();
      const out = await internal.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey, Range: `bytes=${offset}-${end - 1}` }));
      if (!out.Body) throw new Error(`The object store returned no body for ${name}.`);
      const bytes = await out.Body.transformToByteArray();
      // A server that ignores Range would send the whole object: never hand that on.
      if (bytes.length > end - offset) throw new Error(`The object store sent ${bytes.length} bytes for a range of ${end - offset}.`);
      fetched += bytes.length;
      return bytes;
    },
  };
}
