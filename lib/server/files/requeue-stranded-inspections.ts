import 'server-only';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { db } from '@/lib/server/db';
import { env } from '@/lib/config/env';
import { getBoss, QUEUES } from '@/lib/server/queue/boss';

/** The key every inspection job of a file carries (complete-upload.ts, the hand-back, this sweep). */
export const inspectionKey = (fileId: string) => `inspect:${fileId}`;

/**
 * A job still works for its file if it waits to run, or runs and was heard from lately: by its
 * heartbeat, or (a job from before heartbeats) by its start within the expiry.
 */
export function isLiveJob(job: Pick<JobWithMetadata, 'state' | 'heartbeatOn' | 'heartbeatSeconds' | 'startedOn' | 'expireInSeconds'>, now = Date.now()): boolean {
  if (job.state === 'created' || job.state === 'retry') return true;
  if (job.state !== 'active') return false;
  if (job.heartbeatSeconds) {
    const heard = (job.heartbeatOn ?? job.startedOn)?.getTime() ?? 0;
    return now - heard < job.heartbeatSeconds * 3 * 1000;
  }
  return now - (job.startedOn?.getTime() ?? 0) < job.expireInSeconds * 1000;
}

/**
 * The sweep: a file left PENDING or INSPECTING (a worker killed before its job could be failed, a
 * job that spent its retries while the object store was down, an enqueue that failed) with no live
 * job is queued again. Files touched within `graceMs` are left alone: their job may be on its way.
 */
export async function requeueStrandedInspections(options: { boss?: PgBoss; graceMs?: number; now?: Date; fileIds?: string[]; log?: (m: string) => void } = {}) {
  const now = options.now ?? new Date();
  const graceMs = options.graceMs ?? Math.max(120, env().JOB_HEARTBEAT_SECONDS * 3) * 1000;
  const boss = options.boss ?? (await getBoss());
  const waiting = await db.applianceFile.findMany({
    where: {
      status: { in: ['PENDING', 'INSPECTING'] },
      updatedAt: { lt: new Date(now.getTime() - graceMs) },
      ...(options.fileIds ? { id: { in: options.fileIds } } : {}),
    },
    select: { id: true, status: true },
    orderBy: { updatedAt: 'asc' },
    take: 500,
  });
  const requeued: string[] = [];
  for (const f of waiting) {
    const found = await boss.findJobs(QUEUES.inspectFile, { key: inspectionKey(f.id), limit: 100 });
    if (found.some((job) => isLiveJob(job, now.getTime()))) continue;
    await boss.send(QUEUES.inspectFile, { fileId: f.id }, { singletonKey: inspectionKey(f.id) });
    requeued.push(f.id);
    options.log?.(`file ${f.id} was left ${f.status} without a live job; its inspection is queued again`);
  }
  return { requeued };
}
