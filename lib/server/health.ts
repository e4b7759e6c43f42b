import 'server-only';
import { db } from '@/lib/server/db';
import { pingStorage } from '@/lib/server/storage/s3';

async function check(fn: () => Promise<unknown>, timeoutMs = 3000): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const start = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs))]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    // Details (hosts, credentials in messages) go to the log, not to anonymous callers.
    console.error('[health]', e);
    const timedOut = (e as Error).message?.startsWith('timed out');
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: timedOut ? 'timeout' : 'unreachable' };
  }
}

/** Reachability of the two things the app cannot work without. */
export async function getHealth() {
  const [database, objectStore] = await Promise.all([check(() => db.$queryRaw`SELECT 1`), check(() => pingStorage())]);
  return { status: database.ok && objectStore.ok ? ('ok' as const) : ('degraded' as const), database, objectStore };
}
