import { FileTry } from '@/components/try/file-try';
import { TRY_LINE_FORMATS } from '@/lib/core/try/browser-trial';
import { getBrowserTrials } from '@/lib/server/try/get-browser-trials';

/**
 * "Try in browser" on the judge's entry page: the judging try endpoint (the judge download's
 * decision and, in blind mode, its anonymous copy). The title is the entry's label, never the
 * entrant's.
 */
export async function JudgeTry({ entryId, file, title, requiredMemoryMiB }: { entryId: string; file: { id: string; format: string }; title: string; requiredMemoryMiB: number | null }) {
  if (!TRY_LINE_FORMATS.has(file.format)) return null;
  // The judge view lists only the verified files the judge may download.
  const trials = await getBrowserTrials([{ id: file.id, downloadable: true }], requiredMemoryMiB);
  const trial = trials[file.id];
  if (!trial) return null;
  return (
    <FileTry
      fileId={file.id}
      trial={trial}
      sessionUrl={`/api/v1/judging/entries/${encodeURIComponent(entryId)}/files/${encodeURIComponent(file.id)}/try`}
      title={title}
      requiredMemoryMiB={requiredMemoryMiB}
      launchLine={null}
    />
  );
}
