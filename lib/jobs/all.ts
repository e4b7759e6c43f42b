import 'server-only';
// Importing a job module registers it (see registry.ts). One line per job.
import '@/lib/jobs/inspect-file-job';
import '@/lib/jobs/cleanup-uploads-job';

export { jobs } from '@/lib/jobs/registry';
