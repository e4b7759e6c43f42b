import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { getActor } from '@/lib/server/auth/session';
import { Card, CardHeader } from '@/components/ui/card';
import { VersionDiffView } from '@/components/inside/version-diff-view';
import { VersionCompareForm } from '@/components/inside/version-compare-form';
import { getApplianceInside } from '@/lib/server/inside-reports/get-appliance-inside';
import { diffApplianceVersions } from '@/lib/server/inside-reports/diff-versions';
import { isAppError } from '@/lib/core/errors';

export const metadata: Metadata = { title: 'Compare versions' };

type Params = { publisher: string; slug: string };
type Search = { from?: string | string[]; to?: string | string[] };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 100) : undefined);

/** Packages added, removed and upgraded between two versions of one appliance. */
export default async function CompareVersionsPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { publisher, slug } = await params;
  const search = await searchParams;
  const actor = await getActor();
  const inside = await getApplianceInside(actor, publisher, slug, []);
  if (!inside) notFound();
  const base = `/appliances/${encodeURIComponent(inside.publisher)}/${encodeURIComponent(inside.slug)}`;
  const comparable = inside.versions.filter((v) => v.insideStatus === 'READ' || v.insideStatus === 'PARTIAL').map((v) => v.version);
  const from = one(search.from) ?? comparable[1];
  const to = one(search.to) ?? comparable[0];

  let diff = null;
  let problem: string | null = null;
  if (from && to) {
    try {
      diff = await diffApplianceVersions(actor, publisher, slug, from, to);
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'NOT_FOUND' && e.code !== 'CONFLICT')) throw e;
      problem = e.message;
    }
  } else {
    problem = 'This appliance has fewer than two versions whose contents were read.';
  }

  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
          <Link href={base} className="hover:text-slate-800">{inside.name}</Link> / Compare versions
        </nav>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">
          {from && to ? `${inside.name}: ${from} → ${to}` : `${inside.name}: compare versions`}
        </h1>
      </div>
      {comparable.length > 1 && <VersionCompareForm action={`${base}/compare`} versions={comparable} from={from} to={to} />}
      {problem ? (
        <Card className="p-5 text-sm text-slate-600" role="status">{problem}</Card>
      ) : (
        diff && (
          <Card>
            <CardHeader title="Package changes" description={`${diff.from.os ?? 'unknown OS'} (${diff.from.packageCount} packages) → ${diff.to.os ?? 'unknown OS'} (${diff.to.packageCount} packages)`} />
            <VersionDiffView diff={diff} />
          </Card>
        )
      )}
    </div>
  );
}
