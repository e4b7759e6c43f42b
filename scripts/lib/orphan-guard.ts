// Children must not run on as orphans when their supervisor dies without a chance to stop them
// (kill -9, an OOM kill): see orphan-guard-process.mjs. One guard per supervising process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface OrphanGuard {
  /** Stage 0 stops first (the app, the worker), then stage 1 (PostgreSQL). */
  watch(pid: number | undefined, options?: { stage?: number; signal?: NodeJS.Signals }): void;
  release(pid: number | undefined): void;
}

let guard: ChildProcess | undefined;

function send(message: object) {
  guard ??= (() => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./orphan-guard-process.mjs', import.meta.url))], {
      // Its own process group: a signal to ours (Ctrl-C) is not its business.
      detached: true,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.on('error', (e) => console.error(`[orphan-guard] ${e.message}`));
    child.stdin!.on('error', () => {});
    // Never keeps its supervisor alive: the open pipe is the whole point, not a reason to wait.
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    return child;
  })();
  guard.stdin!.write(`${JSON.stringify(message)}\n`);
}

export const orphanGuard: OrphanGuard = {
  watch(pid, options = {}) {
    if (pid) send({ watch: pid, stage: options.stage ?? 0, signal: options.signal ?? 'SIGTERM' });
  },
  release(pid) {
    if (pid && guard) send({ release: pid });
  },
};
