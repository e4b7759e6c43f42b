import 'server-only';
import type { PgBoss, SendOptions } from 'pg-boss';

export interface JobContext {
  boss: PgBoss;
  /** Aborted when the worker stops or pg-boss takes the job away (expired, heartbeat lost). */
  signal: AbortSignal;
}

/**
 * Each background job registers here: its queue, how many run at once in one worker, the
 * handler, and optionally a cron schedule. scripts/worker.ts starts them all (lib/server/jobs/run-worker.ts).
 */
export interface JobDefinition<T = unknown> {
  queue: string;
  concurrency?: number;
  cron?: string;
  handler: (data: T, context: JobContext) => Promise<void>;
  /**
   * A job whose handler stops on `signal` when the worker stops is handed back: sent again at
   * once with these options (no retry spent: a restart is not the job's fault) for the next worker.
   */
  handBack?: (data: T) => SendOptions;
}

export const jobs: JobDefinition[] = [];

export function defineJob<T>(job: JobDefinition<T>): JobDefinition<T> {
  jobs.push(job as JobDefinition);
  return job;
}
