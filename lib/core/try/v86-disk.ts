/*
 * A virtual raw disk as v86 wants one: an object with byteLength, load(), get() and set() (v86's
 * starter accepts any such object in place of its own buffers). Reads are answered by any reader
 * of raw sectors (lib/core/inside's VirtualDisk: a raw file, a qcow2, a VMDK, the disk inside an OVA,
 * all read by Range); writes stay in this tab, bounded, and are read back over the stored bytes.
 */

/** v86 reads and writes in multiples of 256 bytes (its BLOCK_SIZE). */
const BLOCK = 256;
/** Synchronous answers kept for v86's get_from_cache (it asks for the MBR, once). */
const SYNC_ENTRIES = 8;

export interface SectorReader {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface V86DiskOptions {
  /** Most bytes the guest may write before further writes fail (default 256 MiB). */
  maxWrittenBytes?: number;
  /** A read or write that failed (the guest gets zeros for a failed read, never a hang). */
  onError?: (error: Error) => void;
}

export class V86Disk {
  readonly byteLength: number;
  onload: ((e: object) => void) | undefined;
  onprogress: ((e: object) => void) | undefined;
  private readonly written = new Map<number, Uint8Array>();
  private readonly sync = new Map<string, Uint8Array>();
  private readonly maxWrittenBlocks: number;
  private writeRefused = false;

  constructor(
    private readonly disk: SectorReader,
    private readonly options: V86DiskOptions = {},
  ) {
    if (!Number.isSafeInteger(disk.size) || disk.size <= 0) throw new RangeError('disk size must be a positive integer');
    this.byteLength = disk.size;
    this.maxWrittenBlocks = Math.floor((options.maxWrittenBytes ?? 256 * 1024 * 1024) / BLOCK);
  }

  /** Bytes the guest has written (kept in this tab). */
  bytesWritten(): number {
    return this.written.size * BLOCK;
  }

  load(): void {
    this.onload?.(Object.create(null));
  }

  /** Bytes [offset, offset + len), written blocks included. */
  async read(offset: number, len: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(len) || offset < 0 || len < 0 || offset + len > this.byteLength) {
      throw new RangeError(`read past the end of the disk (${offset}+${len})`);
    }
    const bytes = await this.disk.read(offset, len);
    if (bytes.length !== len) throw new Error(`the disk ended early at ${offset + bytes.length}`);
    const out = bytes.slice();
    this.overlayWrites(out, offset);
    return out;
  }

  private overlayWrites(out: Uint8Array, offset: number) {
    if (!this.written.size) return;
    for (let b = Math.floor(offset / BLOCK); b * BLOCK < offset + out.length; b++) {
      const block = this.written.get(b);
      if (block) out.set(block.subarray(Math.max(0, offset - b * BLOCK), Math.min(BLOCK, offset + out.length - b * BLOCK)), Math.max(0, b * BLOCK - offset));
    }
  }

  private fail(e: unknown) {
    this.options.onError?.(e instanceof Error ? e : new Error(String(e)));
  }

  /** v86's read: `fn` gets the bytes. A failed read is reported and answered with zeros. */
  get(offset: number, len: number, fn: (bytes: Uint8Array) => void): void {
    this.read(offset, len).then(fn, (e: unknown) => {
      this.fail(e);
      fn(new Uint8Array(len));
    });
  }

  /** v86 (0.5.462) reads the first sector this way before it starts, then asks get_from_cache for it. */
  get_and_cache(offset: number, len: number, fn: (bytes: Uint8Array) => void): void {
    this.get(offset, len, (bytes) => {
      this.sync.set(`${offset}:${len}`, bytes.slice());
      while (this.sync.size > SYNC_ENTRIES) this.sync.delete(this.sync.keys().next().value!);
      fn(bytes);
    });
  }

  /** v86's synchronous read: what get_and_cache fetched (writes laid over it), else undefined. */
  get_from_cache(offset: number, len: number): Uint8Array | undefined {
    const hit = this.sync.get(`${offset}:${len}`);
    if (!hit) return undefined;
    const out = hit.slice();
    this.overlayWrites(out, offset);
    return out;
  }

  /** v86's write: kept in memory, block by block, up to the budget. */
  set(start: number, data: Uint8Array, fn: () => void): void {
    if (start % BLOCK !== 0 || data.length % BLOCK !== 0 || start < 0 || start + data.length > this.byteLength) {
      this.fail(new RangeError(`a write outside the disk or not in 256-byte blocks (${start}+${data.length})`));
      fn();
      return;
    }
    for (let at = 0; at < data.length; at += BLOCK) {
      const index = (start + at) / BLOCK;
      if (!this.written.has(index) && this.written.size >= this.maxWrittenBlocks) {
        if (!this.writeRefused) this.fail(new Error(`the machine wrote more than ${Math.round((this.maxWrittenBlocks * BLOCK) / 1048576)} MiB; this tab keeps no more`));
        this.writeRefused = true;
        break;
      }
      this.written.set(index, data.slice(at, at + BLOCK));
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
