import type { Readable } from 'node:stream';
import type { SpawnOptions } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Where the CLI writes: process.stdout/stderr in real use, buffers in tests. */
export interface OutputStream {
  /** Text, or a player's raw bytes passed through unchanged. */
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type Env = Record<string, string | undefined>;

export type SpawnFn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

/** Everything the CLI touches outside its own code, injectable so tests need no real terminal. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Env;
  fetch: typeof fetch;
  spawn: SpawnFn;
  now: () => number;
  /** Aborted on Ctrl-C; long operations stop cleanly and leave resumable state behind. */
  signal: AbortSignal;
  /**
   * How players and tools get the terminal: 'inherit' in real use (QEMU's serial console is this
   * terminal; output that is not a terminal is still copied through), 'pipe' in tests, where their
   * output is always copied to stdout/stderr above.
   */
  childStdio: 'inherit' | 'pipe';
  /** Node's process.arch and process.platform. */
  arch: string;
  platform: string;
}
