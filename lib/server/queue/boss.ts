import 'server-only';
import { PgBoss, type QueueOptions } from 'pg-boss';
import { env } from '@/lib/config/env';

// The job queue: its names and the one pg-boss client. Code that sends a job imports this, never
// lib/server/jobs (the handlers, which import the services that send jobs).
// Jobs live in Postgres (schema "pgboss"), so any app node can enqueue and any worker can run them.
const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

export const QUEUES = {
  inspectFile: 'inspect-file',
  readInside: 'read-inside',
  sweepInspections: 'sweep-inspections',
  cleanupUploads: 'cleanup-uploads',
  challengeClock: 'challenge-clock',
  sendMail: 'send-mail',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Every job heartbeats while it runs: a worker killed mid-job (SIGKILL, power loss, OOM) stops
 * heartbeating, and pg-boss's monitor fails the job within a heartbeat and a monitor pass, so it is
 * retried by a live worker in minutes instead of staying active for hours. The expiry bounds a
 * job whose worker is alive but stuck; inspection of the largest file gets the longest.
 */
export function queueOptions(name: QueueName): QueueOptions {
  const e = env();
  return {
    retryLimit: 2,
    retryDelay: 10,
    heartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
    expireInSeconds: name === QUEUES.inspectFile ? e.JOB_EXPIRE_SECONDS : Math.min(e.JOB_EXPIRE_SECONDS, 15 * 60),
  };
}

async function createBoss(role: 'producer' | 'worker'): Promise<PgBoss> {
  const e = env();
  const url = e.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  // The monitor that fails jobs whose heartbeat stopped runs this often (at most once a minute).
  const monitorSeconds = Math.min(60, e.JOB_HEARTBEAT_SECONDS);
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: role === 'worker' ? 6 : 2,
    connectionTimeoutMillis: e.DATABASE_CONNECT_TIMEOUT_MS,
    // Only workers run maintenance and cron; app nodes just enqueue.
    supervise: role === 'worker',
    schedule: role === 'worker',
    superviseIntervalSeconds: monitorSeconds,
    monitorIntervalSeconds: monitorSeconds,
  });
  boss.on('error', (err: Error) => console.error('[jobs]', err.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    const options = queueOptions(name);
    await boss.createQueue(name, options).catch(() => {});
    // A queue created by an older version keeps its old settings (a six-hour expiry, no heartbeat)
    // until it is updated; workers own the settings.
    if (role === 'worker') await boss.updateQueue(name, options);
  }
  return boss;
}

/** The process's queue client (for sending jobs). */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.boss ??= createBoss('producer').catch((e: unknown) => {
    globalForBoss.boss = undefined;
    throw e;
  });
  return globalForBoss.boss;
}

export function createWorkerBoss(): Promise<PgBoss> {
  return createBoss('worker');
}

export async function enqueue(name: QueueName, data: object, options: { singletonKey?: string; startAfter?: number | Date } = {}) {
  const boss = await getBoss();
  return boss.send(name, data, options);
}
