import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { compareVersions } from '@/lib/core/versions';

type Counts = Record<string, number>;
const count = (values: string[]): Counts => values.reduce<Counts>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

/** Everything /publish shows: the caller's profile and each listing with versions, files and downloads. */
export async function getPublisherDashboard(actor: Actor) {
  const publisher = await db.publisher.findUnique({
    where: { ownerId: actor.id },
    select: { id: true, handle: true, displayName: true, url: true, bio: true, avatarKey: true },
  });
  if (!publisher) return null;
  const [rows, unfinished] = await Promise.all([
    db.appliance.findMany({
      where: { publisherId: publisher.id },
      orderBy: { updatedAt: 'desc' },
      select: {
        id: true,
        name: true,
        slug: true,
        summary: true,
        status: true,
        reviewNote: true,
        latestVersion: true,
        downloadCount: true,
        updatedAt: true,
        publishedAt: true,
        versions: { select: { version: true, status: true, files: { select: { status: true } } } },
        screenshots: { orderBy: { position: 'asc' }, take: 1, select: { id: true } },
      },
    }),
    db.upload.count({ where: { userId: actor.id, state: 'ACTIVE' } }),
  ]);
  const appliances = rows.map((a) => {
    const versions = [...a.versions].sort((x, y) => compareVersions(y.version, x.version));
    const files = count(versions.flatMap((v) => v.files.map((f) => f.status)));
    return {
      id: a.id,
      name: a.name,
      slug: a.slug,
      summary: a.summary,
      status: a.status,
      reviewNote: a.reviewNote,
      latestVersion: a.latestVersion,
      newestVersion: versions[0] ? { version: versions[0].version, status: versions[0].status } : null,
      downloadCount: a.downloadCount,
      updatedAt: a.updatedAt,
      publishedAt: a.publishedAt,
      versions: count(versions.map((v) => v.status)),
      versionTotal: versions.length,
      files,
      thumbnailId: a.screenshots[0]?.id ?? null,
    };
  });
  return {
    publisher: { ...publisher, hasAvatar: !!publisher.avatarKey },
    appliances,
    totals: {
      appliances: appliances.length,
      published: appliances.filter((a) => a.status === 'PUBLISHED').length,
      inReview: appliances.filter((a) => a.status === 'IN_REVIEW').length,
      downloads: appliances.reduce((s, a) => s + a.downloadCount, 0),
      verifying: appliances.reduce((s, a) => s + (a.files.PENDING ?? 0) + (a.files.INSPECTING ?? 0), 0),
      unfinishedUploads: unfinished,
    },
  };
}
