import 'server-only';
import { db } from '@/lib/server/db';
import { defaultFileOf } from '@/lib/core/launch/default-file';
import { compareVersions } from '@/lib/core/versions';
import { insideSummaryOf } from '@/lib/core/inside-reports/summary';

type Tx = Pick<typeof db, 'appliance' | 'applianceVersion' | 'applianceFile'>;

/**
 * Recomputes what search facets and cards show from the newest released version that has verified
 * files: formats, architectures, the default download's size (`defaultFileOf`: what a plain download
 * or `apx pull` fetches), latest version. Called whenever a file is
 * verified, a version is released or revoked, or a listing is published.
 */
export async function refreshApplianceFacets(applianceId: string, tx: Tx = db) {
  const versions = await tx.applianceVersion.findMany({
    where: { applianceId, status: 'RELEASED' },
    select: {
      id: true,
      version: true,
      releasedAt: true,
      files: { where: { status: 'VERIFIED' }, select: { format: true, architecture: true, sizeBytes: true } },
    },
  });
  const withFiles = versions.filter((v) => v.files.length > 0).sort((a, b) => compareVersions(b.version, a.version));
  const latest = withFiles[0];
  // What's inside the newest release (OS release facet, package search), from its best-read file.
  const inside = latest
    ? insideSummaryOf(
        await tx.applianceFile.findMany({
          where: { versionId: latest.id, status: 'VERIFIED', insideStatus: { in: ['READ', 'PARTIAL'] } },
          select: { insideStatus: true, inside: true },
        }),
      )
    : { osRelease: null, insidePackages: [] };
  await tx.appliance.update({
    where: { id: applianceId },
    data: latest
      ? {
          formats: { set: [...new Set(latest.files.map((f) => f.format))].sort() },
          architectures: { set: [...new Set(latest.files.map((f) => f.architecture))].sort() },
          downloadSizeBytes: defaultFileOf(latest.files)!.sizeBytes,
          latestVersion: latest.version,
          latestReleasedAt: latest.releasedAt,
          osRelease: inside.osRelease,
          insidePackages: { set: inside.insidePackages },
        }
      : { formats: { set: [] }, architectures: { set: [] }, downloadSizeBytes: null, latestVersion: null, latestReleasedAt: null, osRelease: null, insidePackages: { set: [] } },
  });
}
