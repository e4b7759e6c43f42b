import { Card, CardHeader } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { InsideReportView } from '@/components/inside/inside-report-view';
import { VersionCompareForm } from '@/components/inside/version-compare-form';
import type { Actor } from '@/lib/core/auth/roles';
import { getApplianceInside } from '@/lib/server/inside-reports/get-appliance-inside';
import { FORMAT_LABELS } from '@/lib/core/format';

/**
 * "What's inside" on the appliance page: the newest release's disk as read by the worker, an SBOM
 * download, and a comparison of two versions. Renders nothing when no version has a file the
 * caller may download.
 */
export async function InsideSection({ actor, publisher, slug }: { actor: Actor | null; publisher: string; slug: string }) {
  const inside = await getApplianceInside(actor, publisher, slug);
  const shown = inside ? [...inside.reports.values()][0] : undefined;
  if (!inside || !shown?.file) return null;
  const base = `/appliances/${encodeURIComponent(inside.publisher)}/${encodeURIComponent(inside.slug)}`;
  const report = shown.report;
  const comparable = inside.versions.filter((v) => v.insideStatus === 'READ' || v.insideStatus === 'PARTIAL').map((v) => v.version);

  return (
    <Card id="inside" className="scroll-mt-24" data-testid="whats-inside">
      <CardHeader
        title="What's inside"
        description={`Read from the disk of version ${shown.version} (${FORMAT_LABELS[shown.file.format] ?? shown.file.format}) on our side — before you download anything.`}
        action={
          report && report.status !== 'not-read' ? (
            <a href={`/api/v1/files/${encodeURIComponent(shown.file.id)}/sbom`} className={buttonClass('secondary', 'sm', 'shrink-0')} data-testid="sbom-download" download>
              SBOM
            </a>
          ) : undefined
        }
      />
      <div className="space-y-5 px-5 py-4">
        {report ? (
          <InsideReportView report={report} />
        ) : (
          <p className="text-sm text-slate-600">The contents of this image are being read. Reload in a minute.</p>
        )}
        {comparable.length > 1 && (
          <div className="border-t border-slate-100 pt-4">
            <VersionCompareForm action={`${base}/compare`} versions={comparable} />
          </div>
        )}
        <p className="text-xs text-slate-500">
          Also as JSON: <a href={`/api/v1/files/${encodeURIComponent(shown.file.id)}/inside`} className="font-mono break-all text-brand-700 underline underline-offset-2 hover:text-brand-900">/api/v1/files/{shown.file.id}/inside</a>
        </p>
      </div>
    </Card>
  );
}
