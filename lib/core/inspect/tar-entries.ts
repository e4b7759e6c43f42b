import { extract as createExtract, type Header } from 'tar-stream';
import type { ArchiveEntry, EntryType } from './archive-entry';
import { InspectError, SourceError } from './errors';
import { drainedOrClosed } from './stream-util';

const BLOCK = 512;

function entryType(type: Header['type'] | null): EntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'link';
    case 'character-device':
    case 'block-device':
      return 'device';
    case 'fifo':
      return 'fifo';
    default:
      return 'other';
  }
}

function dataOffset(header: Header): number | undefined {
  // tar-stream records where the member's data starts; not in its published types.
  const offset: unknown = (header as unknown as Record<string, unknown>).byteOffset;
  return typeof offset === 'number' ? offset : undefined;
}

function toInspectError(err: unknown): unknown {
  if (err instanceof InspectError || err instanceof SourceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end/i.test(message)) {
    return new InspectError('TRUNCATED', 'the tar archive ends in the middle of a member: the upload is truncated.');
  }
  return new InspectError('TAR_INVALID', `the tar archive is damaged (${message.replace(/\.$/, '')}).`);
}

/**
 * Streams tar members (USTAR, GNU long names, pax) from `input`. tar-stream does the header work; this
 * adds back-pressure from the async input, typed errors, and the end-of-archive check tar-stream skips:
 * an archive cut exactly between two members would otherwise look complete.
 */
export async function* readTarEntries(input: AsyncIterable<Uint8Array>, what: string): AsyncGenerator<ArchiveEntry> {
  const extract = createExtract();
  let fed = 0;
  let failure: unknown;
  let inputEnded = false;
  const pump = (async () => {
    try {
      for await (const chunk of input) {
        if (extract.destroyed) return;
        fed += chunk.byteLength;
        if (!extract.write(chunk)) await drainedOrClosed(extract);
      }
      inputEnded = true;
      if (!extract.destroyed) extract.end(undefined);
    } catch (err) {
      failure = err;
      extract.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();

  let lastEnd = 0;
  try {
    for await (const stream of extract) {
      const { header } = stream;
      const size = header.size ?? 0;
      const start = dataOffset(header);
      if (start !== undefined) lastEnd = start + Math.ceil(size / BLOCK) * BLOCK;
      yield {
        name: header.name,
        type: entryType(header.type),
        rawType: header.type ?? 'unknown',
        linkTarget: header.linkname ?? undefined,
        size,
        body: (async function* () {
          try {
            for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
          } catch (err) {
            // A body that fails after all input was fed (and not because of the input) was cut short.
            if (!failure && inputEnded) throw toInspectError(new Error('unexpected end of data'));
            throw toInspectError(failure ?? err);
          }
        })(),
      };
      // The walker may leave a body unread (a directory, a refused member); tar-stream needs it consumed.
      stream.resume();
    }
  } catch (err) {
    throw toInspectError(failure ?? err);
  } finally {
    if (!extract.destroyed) extract.destroy();
    await pump;
  }
  if (failure) throw toInspectError(failure);
  if (fed - lastEnd < 2 * BLOCK) {
    throw new InspectError('TRUNCATED', `${what} has no end-of-archive marker after its last member: the upload is truncated.`);
  }
}
