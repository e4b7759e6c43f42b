import { createGunzip } from 'node:zlib';
import { InspectError, SourceError } from './errors';
import { drainedOrClosed } from './stream-util';
import type { InspectLimits } from './types';

type BombLimits = Pick<InspectLimits, 'maxDecompressionRatio' | 'decompressionGraceBytes' | 'maxDecompressedBytes'>;

/** Guards any decompressed stream: an absolute cap, and a ratio cap once past a grace size. */
export class InflationGuard {
  private compressed = 0;
  private inflated = 0;

  constructor(
    private readonly limits: BombLimits,
    private readonly what: string,
  ) {}

  addCompressed(n: number): void {
    this.compressed += n;
  }

  addInflated(n: number): void {
    this.inflated += n;
    if (this.inflated > this.limits.maxDecompressedBytes) {
      throw new InspectError('GZIP_BOMB', `${this.what} expands to more than ${this.limits.maxDecompressedBytes} bytes; refused as a decompression bomb.`);
    }
    if (this.inflated > this.limits.decompressionGraceBytes && this.inflated / Math.max(1, this.compressed) > this.limits.maxDecompressionRatio) {
      throw new InspectError(
        'GZIP_BOMB',
        `${this.what} expands more than ${this.limits.maxDecompressionRatio}:1 (${this.compressed} bytes became over ${this.inflated}); refused as a decompression bomb.`,
      );
    }
  }
}

/** Streaming gunzip with the bomb guard; memory stays at zlib's window plus one chunk. */
export async function* gunzip(input: AsyncIterable<Uint8Array>, limits: BombLimits, what: string): AsyncGenerator<Uint8Array> {
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  const guard = new InflationGuard(limits, what);
  let failure: unknown;
  const pump = (async () => {
    try {
      for await (const chunk of input) {
        if (gz.destroyed) return;
        guard.addCompressed(chunk.byteLength);
        if (!gz.write(chunk)) await drainedOrClosed(gz);
      }
      if (!gz.destroyed) gz.end();
    } catch (err) {
      if (!gz.destroyed) {
        failure = err;
        gz.destroy(err instanceof Error ? err : new Error(String(err)));
      }
    }
  })();
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      guard.addInflated(chunk.byteLength);
      yield chunk;
    }
  } catch (err) {
    const cause = failure ?? err;
    if (cause instanceof InspectError || cause instanceof SourceError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/unexpected end/i.test(message)) throw new InspectError('TRUNCATED', `${what} ends in the middle of its gzip data: the upload is truncated.`);
    throw new InspectError('GZIP_INVALID', `${what} is not valid gzip data (${message}).`);
  } finally {
    if (!gz.destroyed) gz.destroy();
    await pump;
  }
}
