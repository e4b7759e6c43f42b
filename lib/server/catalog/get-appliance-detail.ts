import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { canDownloadFile } from '@/lib/core/appliances/visibility';
import { findListing } from '@/lib/server/catalog/listing-access';
import { launchPlans } from '@/lib/server/catalog/launch-file';
import { compareVersions } from '@/lib/core/versions';
import { signatureOf } from '@/lib/core/files/file-signature';
import { readApplianceAccess } from '@/lib/core/appliances/appliance-access';

/**
 * Everything the appliance page shows, already filtered for the caller: null when the caller may
 * not see the listing (the page answers 404, never "forbidden", so hidden listings stay secret).
 * The public sees released and revoked versions, and only the files it may download; owners,
 * admins and judges assigned to the listing see drafts, unverified files and reject reasons.
 */
export async function getApplianceDetail(actor: Actor | null, publisherHandle: string, slug: string) {
  const access = await findListing(actor, publisherHandle, slug);
  if (!access) return null;
  const row = await db.appliance.findUniqueOrThrow({
    where: { id: access.applianceId },
    include: {
      publisher: { select: { handle: true, displayName: true, url: true, bio: true, ownerId: true } },
      category: { select: { slug: true, name: true } },
      screenshots: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] },
      versions: { include: { files: { orderBy: [{ format: 'asc' }, { architecture: 'asc' }, { provider: 'asc' }] } } },
      entries: {
        select: {
          awards: { select: { title: true, kind: true, challenge: { select: { slug: true, title: true, state: true } } } },
        },
      },
    },
  });
  const { privileged } = access;
  const hardware = { cpus: row.minCpus, memoryMiB: row.minMemoryMiB };

  const versions = row.versions
    .filter((v) => privileged || v.status !== 'DRAFT')
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      changelog: v.changelog,
      releasedAt: v.releasedAt?.toISOString() ?? null,
      revokedAt: v.revokedAt?.toISOString() ?? null,
      revokeReason: v.revokeReason,
      files: v.files
        .map((f) => ({ f, downloadable: canDownloadFile(actor, access.facts, { status: f.status, versionStatus: v.status }, access.assignedJudge) }))
        .filter(({ downloadable }) => privileged || downloadable)
        .map(({ f, downloadable }) => ({
          id: f.id,
          format: f.format,
          architecture: f.architecture,
          provider: f.provider,
          fileName: f.fileName,
          sizeBytes: Number(f.sizeBytes),
          sha256: f.sha256,
          status: f.status,
          rejectReason: privileged ? f.rejectReason : null,
          verifiedAt: f.status === 'VERIFIED' ? (f.inspectedAt?.toISOString() ?? null) : null,
          signature: f.status === 'VERIFIED' ? signatureOf(f.inspection) : null,
          downloadable,
          launch:
            f.status === 'VERIFIED'
              ? launchPlans(f, { publisher: row.publisher.handle, appliance: row.slug, version: v.version, hardware })
              : [],
        })),
    }));

  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    summary: row.summary,
    description: row.description,
    status: row.status,
    reviewNote: privileged ? row.reviewNote : null,
    tags: row.tags,
    license: row.license,
    eula: row.eula,
    homepage: row.homepage,
    category: row.category,
    publisher: { handle: row.publisher.handle, displayName: row.publisher.displayName, url: row.publisher.url, bio: row.publisher.bio },
    requirements: {
      cpus: row.minCpus,
      memoryMiB: row.minMemoryMiB,
      diskBytes: row.minDiskBytes === null ? null : Number(row.minDiskBytes),
      osFamily: row.osFamily,
      osName: row.osName,
    },
    access: readApplianceAccess(row),
    formats: row.formats,
    architectures: row.architectures,
    latestVersion: row.latestVersion,
    latestReleasedAt: row.latestReleasedAt?.toISOString() ?? null,
    downloadSizeBytes: row.downloadSizeBytes === null ? null : Number(row.downloadSizeBytes),
    downloadCount: row.downloadCount,
    ratingAvg: row.ratingAvg,
    ratingCount: row.ratingCount,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    screenshots: row.screenshots.map((s) => ({ id: s.id, caption: s.caption, width: s.width, height: s.height })),
    awards: row.entries.flatMap((e) =>
      e.awards
        .filter((a) => a.challenge.state === 'RESULTS' || a.challenge.state === 'ARCHIVED')
        .map((a) => ({ title: a.title, kind: a.kind, challenge: { slug: a.challenge.slug, title: a.challenge.title } })),
    ),
    versions,
    viewer: { privileged, isOwner: access.owner, isAdmin: !!actor?.roles.includes('ADMIN'), assignedJudge: access.assignedJudge, signedIn: !!actor },
  };
}

export type ApplianceDetail = NonNullable<Awaited<ReturnType<typeof getApplianceDetail>>>;
export type ApplianceDetailFile = ApplianceDetail['versions'][number]['files'][number];
