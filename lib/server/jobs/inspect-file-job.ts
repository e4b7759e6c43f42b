import 'server-only';
import { defineJob } from '@/lib/server/jobs/registry';
import { enqueue, QUEUES } from '@/lib/server/queue/boss';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { markInsidePending } from '@/lib/server/inside-reports/mark-inside-pending';

export const inspectFileJob = defineJob<{ fileId: string }>({
  queue: QUEUES.inspectFile,
  // Inspection is I/O and hashing bound; two at once keep both cores busy without starving the app.
  concurrency: 2,
  async handler({ fileId }, { signal }) {
    const report = await inspectFile(fileId, { signal });
    if (report) console.log(`[worker] file ${fileId}: ${report.verdict}${report.reason ? ` — ${report.reason}` : ''}`);
    // What's inside is its own job: however it ends, the verified file stays verified.
    if (report?.verdict === 'VERIFIED') await markInsidePending(fileId).then(() => enqueue(QUEUES.readInside, { fileId }, { singletonKey: `inside:${fileId}` }));
  },
  handBack: ({ fileId }) => ({ singletonKey: `inspect:${fileId}` }),
});
