import 'server-only';
// Importing a job module registers it (see registry.ts). One line per job.
import '@/lib/jobs/inspect-file-job';
import '@/lib/jobs/read-inside-job';
import '@/lib/jobs/sweep-inspections-job';
import '@/lib/jobs/cleanup-uploads-job';
import '@/lib/jobs/challenge-clock-job';
import '@/lib/jobs/send-mail-job';

export { jobs } from '@/lib/jobs/registry';
