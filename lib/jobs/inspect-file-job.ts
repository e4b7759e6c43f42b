import 'server-only';
import { defineJob } from '@/lib/jobs/registry';
import { QUEUES } from '@/lib/jobs/boss';
import { inspectFile } from '@/lib/files/inspect-file';

export const inspectFileJob = defineJob<{ fileId: string }>({
  queue: QUEUES.inspectFile,
  // Inspection is I/O and hashing bound; two at once keep both cores busy without starving the app.
  concurrency: 2,
  async handler({ fileId }, { signal }) {
    const report = await inspectFile(fileId, { signal });
    if (report) console.log(`[worker] file ${fileId}: ${report.verdict}${report.reason ? ` — ${report.reason}` : ''}`);
  },
  handBack: ({ fileId }) => ({ singletonKey: `inspect:${fileId}` }),
});
