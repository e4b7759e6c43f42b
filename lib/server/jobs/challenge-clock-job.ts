import 'server-only';
import { defineJob } from '@/lib/server/jobs/registry';
import { QUEUES } from '@/lib/server/queue/boss';
import { runChallengeClock } from '@/lib/server/challenges/run-challenge-clock';

export const challengeClockJob = defineJob<Record<string, never>>({
  queue: QUEUES.challengeClock,
  concurrency: 1,
  // Every minute: deadlines are kept to the minute, and the pages use effectiveState meanwhile.
  cron: '* * * * *',
  async handler() {
    const report = await runChallengeClock();
    if (report.closed.length > 0 || report.reminders > 0) {
      console.log(`[worker] challenge clock: closed ${report.closed.join(', ') || 'none'}; ${report.reminders} reminders`);
    }
  },
});
