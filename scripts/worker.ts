// `npm run worker`: the background worker (pg-boss on Postgres). `npm start` runs one; run more
// with the same DATABASE_URL / S3_* to scale out. Jobs: see lib/server/jobs/.
import { createWorkerBoss } from '../lib/server/queue/boss.ts';
import { jobs } from '../lib/server/jobs/all.ts';
import { routeConsoleToLogger } from '../lib/server/observability/logger.ts';
import { startWorkerProbes, timedJob } from './lib/worker-probes.ts';
import { runWorker } from '../lib/server/jobs/run-worker.ts';
import { settingsOrExit } from './lib/settings.ts';

async function main() {
  // Every log line of this process says it came from the worker.
  process.env.APX_ROLE = 'worker';
  const settings = settingsOrExit('worker');
  routeConsoleToLogger();
  if (!settings.DATABASE_URL) {
    console.error('DATABASE_URL is not set. `npm start` sets it; to run a worker alone, set DATABASE_URL and S3_*.');
    process.exit(1);
  }
  const boss = await createWorkerBoss();
  // Each job timed for the metrics; the worker itself hands jobs back on shutdown.
  const timed = jobs.map((job) => ({ ...job, handler: (data: unknown, ctx: Parameters<typeof job.handler>[1]) => timedJob(job.queue, () => job.handler(data as never, ctx)) }));
  const worker = await runWorker(boss, timed);
  const probes = await startWorkerProbes(boss, settings);
  console.log(`[worker] ready: ${jobs.map((j) => j.queue).join(', ') || 'no jobs registered'}`);
  // SIGTERM/SIGINT: hand the jobs in hand back, so a restart strands nothing. Started by `npm start`
  // (an IPC channel), the worker also stops when that channel closes: its supervisor is gone.
  const stop = () => {
    probes?.stopping();
    void worker
      .stop()
      .catch((e: unknown) => console.error('[worker] stop:', e instanceof Error ? e.message : e))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.connected) process.on('disconnect', stop);
}

main().catch((e: unknown) => {
  console.error('[worker]', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
