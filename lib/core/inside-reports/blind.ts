// Pure: a report as a blind judge may see it. Nothing in it may name the entrant.
import type { InsideReport } from '@/lib/core/inside/types';
import { redactDeep } from '@/lib/core/challenges/logic/redact';

/**
 * Filesystem labels and the OVA member name are the publisher's own words (often their name):
 * dropped. Every other string — package names, paths such as /home/<user>, finding texts — has
 * the entrant's identities replaced.
 */
export function blindInsideReport(report: InsideReport, redact: (text: string) => string): InsideReport {
  const stripped: InsideReport = {
    ...report,
    disk: report.disk ? { format: report.disk.format, virtualSizeBytes: report.disk.virtualSizeBytes } : undefined,
    filesystems: report.filesystems.map((f) => {
      const copy = { ...f };
      delete copy.label;
      return copy;
    }),
  };
  if (!stripped.disk) delete stripped.disk;
  return redactDeep(stripped, redact);
}
