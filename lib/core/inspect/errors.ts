import type { InspectCode } from './types';

/** A refusal with a machine code and one sentence a developer understands. */
export class InspectError extends Error {
  readonly code: InspectCode;
  readonly reason: string;

  constructor(code: InspectCode, reason: string) {
    super(reason);
    this.name = 'InspectError';
    this.code = code;
    this.reason = reason;
  }
}

/** Raised by the byte reader when the source itself failed (network, S3), as opposed to bad content. */
export class SourceError extends Error {
  constructor(readonly cause: unknown) {
    super(`the upload stream failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SourceError';
  }
}
