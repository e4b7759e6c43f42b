import 'server-only';
import { defineJob } from '@/lib/server/jobs/registry';
import { QUEUES } from '@/lib/server/queue/boss';
import { env } from '@/lib/config/env';
import { cleanupAbandonedUploads } from '@/lib/server/uploads/cleanup-abandoned-uploads';

export const cleanupUploadsJob = defineJob<Record<string, never>>({
  queue: QUEUES.cleanupUploads,
  // Hourly: an abandoned upload lives at most TTL + 1 hour.
  cron: '23 * * * *',
  async handler() {
    const result = await cleanupAbandonedUploads({ ttlHours: env().UPLOAD_TTL_HOURS, log: (m) => console.warn(`[cleanup] ${m}`) });
    if (result.expired || result.orphans || result.requeued) {
      console.log(`[cleanup] expired ${result.expired} uploads, aborted ${result.orphans} orphaned ones, re-queued ${result.requeued} inspections`);
    }
  },
});
