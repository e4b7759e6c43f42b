import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/roles';
import { canDownloadFile, canViewListing, hasPrivilegedView } from '@/lib/appliances/visibility';
import { compareVersions } from '@/lib/versions';

/**
 * Everything the appliance page shows, already filtered for the caller: null when the caller may
 * not see the listing (the page answers 404, never "forbidden", so hidden listings stay secret).
 */
export async function getApplianceDetail(actor: Actor | null, publisherHandle: string, slug: string) {
  const row = await db.appliance.findFirst({
    where: { slug, publisher: { handle: publisherHandle } },
    include: {
      publisher: { select: { handle: true, displayName: true, url: true, bio: true, ownerId: true } },
      category: { select: { slug: true, name: true } },
      screenshots: { orderBy: { position: 'asc' } },
      versions: { include: { files: { orderBy: [{ format: 'asc' }, { architecture: 'asc' }] } } },
      entries: {
        select: {
          awards: { select: { title: true, kind: true, challenge: { select: { slug: true, title: true, state: true } } } },
        },
      },
    },
  });
  if (!row) return null;
  const listing = { status: row.status, ownerId: row.publisher.ownerId };
  if (!canViewListing(actor, listing)) return null;
  const privileged = hasPrivilegedView(actor, listing);

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
        .filter((f) => privileged || f.status === 'VERIFIED')
        .map((f) => ({
          id: f.id,
          format: f.format,
          architecture: f.architecture,
          provider: f.provider,
          fileName: f.fileName,
          sizeBytes: Number(f.sizeBytes),
          sha256: f.sha256,
          status: f.status,
          rejectReason: privileged ? f.rejectReason : null,
          inspection: f.inspection,
          downloadable: canDownloadFile(actor, listing, { status: f.status, versionStatus: v.status }),
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
    downloadCount: row.downloadCount,
    ratingAvg: row.ratingAvg,
    ratingCount: row.ratingCount,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    screenshots: row.screenshots.map((s) => ({ id: s.id, caption: s.caption, width: s.width, height: s.height })),
    awards: row.entries.flatMap((e) =>
      e.awards
        .filter((a) => a.challenge.state === 'RESULTS' || a.challenge.state === 'ARCHIVED')
        .map((a) => ({ title: a.title, kind: a.kind, challenge: { slug: a.challenge.slug, title: a.challenge.title } })),
    ),
    versions,
    viewer: { privileged, isOwner: !!actor && actor.id === row.publisher.ownerId },
  };
}

export type ApplianceDetail = NonNullable<Awaited<ReturnType<typeof getApplianceDetail>>>;
