import 'server-only';
import { PgBoss } from 'pg-boss';

// Jobs live in Postgres (schema "pgboss"), so any app node can enqueue and any worker can run them.
const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

export const QUEUES = {
  inspectFile: 'inspect-file',
  readInside: 'read-inside',
  cleanupUploads: 'cleanup-uploads',
  challengeClock: 'challenge-clock',
  sendMail: 'send-mail',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

async function createBoss(role: 'producer' | 'worker'): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: role === 'worker' ? 6 : 2,
    // Only workers run maintenance and cron; app nodes just enqueue.
    supervise: role === 'worker',
    schedule: role === 'worker',
  });
  boss.on('error', (e: Error) => console.error('[jobs]', e.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    await boss.createQueue(name, { retryLimit: 2, retryDelay: 10, expireInSeconds: 60 * 60 * 6 }).catch(() => {});
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
