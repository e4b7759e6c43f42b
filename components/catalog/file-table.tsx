import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { CopyButton } from '@/components/catalog/copy-button';
import { FileSignatureNote } from '@/components/catalog/file-signature';
import type { ApplianceDetailFile } from '@/lib/server/catalog/get-appliance-detail';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatDate } from '@/lib/core/format';

function Verification({ file }: { file: ApplianceDetailFile }) {
  if (file.status === 'VERIFIED') {
    return (
      <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700" title={file.verifiedAt ? `Verified ${formatDate(file.verifiedAt)}` : 'Verified'}>
        <span aria-hidden>✓</span> Verified
      </span>
    );
  }
  if (file.status === 'REJECTED') return <Badge tone="red">rejected</Badge>;
  return <Badge tone="amber">{file.status.toLowerCase()}</Badge>;
}

/**
 * One version's files: format, architecture, size, SHA-256 (copyable), verification, download.
 * On a phone each file is a card: name and Download, then architecture, size and status, then the
 * whole checksum, wrapped.
 */
export function FileTable({ files, extras }: { files: ApplianceDetailFile[]; extras?: Record<string, ReactNode> }) {
  return (
    <div className="relative mt-3 overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className="w-full text-left text-sm max-sm:block">
        <thead className="bg-slate-50 text-xs text-slate-500 uppercase max-sm:sr-only">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">File</th>
            <th scope="col" className="px-3 py-2 font-medium">Arch</th>
            <th scope="col" className="px-3 py-2 font-medium">Size</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Download</span></th>
          </tr>
        </thead>
        {files.map((f) => (
          <tbody key={f.id} data-testid={`file-${f.id}`} className="border-t border-slate-200 first-of-type:border-t-0 max-sm:block">
            <tr className="align-top max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1.5 max-sm:px-3 max-sm:pt-3">
              <td className="px-3 py-2.5 max-sm:w-[calc(100%-7.5rem)] max-sm:p-0">
                <div className="font-medium text-slate-900">
                  {FORMAT_LABELS[f.format] ?? f.format}
                  {f.provider ? <span className="font-normal text-slate-500"> · {f.provider}</span> : null}
                </div>
                <div className="max-w-56 truncate font-mono text-xs text-slate-500 max-sm:max-w-full" title={f.fileName}>
                  {f.fileName}
                </div>
                {f.rejectReason && <p className="mt-1 max-w-72 text-xs text-red-700">{f.rejectReason}</p>}
                <FileSignatureNote id={f.id} signature={f.signature} />
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap max-sm:order-2 max-sm:p-0">{ARCH_LABELS[f.architecture] ?? f.architecture}</td>
              <td className="px-3 py-2.5 whitespace-nowrap tabular-nums max-sm:order-2 max-sm:p-0">{formatBytes(f.sizeBytes)}</td>
              <td className="px-3 py-2.5 whitespace-nowrap max-sm:order-2 max-sm:p-0">
                <Verification file={f} />
              </td>
              <td className="px-3 py-2.5 text-right max-sm:order-1 max-sm:ml-auto max-sm:p-0">
                {f.downloadable && (
                  <a href={`/api/v1/files/${f.id}/download`} className={buttonClass('secondary', 'sm')} aria-label={`Download ${f.fileName}`} data-testid={`download-${f.id}`}>
                    ⬇ Download
                  </a>
                )}
              </td>
            </tr>
            <tr className="max-sm:block">
              <td colSpan={5} className="px-3 pb-2.5 max-sm:block max-sm:pt-2">
                {f.sha256 ? (
                  <div className="flex items-center gap-2 rounded-md bg-slate-50 px-2 py-1">
                    <span className="text-[11px] font-semibold text-slate-500 uppercase">SHA-256</span>
                    <code className="min-w-0 flex-1 truncate font-mono text-xs text-slate-700 max-sm:overflow-visible max-sm:break-all max-sm:whitespace-normal" data-testid={`sha256-${f.id}`} data-sha256={f.sha256} title={f.sha256}>
                      {f.sha256}
                    </code>
                    <CopyButton text={f.sha256} label={`Copy the SHA-256 of ${f.fileName}`} />
                  </div>
                ) : (
                  <p className="text-xs text-slate-500">SHA-256 not computed yet: the file has not been verified.</p>
                )}
              </td>
            </tr>
            {extras?.[f.id] && (
              <tr className="max-sm:block">
                <td colSpan={5} className="px-3 pb-2.5 max-sm:block">
                  {extras[f.id]}
                </td>
              </tr>
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
