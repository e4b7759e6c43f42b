import 'server-only';
import { defineJob } from '@/lib/server/jobs/registry';
import { QUEUES } from '@/lib/server/queue/boss';
import { readFileInside } from '@/lib/server/inside-reports/read-file-inside';
import { readInside } from '@/lib/core/inside/read-inside';

export const readInsideJob = defineJob<{ fileId: string }>({
  queue: QUEUES.readInside,
  // Range reads of a few MB each: one at a time per worker leaves the cores to inspection.
  concurrency: 1,
  async handler({ fileId }) {
    const report = await readFileInside(fileId, readInside);
    if (report) console.log(`[worker] file ${fileId}: inside ${report.status}${report.reason ? ` — ${report.reason}` : ''}, ${report.packages.length} packages, ${report.bytesRead} bytes read`);
  },
});
