import { crc32, createInflateRaw, type InflateRaw } from 'node:zlib';
import type { ArchiveEntry } from './archive-entry';
import type { ByteReader } from './byte-reader';
import { InspectError } from './errors';
import { InflationGuard } from './gunzip';
import type { InspectLimits } from './types';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
const ZIP64_EXTRA = 0x0001;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;
const U32_MAX = 0xffffffff;
/** Input per inflate step: bounds what one step can expand to (about 1032× at most for deflate). */
const INFLATE_STEP = 32 * 1024;

interface LocalHeader {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize?: number;
  uncompressedSize?: number;
  zip64: boolean;
}

function truncated(what: string): InspectError {
  return new InspectError('TRUNCATED', `${what} ends in the middle of a member: the upload is truncated.`);
}

async function readExactly(reader: ByteReader, n: number, what: string): Promise<Uint8Array> {
  const bytes = await reader.read(n);
  if (bytes.byteLength < n) throw truncated(what);
  return bytes;
}

function readZip64Sizes(extra: Uint8Array, header: LocalHeader, rawCompressed: number, rawUncompressed: number): void {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      // Fields appear only for the header values that were 0xFFFFFFFF, uncompressed first.
      let field = at + 4;
      header.zip64 = true;
      if (rawUncompressed === U32_MAX && field + 8 <= at + 4 + size) {
        header.uncompressedSize = Number(view.getBigUint64(field, true));
        field += 8;
      }
      if (rawCompressed === U32_MAX && field + 8 <= at + 4 + size) {
        header.compressedSize = Number(view.getBigUint64(field, true));
      }
      return;
    }
    at += 4 + size;
  }
}

async function readLocalHeader(reader: ByteReader, what: string): Promise<LocalHeader> {
  const fixed = await readExactly(reader, 30, what);
  const view = new DataView(fixed.buffer, fixed.byteOffset, fixed.byteLength);
  const flags = view.getUint16(6, true);
  const method = view.getUint16(8, true);
  const crc = view.getUint32(14, true);
  const rawCompressed = view.getUint32(18, true);
  const rawUncompressed = view.getUint32(22, true);
  const nameBytes = await readExactly(reader, view.getUint16(26, true), what);
  const extra = await readExactly(reader, view.getUint16(28, true), what);
  const name = new TextDecoder(flags & FLAG_UTF8 ? 'utf-8' : 'latin1').decode(nameBytes);
  const header: LocalHeader = { name, flags, method, crc, zip64: false };
  const descriptorFollows = (flags & FLAG_DESCRIPTOR) !== 0;
  if (!descriptorFollows || rawCompressed !== 0) {
    header.compressedSize = rawCompressed === U32_MAX ? undefined : rawCompressed;
    header.uncompressedSize = rawUncompressed === U32_MAX ? undefined : rawUncompressed;
  }
  if (rawCompressed === U32_MAX || rawUncompressed === U32_MAX || descriptorFollows) {
    readZip64Sizes(extra, header, rawCompressed, rawUncompressed);
  }
  return header;
}

async function* storedBody(reader: ByteReader, size: number, what: string): AsyncGenerator<Uint8Array> {
  let left = size;
  while (left > 0) {
    const chunk = await reader.nextChunk(left);
    if (!chunk) throw truncated(what);
    left -= chunk.byteLength;
    yield chunk;
  }
}

function inflateStep(inflater: InflateRaw, chunk: Uint8Array | null): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const onData = (d: Buffer) => out.push(d);
    const finish = (err?: Error | null) => {
      inflater.off('data', onData);
      inflater.off('error', finish);
      inflater.off('end', onEnd);
      if (err) reject(err);
      else resolve(out);
    };
    const onEnd = () => finish();
    inflater.on('data', onData);
    inflater.on('error', finish);
    if (chunk) inflater.write(chunk, (err) => (err ? finish(err) : setImmediate(finish)));
    else {
      inflater.on('end', onEnd);
      inflater.end();
    }
  });
}

/**
 * Inflates one entry. With a known compressed size exactly that many bytes are fed; without one (sizes in a
 * trailing data descriptor) zlib finds the end of the deflate stream itself and the bytes it did not take
 * are given back to the reader.
 */
async function* deflatedBody(reader: ByteReader, compressedSize: number | undefined, guard: InflationGuard, what: string): AsyncGenerator<Uint8Array> {
  // Large output chunks: each one is a round trip to the zlib thread pool.
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  let written = 0;
  try {
    for (;;) {
      const want = compressedSize === undefined ? INFLATE_STEP : Math.min(INFLATE_STEP, compressedSize - written);
      if (want === 0) {
        for (const out of await inflateStep(inflater, null)) yield out;
        return;
      }
      const chunk = await reader.nextChunk(want);
      if (!chunk) throw truncated(what);
      written += chunk.byteLength;
      guard.addCompressed(chunk.byteLength);
      const outputs = await inflateStep(inflater, chunk);
      for (const out of outputs) {
        guard.addInflated(out.byteLength);
        yield out;
      }
      const unused = written - inflater.bytesWritten;
      if (unused > 0) {
        reader.unshift(chunk.subarray(chunk.byteLength - unused));
        if (compressedSize !== undefined) {
          throw new InspectError('ZIP_INVALID', `${what}: the deflate data ends before its declared compressed size.`);
        }
        return;
      }
    }
  } catch (err) {
    if (err instanceof InspectError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/unexpected end/i.test(message)) throw truncated(what);
    throw new InspectError('ZIP_INVALID', `${what}: the deflate data is damaged (${message}).`);
  } finally {
    inflater.destroy();
  }
}

