import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** SHA-256 of the whole upload. `update` may return a promise: wait for it before sending more. */
export interface StreamHasher {
  update(chunk: Uint8Array): Promise<void> | undefined;
  digest(): Promise<string>;
  close(): void;
}

export class InlineHasher implements StreamHasher {
  private readonly hash: Hash = createHash('sha256');

  update(chunk: Uint8Array): undefined {
    this.hash.update(chunk);
    return undefined;
  }

  async digest(): Promise<string> {
    return this.hash.digest('hex');
  }

  close(): void {}
}

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, vitest and a Next.js build.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
let done = 0;
parentPort.on('message', (message) => {
  if (message === 'digest') parentPort.postMessage({ digest: hash.digest('hex') });
  else { hash.update(message); done += message.byteLength; parentPort.postMessage(done); }
});
`;

/** Bytes handed to the worker but not yet hashed; past this the reader waits (memory stays bounded). */
const MAX_IN_FLIGHT = 16 * 1024 * 1024;
const BATCH = 1024 * 1024;

/**
 * Hashes on a worker thread so the whole-stream SHA-256 and the member digests (main thread) run on
 * two cores. Bytes are copied once into batches that are transferred, not cloned.
 */
export class WorkerHasher implements StreamHasher {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private batch = new Uint8Array(BATCH);
  private batchUsed = 0;
  private sent = 0;
  private hashed = 0;
  private failure?: Error;
  private closed = false;
  private wake?: () => void;
  private result?: (digest: string) => void;

  constructor() {
    this.worker.on('message', (message: unknown) => {
      if (typeof message === 'number') {
        this.hashed = message;
        if (this.sent - this.hashed <= MAX_IN_FLIGHT / 2) this.wake?.();
      } else if (typeof message === 'object' && message !== null && 'digest' in message && typeof message.digest === 'string') {
        this.result?.(message.digest);
      }
    });
    const fail = (err: Error) => {
      this.failure = err;
      this.wake?.();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`the hashing worker stopped (exit code ${code})`));
    });
  }

  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    // Copied into 1 MiB batches (one copy, as a transfer needs anyway): far fewer messages than chunks.
    for (let offset = 0; offset < chunk.byteLength; ) {
      const n = Math.min(BATCH - this.batchUsed, chunk.byteLength - offset);
      this.batch.set(chunk.subarray(offset, offset + n), this.batchUsed);
      this.batchUsed += n;
      offset += n;
      if (this.batchUsed === BATCH) this.flush();
    }
    if (this.sent - this.hashed <= MAX_IN_FLIGHT) return undefined;
    return new Promise<void>((resolve, reject) => {
      this.wake = () => {
        this.wake = undefined;
        if (this.failure) reject(this.failure);
        else resolve();
      };
    });
  }

  private flush(): void {
    if (!this.batchUsed) return;
    const full = this.batchUsed === BATCH ? this.batch : this.batch.slice(0, this.batchUsed);
    this.worker.postMessage(full, [full.buffer]);
    this.sent += full.byteLength;
    this.batch = new Uint8Array(BATCH);
    this.batchUsed = 0;
  }

  digest(): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.result = (digest) => {
        resolve(digest);
        this.close();
      };
      this.wake = () => {
        if (this.failure) reject(this.failure);
      };
      this.flush();
      this.worker.postMessage('digest');
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}
