/*
 * The disk a try boots from, as v86 wants a disk: an object with byteLength, load(), get() and
 * set() (v86's starter accepts any such object in place of its own buffers). Pure code for the
 * browser; its network is a `fetch` and a function that hands out the current disk URL.
 *
 * Reads go to the object store by Range, a chunk at a time (read-ahead, kept in a bounded cache);
 * writes stay in memory for the session (the guest may write, the stored file never changes). The
 * URL is presigned and short-lived: `currentUrl` is asked before every request and refreshes it
 * when it is about to expire.
 */

/** v86 reads and writes in multiples of 256 bytes (its BLOCK_SIZE). */
const BLOCK = 256;

export interface RangeDiskOptions {
  size: number;
  /** The URL to read from now (refreshes it when it is about to expire). */
  currentUrl: () => Promise<string>;
  fetch?: typeof fetch;
  /** Bytes per Range request, a multiple of 256. */
  chunkBytes?: number;
  /** Most bytes of fetched chunks kept. */
  cacheBytes?: number;
  signal?: AbortSignal;
  onError?: (error: Error) => void;
}

export class RangeDisk {
  readonly byteLength: number;
  onload: ((e: object) => void) | undefined;
  onprogress: ((e: object) => void) | undefined;
  private readonly chunk: number;
  private readonly maxChunks: number;
  private readonly chunks = new Map<number, Promise<Uint8Array>>();
  /** The chunks already received, for v86's synchronous reads (the MBR, for the disk geometry). */
  private readonly received = new Map<number, Uint8Array>();
  private readonly written = new Map<number, Uint8Array>();
  private fetched = 0;
  private requests = 0;

  constructor(private readonly options: RangeDiskOptions) {
    if (!Number.isSafeInteger(options.size) || options.size <= 0) throw new RangeError('disk size must be a positive integer');
    this.byteLength = options.size;
    this.chunk = options.chunkBytes ?? 64 * 1024;
    if (this.chunk % BLOCK !== 0 || this.chunk <= 0) throw new RangeError('chunk size must be a multiple of 256');
    this.maxChunks = Math.max(4, Math.floor((options.cacheBytes ?? 64 * 1024 * 1024) / this.chunk));
  }

  /** Bytes received from the object store so far. */
  bytesFetched(): number {
    return this.fetched;
  }

  rangeRequests(): number {
    return this.requests;
  }

  load(): void {
    this.onload?.(Object.create(null));
  }

  private async fetchChunk(index: number): Promise<Uint8Array> {
    const start = index * this.chunk;
    const end = Math.min(this.byteLength, start + this.chunk) - 1;
    const url = await this.options.currentUrl();
    this.requests++;
    const response = await (this.options.fetch ?? fetch)(url, { headers: { range: `bytes=${start}-${end}` }, signal: this.options.signal, cache: 'no-store' });
    if (response.status !== 206 && !(response.status === 200 && start === 0 && end === this.byteLength - 1)) {
      await response.body?.cancel();
      throw new Error(`The disk server answered ${response.status} to a range request.`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    this.fetched += bytes.length;
    if (bytes.length !== end - start + 1) throw new Error(`The disk server sent ${bytes.length} bytes for a ${end - start + 1}-byte range.`);
    return bytes;
  }

  private getChunk(index: number): Promise<Uint8Array> {
    let hit = this.chunks.get(index);
    if (hit) {
      // Most recently used last: Map iteration order is the eviction order.
      this.chunks.delete(index);
      this.chunks.set(index, hit);
      return hit;
    }
    hit = this.fetchChunk(index);
    hit.then(
      (bytes) => this.chunks.has(index) && this.received.set(index, bytes),
      () => this.chunks.delete(index),
    );
    this.chunks.set(index, hit);
    while (this.chunks.size > this.maxChunks) {
      const oldest = this.chunks.keys().next().value!;
      this.chunks.delete(oldest);
      this.received.delete(oldest);
    }
    return hit;
  }

  /** Bytes [offset, offset + len), written blocks included. */
  async read(offset: number, len: number): Promise<Uint8Array> {
    if (offset < 0 || len < 0 || offset + len > this.byteLength) throw new RangeError(`read past the end of the disk (${offset}+${len})`);
    const out = new Uint8Array(len);
    const first = Math.floor(offset / this.chunk);
    const last = Math.floor((offset + len - 1) / this.chunk);
    const parts = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.getChunk(first + i)));
    parts.forEach((bytes, i) => {
      const chunkStart = (first + i) * this.chunk;
      const from = Math.max(offset, chunkStart);
      const to = Math.min(offset + len, chunkStart + bytes.length);
      out.set(bytes.subarray(from - chunkStart, to - chunkStart), from - offset);
    });
    this.overlayWrites(out, offset);
    return out;
  }

  private overlayWrites(out: Uint8Array, offset: number) {
    for (let b = Math.floor(offset / BLOCK); b * BLOCK < offset + out.length; b++) {
      const block = this.written.get(b);
      if (block) out.set(block.subarray(Math.max(0, offset - b * BLOCK), Math.min(BLOCK, offset + out.length - b * BLOCK)), Math.max(0, b * BLOCK - offset));
    }
  }

  /** v86 (0.5.462) reads the first sector this way before it starts; the same as get. */
  get_and_cache(offset: number, len: number, fn: (bytes: Uint8Array) => void): void {
    this.get(offset, len, fn);
  }

  /** v86's synchronous read (the MBR, for the disk geometry): the bytes when already received, else undefined. */
  get_from_cache(offset: number, len: number): Uint8Array | undefined {
    const index = Math.floor(offset / this.chunk);
    if (Math.floor((offset + len - 1) / this.chunk) !== index) return undefined;
    const bytes = this.received.get(index);
    if (!bytes) return undefined;
    const from = offset - index * this.chunk;
    if (from + len > bytes.length) return undefined;
    const out = bytes.slice(from, from + len);
    this.overlayWrites(out, offset);
    return out;
  }

  /** v86's read: `fn` gets the bytes. A failed read is reported and answered with zeros, so the guest sees an empty sector rather than a hang. */
  get(offset: number, len: number, fn: (bytes: Uint8Array) => void): void {
    this.read(offset, len).then(fn, (e: unknown) => {
      this.options.onError?.(e instanceof Error ? e : new Error(String(e)));
      fn(new Uint8Array(len));
    });
  }

  /** v86's write: kept in memory, block by block. */
  set(start: number, data: Uint8Array, fn: () => void): void {
    for (let at = 0; at < data.length; at += BLOCK) {
      this.written.set((start + at) / BLOCK, data.slice(at, at + BLOCK));
    }
    fn();
  }

  get_buffer(fn: (buffer: ArrayBuffer | undefined) => void): void {
    fn(undefined);
  }

  get_state(): unknown[] {
    return [];
  }

  set_state(): void {}
}
