import 'server-only';
import { defineJob } from '@/lib/server/jobs/registry';
import { QUEUES } from '@/lib/server/queue/boss';
import { requeueStrandedInspections } from '@/lib/server/files/requeue-stranded-inspections';

export const sweepInspectionsJob = defineJob<Record<string, never>>({
  queue: QUEUES.sweepInspections,
  // Every minute: a file whose inspection lost its job waits at most a few minutes.
  cron: '* * * * *',
  async handler(_data, { boss }) {
    await requeueStrandedInspections({ boss, log: (m) => console.warn(`[sweep] ${m}`) });
  },
});
