import { InsideError } from '@/lib/core/inside/errors';

export type Compression = 'deflate-raw' | 'deflate' | 'zstd';

type NodeZlib = typeof import('node:zlib');

/** Node's zlib when running in Node (synchronous, fast); undefined in the browser. */
function nodeZlib(): NodeZlib | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:zlib') as NodeZlib | undefined;
}

/**
 * Decompresses one cluster or grain. Output is capped at `maxOutput` bytes, so a compression bomb
 * costs at most that much memory; a shorter result is padded with zeros by the caller's contract.
 */
export async function decompress(data: Uint8Array, kind: Compression, maxOutput: number, what: string): Promise<Uint8Array> {
  const zlib = nodeZlib();
  if (zlib) {
    try {
      const opts = { maxOutputLength: maxOutput, finishFlush: zlib.constants.Z_SYNC_FLUSH };
      if (kind === 'zstd') return await zstdFirstFrame(zlib, data, maxOutput, what);
      const out =
        kind === 'deflate'
            ? zlib.inflateSync(data, opts)
            : zlib.inflateRawSync(data, opts);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (e) {
      if (e instanceof InsideError) throw e;
      throw new InsideError('disk-invalid', `${what}: the compressed data is damaged (${(e as { code?: string }).code ?? 'error'})`);
    }
  }
  if (kind === 'zstd') throw new InsideError('disk-invalid', `${what}: zstd-compressed clusters cannot be read in the browser`);
  return decompressWithStream(data, kind, maxOutput, what);
}

async function decompressWithStream(data: Uint8Array, kind: 'deflate-raw' | 'deflate', maxOutput: number, what: string): Promise<Uint8Array> {
  const out = new Uint8Array(maxOutput);
  let done = 0;
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(kind));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      const n = Math.min(value.length, maxOutput - done);
      out.set(value.subarray(0, n), done);
      done += n;
      if (done >= maxOutput) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    // qemu pads compressed clusters to a sector: trailing garbage after a complete stream is normal.
    if (done === 0) throw new InsideError('disk-invalid', `${what}: the compressed data is damaged`);
  }
  return out.subarray(0, done);
}

/**
 * qemu stores a zstd cluster as one frame followed by whatever comes next in the file; decode the
 * first frame's output (up to `maxOutput`) and ignore what follows it.
 */
function zstdFirstFrame(zlib: NodeZlib, data: Uint8Array, maxOutput: number, what: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const out = new Uint8Array(maxOutput);
    let done = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      if (done === 0 && error) reject(new InsideError('disk-invalid', `${what}: the zstd data is damaged`));
      else resolve(out.subarray(0, done));
    };
    const stream = zlib.createZstdDecompress();
    stream.on('data', (chunk: Buffer) => {
      const n = Math.min(chunk.length, maxOutput - done);
      out.set(chunk.subarray(0, n), done);
      done += n;
      if (done >= maxOutput) finish();
    });
    stream.on('error', (e) => finish(e));
    stream.on('end', () => finish());
    stream.end(data);
  });
}
