// No server-only guard: scripts/serve.ts (plain Node) loads this too; its state lives on globalThis.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// One registry per process, kept on globalThis: serve.ts (plain Node) and the route handlers
// Next.js bundled separately must count into the same metrics, not into two module copies.
function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'apx_' });
  const httpRequests = new Counter({
    name: 'apx_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'apx_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'apx_job_duration_seconds',
    help: 'Background job run time by queue (inspect-file is the inspection) and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'apx_job_queue_depth',
    help: 'Jobs per queue and state (queued, active), read from pg-boss when scraped',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
  });
  const downloads = new Counter({
    name: 'apx_downloads_total',
    help: 'Downloads handed out (redirects to a presigned URL), by path (fast or app)',
    labelNames: ['path'] as const,
    registers: [registry],
  });
  const uploads = new Counter({
    name: 'apx_uploads_completed_total',
    help: 'Multipart uploads completed and queued for inspection',
    registers: [registry],
  });
  return { registry, httpRequests, httpDuration, jobDuration, queueDepth, downloads, uploads };
}

type Metrics = ReturnType<typeof create>;
const g = globalThis as typeof globalThis & { __apxMetrics?: Metrics };

export function metrics(): Metrics {
  g.__apxMetrics ??= create();
  return g.__apxMetrics;
}
