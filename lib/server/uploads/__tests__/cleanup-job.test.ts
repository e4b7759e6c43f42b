import { describe, expect, it } from 'vitest';
import { jobs } from '@/lib/server/jobs/all';
import { QUEUES } from '@/lib/server/queue/boss';

describe('the clean-up job registration', () => {
  it('runs on a cron schedule in the worker', () => {
    const job = jobs.find((j) => j.queue === QUEUES.cleanupUploads);
    expect(job).toBeDefined();
    expect(job?.cron).toMatch(/^(\S+\s+){4}\S+$/);
  });
});
