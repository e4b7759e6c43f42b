import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '@/apx/io';
import { run } from '@/apx/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** Aborting it is Ctrl-C. */
  controller?: AbortController;
  /** Called with everything printed to stdout so far, after each write. */
  onStdout?: (soFar: string) => void;
  tty?: boolean;
  columns?: number;
  now?: () => number;
}

/** The CLI's I/O for a test: output captured, never a real terminal, tools' output copied through. */
export function makeTestIo(options: RunCliOptions = {}): { io: CliIo; output: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const controller = options.controller ?? new AbortController();
  const io: CliIo = {
    stdout: {
      write: (chunk: string | Uint8Array) => {
        stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
        options.onStdout?.(stdout);
        return true;
      },
      isTTY: options.tty,
      columns: options.columns,
    },
    stderr: {
      write: (chunk: string | Uint8Array) => {
        stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
        return true;
      },
      isTTY: options.tty,
      columns: options.columns,
    },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    fetch: globalThis.fetch,
    spawn,
    now: options.now ?? Date.now,
    signal: controller.signal,
    childStdio: 'pipe',
    arch: 'x64',
    platform: 'linux',
  };
  return { io, output: () => ({ stdout, stderr }) };
}

/** Runs `apx <argv>` in this process with captured output; never a real terminal. */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<CliRun> {
  const { io, output } = makeTestIo(options);
  const code = await run(argv, io);
  return { code, ...output() };
}

/** A private config and cache for one test. */
export async function makeCliHome(prefix = 'apx-cli') {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return {
    dir,
    env: { APX_CONFIG: path.join(dir, 'config', 'config.json'), APX_CACHE: path.join(dir, 'cache') },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
