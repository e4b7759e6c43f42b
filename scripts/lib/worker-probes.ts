// The worker's answers for an orchestrator, on a small port of its own (WORKER_HEALTH_PORT):
// /live (the process runs), /ready (its queue client works; 503 once it stops taking jobs) and
// /metrics (job durations and queue depth; a bearer token when METRICS_TOKEN is set).
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { PgBoss } from 'pg-boss';
import type { Env } from '../../lib/config/env.ts';
import { metrics } from '../../lib/server/observability/metrics.ts';

/** Runs one job, timing it by queue and outcome (apx_job_duration_seconds). */
export async function timedJob(queue: string, run: () => Promise<void>): Promise<void> {
  const end = metrics().jobDuration.startTimer({ queue });
  try {
    await run();
    end({ outcome: 'ok' });
  } catch (e) {
    end({ outcome: 'failed' });
    throw e;
  }
}

async function refreshQueueDepth(boss: PgBoss) {
  const gauge = metrics().queueDepth;
  for (const q of await boss.getQueues()) {
    gauge.set({ queue: q.name, state: 'queued' }, q.queuedCount);
    gauge.set({ queue: q.name, state: 'active' }, q.activeCount);
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const a = Buffer.from(header.slice(7));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WorkerProbes {
  /** Readiness answers 503 from now on (the worker is stopping). */
  stopping(): void;
  close(): void;
}

export async function startWorkerProbes(boss: PgBoss, settings: Pick<Env, 'WORKER_HEALTH_PORT' | 'METRICS_TOKEN' | 'HOST'>): Promise<WorkerProbes | undefined> {
  const port = settings.WORKER_HEALTH_PORT;
  if (!port) return undefined;
  const token = settings.METRICS_TOKEN ?? '';
  let stopping = false;
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/live') return send(200, { status: 'ok' });
    if (pathname === '/ready') {
      if (stopping) return send(503, { status: 'stopping' });
      // A queue read proves the database answers the worker.
      boss.getQueues().then(
        () => send(200, { status: 'ready' }),
        () => send(503, { status: 'degraded', database: false }),
      );
      return;
    }
    if (pathname === '/metrics') {
      if (token && !bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer' });
        return res.end();
      }
      refreshQueueDepth(boss)
        .catch((e: unknown) => console.error('[worker] queue depth unavailable:', e))
        .then(() => metrics().registry.metrics())
        .then((text) => {
          res.writeHead(200, { 'Content-Type': metrics().registry.contentType, 'Cache-Control': 'no-store' });
          res.end(text);
        }, () => send(500, { status: 'error' }));
      return;
    }
    send(404, { error: 'try /live, /ready or /metrics' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`WORKER_HEALTH_PORT ${port}: ${e.code === 'EADDRINUSE' ? 'already in use by another program' : e.message}`)),
    );
    server.listen(port, settings.HOST, () => resolve());
  });
  console.log(`[worker] health on :${port} (/live, /ready, /metrics)`);
  return {
    stopping: () => {
      stopping = true;
    },
    close: () => server.close(),
  };
}
