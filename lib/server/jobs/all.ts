import 'server-only';
// Importing a job module registers it (see registry.ts). One line per job.
import '@/lib/server/jobs/inspect-file-job';
import '@/lib/server/jobs/read-inside-job';
import '@/lib/server/jobs/sweep-inspections-job';
import '@/lib/server/jobs/cleanup-uploads-job';
import '@/lib/server/jobs/challenge-clock-job';
import '@/lib/server/jobs/send-mail-job';

export { jobs } from '@/lib/server/jobs/registry';
