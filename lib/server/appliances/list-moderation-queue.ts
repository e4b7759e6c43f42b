import 'server-only';
import { db } from '@/lib/server/db';
import { isAdmin, type Actor } from '@/lib/core/auth/roles';
import { forbidden } from '@/lib/core/errors';
import { compareVersions } from '@/lib/core/versions';
import { summarizeInspection } from '@/lib/core/files/inspection-summary';

/** Listings waiting for review, oldest first, with what the inspector found in each file; and recent decisions. */
export async function listModerationQueue(actor: Actor) {
  if (!isAdmin(actor)) throw forbidden();
  const rows = await db.appliance.findMany({
    where: { status: 'IN_REVIEW' },
    orderBy: { submittedAt: 'asc' },
    take: 100,
    select: {
      id: true,
      name: true,
      slug: true,
      summary: true,
      description: true,
      tags: true,
      license: true,
      eula: true,
      homepage: true,
      submittedAt: true,
      minCpus: true,
      minMemoryMiB: true,
      minDiskBytes: true,
      osName: true,
      category: { select: { name: true } },
      publisher: { select: { handle: true, displayName: true, createdAt: true, owner: { select: { email: true } } } },
      screenshots: { orderBy: { position: 'asc' }, select: { id: true, caption: true } },
      versions: {
        select: {
          id: true,
          version: true,
          status: true,
          changelog: true,
          files: {
            orderBy: [{ format: 'asc' }, { architecture: 'asc' }],
            select: { id: true, format: true, architecture: true, provider: true, fileName: true, sizeBytes: true, status: true, sha256: true, rejectReason: true, inspection: true },
          },
        },
      },
    },
  });
  const queue = rows.map((a) => ({
    ...a,
    minDiskBytes: a.minDiskBytes === null ? null : Number(a.minDiskBytes),
    versions: [...a.versions]
      .filter((v) => v.status !== 'DRAFT')
      .sort((x, y) => compareVersions(y.version, x.version))
      .map((v) => ({
        ...v,
        files: v.files
          .filter((f) => f.status !== 'UPLOADING')
          .map(({ inspection, sizeBytes, ...f }) => ({ ...f, sizeBytes: Number(sizeBytes), summary: summarizeInspection(inspection) })),
      })),
  }));
  const decisions = await db.auditLog.findMany({
    where: { action: { in: ['listing.approve', 'listing.reject'] } },
    orderBy: { createdAt: 'desc' },
    take: 15,
    select: { id: true, action: true, targetId: true, reason: true, createdAt: true, actor: { select: { name: true } } },
  });
  const names = new Map(
    (await db.appliance.findMany({ where: { id: { in: decisions.map((d) => d.targetId) } }, select: { id: true, name: true, slug: true, status: true, publisher: { select: { handle: true } } } })).map(
      (a) => [a.id, a],
    ),
  );
  return {
    queue,
    decisions: decisions.map((d) => ({
      id: String(d.id),
      approved: d.action === 'listing.approve',
      reason: d.reason,
      at: d.createdAt,
      by: d.actor?.name ?? 'system',
      appliance: names.get(d.targetId) ?? null,
    })),
  };
}
