import 'server-only';
import { defineJob } from '@/lib/jobs/registry';
import { QUEUES } from '@/lib/jobs/boss';
import { requeueStrandedInspections } from '@/lib/files/requeue-stranded-inspections';

export const sweepInspectionsJob = defineJob<Record<string, never>>({
  queue: QUEUES.sweepInspections,
  // Every minute: a file whose inspection lost its job waits at most a few minutes.
  cron: '* * * * *',
  async handler(_data, { boss }) {
    await requeueStrandedInspections({ boss, log: (m) => console.warn(`[sweep] ${m}`) });
  },
});
