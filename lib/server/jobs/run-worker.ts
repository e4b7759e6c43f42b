import 'server-only';
import type { PgBoss } from 'pg-boss';
import type { JobDefinition } from '@/lib/server/jobs/registry';

export interface RunningWorker {
  /**
   * Stops taking work, aborts the jobs in hand (those with handBack are sent again at once for the
   * next worker), waits up to timeoutMs for the rest, and closes the queue client. Whatever is still
   * running then is failed by pg-boss, so it is retried.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export async function runWorker(boss: PgBoss, definitions: JobDefinition[], log: (m: string) => void = console.log): Promise<RunningWorker> {
  const stopping = new AbortController();
  for (const job of definitions) {
    await boss.work(job.queue, { localConcurrency: job.concurrency ?? 1, batchSize: 1 }, async ([item]) => {
      const signal = AbortSignal.any([item.signal, stopping.signal]);
      try {
        await job.handler(item.data, { boss, signal });
      } catch (e) {
        if (stopping.signal.aborted && job.handBack) {
          await boss.send(job.queue, item.data as object, job.handBack(item.data));
          log(`[worker] ${job.queue} job ${item.id}: handed back on shutdown, queued again`);
          return;
        }
        throw e;
      }
    });
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: 'UTC' });
  }
  let stopped: Promise<void> | undefined;
  return {
    stop(timeoutMs = 5000) {
      stopped ??= (async () => {
        await Promise.allSettled(definitions.map((job) => boss.offWork(job.queue, { wait: false })));
        stopping.abort(new Error('the worker is stopping'));
        await boss.stop({ graceful: true, timeout: timeoutMs });
      })();
      return stopped;
    },
  };
}
