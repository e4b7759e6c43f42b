// Streaming, hostile-input-safe inspection of uploaded appliance files. Pure library code: no database,
// no S3, and no `server-only` marker, because the command-line client and bench/ use parseOvf directly.
export { inspectStream } from './inspect-stream';
export { parseOvf } from './ovf-parser';
export { detectFormat } from './detect-format';
export { InspectError } from './errors';
export { defaultLimits } from './limits';
export type * from './types';
