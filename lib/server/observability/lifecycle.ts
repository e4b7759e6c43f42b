// No server-only guard: scripts/serve.ts (plain Node) loads this too; its state lives on globalThis.

// Whether this process is draining (SIGTERM received): readiness answers 503 so the load balancer
// stops sending, while requests already here are finished. On globalThis: serve.ts sets it, the
// health route handler (bundled by Next.js) reads it.
const g = globalThis as typeof globalThis & { __apxDraining?: boolean };

export function isDraining(): boolean {
  return g.__apxDraining === true;
}

export function startDraining() {
  g.__apxDraining = true;
}
