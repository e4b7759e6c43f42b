import 'server-only';
import type { PgBoss } from 'pg-boss';

/**
 * Each background job registers here: its queue, how many run at once in one worker, the
 * handler, and optionally a cron schedule. scripts/worker.ts starts them all.
 */
export interface JobDefinition<T = unknown> {
  queue: string;
  concurrency?: number;
  cron?: string;
  handler: (data: T, boss: PgBoss) => Promise<void>;
}

export const jobs: JobDefinition[] = [];

export function defineJob<T>(job: JobDefinition<T>): JobDefinition<T> {
  jobs.push(job as JobDefinition);
  return job;
}
