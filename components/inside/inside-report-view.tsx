import { Badge } from '@/components/ui/badge';
import { PackageList } from '@/components/inside/package-list';
import type { InsideFinding, InsideReport } from '@/lib/core/inside/types';
import { kernelLabel } from '@/lib/core/inside-reports/summary';
import { formatBytes } from '@/lib/core/format';

const SEVERITY_TONE = { high: 'red', medium: 'amber', low: 'slate', info: 'brand' } as const;
const MANAGER_LABEL: Record<string, string> = { dpkg: 'dpkg', apk: 'apk', rpm: 'rpm' };

function Finding({ f }: { f: InsideFinding }) {
  return (
    <li className="rounded-lg border border-slate-200 px-4 py-3" data-testid={`finding-${f.code}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge>
        <p className="font-medium text-slate-900">{f.title}</p>
      </div>
      <p className="mt-1 text-sm text-slate-600">{f.detail}</p>
      {f.paths && f.paths.length > 0 && (
        <p className="mt-1 font-mono text-xs break-all text-slate-500">{f.paths.slice(0, 10).join(' · ')}{f.paths.length > 10 ? ` · and ${f.paths.length - 10} more` : ''}</p>
      )}
    </li>
  );
}

/**
 * One report as a person reads it: OS and kernel, package count and a filterable list, services
 * enabled at boot, findings each with its plain explanation. Shared by the appliance page and the
 * judge's entry page (which hands in a blind copy).
 */
export function InsideReportView({ report }: { report: InsideReport }) {
  if (report.status === 'not-read') {
    return (
      <div className="space-y-1 text-sm text-slate-600" data-testid="inside-not-read">
        <p>The contents of this image were not read: {(report.reason ?? 'no reason given').replace(/\.$/, '')}.</p>
        {report.disk && (
          <p className="text-xs text-slate-500">
            Disk: {report.disk.format}, {formatBytes(report.disk.virtualSizeBytes)}
            {report.partitionTable && report.partitionTable !== 'none' ? `, ${report.partitionTable.toUpperCase()}` : ''}
            {report.filesystems.map((f) => ` · ${f.partition ? `partition ${f.partition}: ` : ''}${f.type}${f.note ? ` (${f.note})` : ''}`).join('')}
          </p>
        )}
      </div>
    );
  }
  const kernel = kernelLabel(report);
  const managers = [...new Set(report.packages.map((p) => MANAGER_LABEL[p.manager] ?? p.manager))];
  const readable = report.filesystems.filter((f) => f.readable);
  const unreadable = report.filesystems.filter((f) => !f.readable);
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-4">
        <div className="col-span-2">
          <dt className="text-slate-500">Operating system</dt>
          <dd className="font-medium text-slate-900" data-testid="inside-os">{report.os?.prettyName ?? report.os?.name ?? report.os?.id ?? 'Not found'}</dd>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <dt className="text-slate-500">Kernel</dt>
          <dd className="font-mono text-xs break-all text-slate-900" data-testid="inside-kernel">{kernel ?? 'None found'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Packages</dt>
          <dd className="font-medium text-slate-900 tabular-nums" data-testid="inside-package-total">
            {report.packages.length}
            {managers.length > 0 && <span className="font-normal text-slate-500"> ({managers.join(', ')})</span>}
          </dd>
        </div>
        <div className="col-span-2 sm:col-span-4">
          <dt className="text-slate-500">Disk</dt>
          <dd className="text-slate-700">
            {report.disk ? `${report.disk.format}, ${formatBytes(report.disk.virtualSizeBytes)} virtual` : '—'}
            {report.partitionTable && report.partitionTable !== 'none' ? ` · ${report.partitionTable.toUpperCase()} partitions` : ''}
            {readable.length > 0 && ` · ${readable.map((f) => `${f.type}${f.partition ? ` (partition ${f.partition})` : ''}`).join(', ')}`}
          </dd>
        </div>
      </dl>

      {unreadable.length > 0 && (
        <ul className="space-y-1 text-sm text-amber-800">
          {unreadable.map((f, i) => (
            <li key={i}>
              Not read: {f.type}
              {f.partition ? ` on partition ${f.partition}` : ''} ({formatBytes(f.sizeBytes)}){f.note ? ` — ${f.note}` : ''}
            </li>
          ))}
        </ul>
      )}

      <section aria-label="Findings">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Findings</h3>
        {report.findings.length ? (
          <ul className="space-y-2">
            {report.findings.map((f, i) => (
              <Finding key={`${f.code}-${i}`} f={f} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-emerald-700">Nothing to report: no baked-in SSH host keys, authorized keys or empty passwords were found.</p>
        )}
      </section>

      <section aria-label="Services">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Services started at boot</h3>
        {report.services.length ? (
          <ul className="flex flex-wrap gap-1.5">
            {report.services.map((s) => (
              <li key={`${s.init}:${s.target}:${s.name}`}>
                <Badge title={`${s.init}, ${s.target}`}>{s.name}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">None found.</p>
        )}
      </section>

      <section aria-label="Packages">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Packages</h3>
        {report.packages.length ? (
          <PackageList packages={report.packages.map((p) => ({ name: p.name, version: p.version, arch: p.arch, manager: p.manager }))} />
        ) : (
          <p className="text-sm text-slate-500">No package database was found (dpkg, apk or rpm).</p>
        )}
      </section>
    </div>
  );
}
