import type { FindingCode } from './types';

/** An expected failure while reading an image: its message is safe to show (no secrets, no host paths). */
export class InsideError extends Error {
  readonly code: FindingCode;
  constructor(code: FindingCode, message: string) {
    super(message);
    this.name = 'InsideError';
    this.code = code;
  }
}

export function isInsideError(e: unknown): e is InsideError {
  return e instanceof InsideError;
}

/** Aborts with the signal's reason when it is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
