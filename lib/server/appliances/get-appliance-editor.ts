import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { compareVersions } from '@/lib/core/versions';
import { findOwnAppliance } from '@/lib/server/appliances/own-appliance';
import { listingSelect, toListing } from '@/lib/server/appliances/listing-shape';
import { submissionProblems } from '@/lib/server/appliances/submit-appliance';
import { summarizeInspection } from '@/lib/core/files/inspection-summary';

/** What the listing editor shows: the listing, its screenshots and versions, and what review still needs. */
export async function getApplianceEditor(actor: Actor, applianceId: string) {
  const row = await findOwnAppliance(actor, applianceId, {
    ...listingSelect,
    screenshots: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, caption: true, width: true, height: true } },
    versions: {
      select: {
        id: true,
        version: true,
        status: true,
        releasedAt: true,
        revokeReason: true,
        createdAt: true,
        files: { select: { status: true, format: true, architecture: true, inspection: true, inspectedAt: true } },
      },
    },
  });
  const [categories, problems] = await Promise.all([
    db.category.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { slug: true, name: true } }),
    submissionProblems(row.id),
  ]);
  const versions = [...row.versions].sort((a, b) => compareVersions(b.version, a.version));
  // The newest verified file's findings: what "filled from inspection" refers to.
  const inspected = versions
    .flatMap((v) => v.files)
    .filter((f) => f.status === 'VERIFIED' && f.inspectedAt)
    .sort((a, b) => (b.inspectedAt?.getTime() ?? 0) - (a.inspectedAt?.getTime() ?? 0))[0];
  return {
    listing: toListing(row),
    screenshots: row.screenshots,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      releasedAt: v.releasedAt,
      revokeReason: v.revokeReason,
      createdAt: v.createdAt,
      files: v.files.map((f) => ({ status: f.status, format: f.format, architecture: f.architecture })),
    })),
    categories,
    submissionProblems: problems,
    inspection: inspected ? summarizeInspection(inspected.inspection) : null,
  };
}