async function readDescriptor(reader: ByteReader, zip64: boolean, what: string): Promise<{ crc: number; compressed: number; uncompressed: number }> {
  const first = await readExactly(reader, 4, what);
  const signed = new DataView(first.buffer, first.byteOffset, 4).getUint32(0, true) === DATA_DESCRIPTOR;
  const rest = await readExactly(reader, (zip64 ? 20 : 12) - (signed ? 0 : 4), what);
  const bytes = new Uint8Array((signed ? 0 : 4) + rest.byteLength);
  if (!signed) bytes.set(first, 0);
  bytes.set(rest, signed ? 0 : 4);
  const view = new DataView(bytes.buffer);
  return zip64
    ? { crc: view.getUint32(0, true), compressed: Number(view.getBigUint64(4, true)), uncompressed: Number(view.getBigUint64(12, true)) }
    : { crc: view.getUint32(0, true), compressed: view.getUint32(4, true), uncompressed: view.getUint32(8, true) };
}

/**
 * Streams zip members from their local headers (the central directory sits at the end and is only hashed).
 * Stored and deflate entries; encrypted ones and other methods are refused with a reason.
 */
export async function* readZipEntries(reader: ByteReader, limits: InspectLimits, what: string): AsyncGenerator<ArchiveEntry> {
  for (;;) {
    const signatureBytes = await reader.peek(4);
    if (signatureBytes.byteLength < 4) throw new InspectError('TRUNCATED', `${what} ends before its central directory: the upload is truncated.`);
    const signature = new DataView(signatureBytes.buffer, signatureBytes.byteOffset, 4).getUint32(0, true);
    if (signature === CENTRAL_HEADER || signature === END_OF_CENTRAL) return;
    if (signature !== LOCAL_HEADER) throw new InspectError('ZIP_INVALID', `${what} has bytes that are not a zip member where one should start.`);

    const header = await readLocalHeader(reader, what);
    const label = `the zip member "${header.name}"`;
    if (header.flags & FLAG_ENCRYPTED || header.method === METHOD_AES) {
      throw new InspectError('ZIP_ENCRYPTED', `${label} is encrypted; the appliance must be published unencrypted.`);
    }
    if (header.method !== METHOD_STORED && header.method !== METHOD_DEFLATE) {
      throw new InspectError('ZIP_UNSUPPORTED', `${label} uses compression method ${header.method}; only stored and deflate are accepted.`);
    }
    const descriptorFollows = (header.flags & FLAG_DESCRIPTOR) !== 0;
    if (header.method === METHOD_STORED && header.compressedSize === undefined) {
      throw new InspectError('ZIP_UNSUPPORTED', `${label} is stored with its size after the data, which cannot be read as a stream; re-create the zip with sizes in the headers (e.g. with the zip command).`);
    }

    const isDirectory = header.name.endsWith('/');
    const guard = new InflationGuard(limits, label);
    const raw =
      header.method === METHOD_STORED
        ? storedBody(reader, header.compressedSize ?? 0, what)
        : deflatedBody(reader, header.compressedSize, guard, label);
    let finished = false;
    // The CRC and sizes are checked before the body ends, so a corrupted member fails as such
    // rather than as whatever its damaged content looks like to the next parser.
    const body = (async function* () {
      let crc = 0;
      let size = 0;
      for await (const chunk of raw) {
        crc = crc32(chunk, crc);
        size += chunk.byteLength;
        yield chunk;
      }
      let expectedCrc = header.crc;
      let expectedSize = header.uncompressedSize;
      if (descriptorFollows) {
        const descriptor = await readDescriptor(reader, header.zip64, what);
        expectedCrc = descriptor.crc;
        expectedSize = descriptor.uncompressed;
      }
      if (expectedSize !== undefined && expectedSize !== size) {
        throw new InspectError('ZIP_INVALID', `${label} holds ${size} bytes but its header says ${expectedSize}.`);
      }
      if ((crc >>> 0) !== expectedCrc) {
        throw new InspectError('CRC_MISMATCH', `${label} does not match its CRC-32: the archive is corrupted.`);
      }
      finished = true;
    })();

    yield {
      name: header.name,
      type: isDirectory ? 'directory' : 'file',
      rawType: isDirectory ? 'directory' : 'file',
      size: header.uncompressedSize,
      body,
    };
    if (!finished) for await (const chunk of body) void chunk;
  }
}
