import { SourceError } from './errors';
import { InlineHasher, type StreamHasher } from './stream-hasher';

/**
 * Pulls the upload once, hashing and counting every byte as it arrives, and hands bytes to parsers on
 * demand. Only what a parser asked to peek at is ever held; everything else flows through.
 */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private queue: Uint8Array[] = [];
  private queued = 0;
  private ended = false;
  /** Bytes pulled from the source so far. */
  total = 0;

  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly hasher: StreamHasher = new InlineHasher(),
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Pulls one chunk from the source into the queue; false at the end. */
  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    let result: IteratorResult<Uint8Array>;
    try {
      result = await this.iterator.next();
    } catch (err) {
      this.ended = true;
      throw new SourceError(err);
    }
    if (result.done) {
      this.ended = true;
      return false;
    }
    const chunk = result.value;
    if (!(chunk instanceof Uint8Array)) {
      this.ended = true;
      throw new SourceError(new TypeError('the source yielded something other than bytes'));
    }
    if (chunk.byteLength) {
      const pending = this.hasher.update(chunk);
      if (pending) await pending;
      this.total += chunk.byteLength;
      this.queue.push(chunk);
      this.queued += chunk.byteLength;
    }
    return true;
  }

  /** Up to `n` bytes from the current position without consuming them (fewer only at the end). */
  async peek(n: number): Promise<Uint8Array> {
    while (this.queued < n && (await this.pull()));
    if (this.queue.length === 1 && this.queue[0].byteLength >= n) return this.queue[0].subarray(0, n);
    const out = new Uint8Array(Math.min(n, this.queued));
    let offset = 0;
    for (const chunk of this.queue) {
      if (offset >= out.length) break;
      const part = chunk.subarray(0, out.length - offset);
      out.set(part, offset);
      offset += part.byteLength;
    }
    // Keep one contiguous chunk so repeated peeks do not copy again.
    if (out.length === this.queued) this.queue = out.length ? [out] : [];
    return out;
  }

  /** The next bytes available, at most `max`; null at the end. */
  async nextChunk(max = Number.POSITIVE_INFINITY): Promise<Uint8Array | null> {
    if (!this.queued && !(await this.pullNonEmpty())) return null;
    const head = this.queue[0];
    if (head.byteLength <= max) {
      this.queue.shift();
      this.queued -= head.byteLength;
      return head;
    }
    this.queue[0] = head.subarray(max);
    this.queued -= max;
    return head.subarray(0, max);
  }

  private async pullNonEmpty(): Promise<boolean> {
    while (!this.queued) if (!(await this.pull())) return false;
    return true;
  }

  /** Exactly `n` bytes, or fewer only at the end of the stream. For small reads (headers). */
  async read(n: number): Promise<Uint8Array> {
    const bytes = await this.peek(n);
    this.consumeQueued(bytes.byteLength);
    return bytes;
  }

  private consumeQueued(n: number): void {
    let left = n;
    while (left > 0) {
      const head = this.queue[0];
      if (head.byteLength <= left) {
        this.queue.shift();
        left -= head.byteLength;
      } else {
        this.queue[0] = head.subarray(left);
        left = 0;
      }
    }
    this.queued -= n;
  }

  /** Gives bytes back to the front of the queue (a decompressor read past the end of its data). */
  unshift(bytes: Uint8Array): void {
    if (!bytes.byteLength) return;
    this.queue.unshift(bytes);
    this.queued += bytes.byteLength;
  }

  /** Every remaining byte as a stream. Breaking out of the loop leaves the source open for `drain`. */
  chunks(): AsyncIterable<Uint8Array> {
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const value = await this.nextChunk();
          return value ? { value, done: false } : { value: undefined, done: true };
        },
        return: async () => ({ value: undefined, done: true }),
      }),
    };
  }

  /** Reads to the end, hashing only: after a refusal the SHA-256 and size of the whole upload are still reported. */
  async drain(): Promise<void> {
    this.queue = [];
    this.queued = 0;
    while (await this.pull()) {
      this.queue = [];
      this.queued = 0;
    }
  }

  get finished(): boolean {
    return this.ended;
  }

  sha256(): Promise<string> {
    return this.hasher.digest();
  }

  /** Lets go of the source without reading the rest (used when the source already failed). */
  async abandon(): Promise<void> {
    this.hasher.close();
    if (this.ended) return;
    this.ended = true;
    try {
      await this.iterator.return?.();
    } catch {
      // The source is being dropped; its own clean-up error says nothing about the upload.
    }
  }
}
