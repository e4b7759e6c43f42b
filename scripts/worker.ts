// `npm run worker`: the background worker (pg-boss on Postgres). `npm start` runs one; run more
// with the same DATABASE_URL / S3_* to scale out. Jobs: see lib/jobs/.
import { createWorkerBoss } from '../lib/jobs/boss.ts';
import { jobs } from '../lib/jobs/all.ts';
import { routeConsoleToLogger } from '../lib/observability/logger.ts';
import { startWorkerProbes, timedJob } from './lib/worker-probes.ts';

async function main() {
  process.env.APX_ROLE ??= 'worker';
  routeConsoleToLogger();
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set. `npm start` sets it; to run a worker alone, set DATABASE_URL and S3_*.');
    process.exit(1);
  }
  const boss = await createWorkerBoss();
  for (const job of jobs) {
    await boss.work(job.queue, { localConcurrency: job.concurrency ?? 1, batchSize: 1 }, async ([item]) => {
      await timedJob(job.queue, () => job.handler(item.data, boss));
    });
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: 'UTC' });
  }
  const probes = await startWorkerProbes(boss);
  console.log(`[worker] ready: ${jobs.map((j) => j.queue).join(', ') || 'no jobs registered'}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    probes?.stopping();
    await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  console.error('[worker]', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
