import type { ReactNode } from 'react';
import { FileTry } from '@/components/try/file-try';
import type { ApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { TRY_LINE_FORMATS } from '@/lib/core/try/browser-trial';
import { getBrowserTrials } from '@/lib/server/try/get-browser-trials';
import { ARCH_LABELS, FORMAT_LABELS } from '@/lib/core/format';

/** The "Try in browser" line of every verified disk file on the appliance page, by file id. */
export async function applianceTryCells(detail: ApplianceDetail): Promise<Record<string, ReactNode>> {
  const files = detail.versions.flatMap((v) =>
    v.files.filter((f) => f.status === 'VERIFIED' && TRY_LINE_FORMATS.has(f.format)).map((f) => ({ ...f, version: v.version })),
  );
  const trials = await getBrowserTrials(files, detail.requirements.memoryMiB);
  const slug = `${detail.publisher.handle}/${detail.slug}`;
  return Object.fromEntries(
    files
      .filter((f) => trials[f.id])
      .map((f) => [
        f.id,
        <FileTry
          key={f.id}
          fileId={f.id}
          trial={trials[f.id]}
          sessionUrl={`/api/v1/files/${encodeURIComponent(f.id)}/try`}
          title={`${detail.name} ${f.version} · ${FORMAT_LABELS[f.format] ?? f.format}`}
          requiredMemoryMiB={detail.requirements.memoryMiB}
          launchLine={f.downloadable ? `apx launch ${slug}@${f.version} --format ${f.format.toLowerCase()} --arch ${ARCH_LABELS[f.architecture] ?? f.architecture.toLowerCase()}` : null}
        />,
      ]),
  );
}
