import { Button } from '@/components/ui/button';
import { FileStatusBadge } from '@/components/publish/status-badges';
import { removeFileAction } from '@/lib/server/files/actions/remove-file';
import type { InspectionSummary } from '@/lib/core/files/inspection-summary';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatMemory } from '@/lib/core/format';

export interface FileRow {
  id: string;
  format: string;
  architecture: string;
  provider: string;
  fileName: string;
  sizeBytes: number;
  status: 'UPLOADING' | 'PENDING' | 'INSPECTING' | 'VERIFIED' | 'REJECTED';
  sha256: string | null;
  rejectCode: string | null;
  rejectReason: string | null;
  summary: InspectionSummary | null;
}

function Facts({ s }: { s: InspectionSummary }) {
  const items: [string, string][] = [];
  if (s.product) items.push(['Product', [s.product, s.version].filter(Boolean).join(' ')]);
  if (s.vendor) items.push(['Vendor', s.vendor]);
  if (s.os) items.push(['OS', s.os]);
  if (s.cpus) items.push(['CPUs', String(s.cpus)]);
  if (s.memoryMiB) items.push(['Memory', formatMemory(s.memoryMiB)]);
  if (s.diskBytes) items.push(['Disk', formatBytes(s.diskBytes)]);
  if (s.manifest) items.push(['Manifest', s.manifest]);
  if (s.signature) items.push(['Signature', s.signature]);
  if (s.details.length) items.push(['Image', s.details.join(', ')]);
  if (items.length === 0) return null;
  return (
    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="inspection-facts">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="text-slate-800" data-testid={`fact-${k.toLowerCase()}`}>
            {v}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function FilesTable({ applianceId, versionId, files, removable }: { applianceId: string; versionId: string; files: FileRow[]; removable: (f: FileRow) => boolean }) {
  if (files.length === 0) return <p className="px-5 py-6 text-sm text-slate-500">No files yet. Add one below.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Files of this version">
      {files.map((f) => (
        <li key={f.id} className="grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,1.3fr)_minmax(0,2fr)_auto]" data-testid="version-file">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
              {FORMAT_LABELS[f.format] ?? f.format}
              <span className="font-normal text-slate-500">
                {ARCH_LABELS[f.architecture] ?? f.architecture}
                {f.provider ? ` · ${f.provider}` : ''}
              </span>
            </p>
            <p className="truncate text-sm text-slate-600" title={f.fileName}>
              {f.fileName}
            </p>
            <p className="text-xs text-slate-500">{formatBytes(f.sizeBytes)}</p>
          </div>
          <div className="min-w-0">
            <FileStatusBadge status={f.status} />
            {f.status === 'REJECTED' && f.rejectReason && (
              <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="reject-reason">
                {f.rejectReason}
              </p>
            )}
            {(f.status === 'PENDING' || f.status === 'INSPECTING') && <p className="mt-1 text-xs text-slate-500">Checking the bytes, the format and any manifest. This page updates by itself.</p>}
            {f.summary && <Facts s={f.summary} />}
            {f.sha256 && (
              <p className="mt-1 truncate font-mono text-[11px] text-slate-500" title={f.sha256}>
                sha256 {f.sha256}
              </p>
            )}
          </div>
          <div className="flex items-start md:justify-end">
            {removable(f) && (
              <form action={removeFileAction.bind(null, applianceId, versionId, f.id)}>
                <Button type="submit" variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Remove ${f.fileName}`}>
                  Remove
                </Button>
              </form>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
