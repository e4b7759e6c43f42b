import 'server-only';
import type { z } from 'zod';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { isAdmin } from '@/lib/core/auth/roles';
import { findFile } from '@/lib/server/catalog/listing-access';
import { diskNamesOf, launchPlans, ovfNameOf } from '@/lib/server/catalog/launch-file';
import { siteUrl } from '@/lib/server/catalog/api-views';
import type { fileInfoSchema, launchResponseSchema } from '@/lib/core/catalog/api-schemas';
import { notFound, invalid } from '@/lib/core/errors';
import { playersFor, PLAYERS, type Player } from '@/lib/core/launch';
import { toLaunchFile } from '@/lib/server/catalog/launch-file';
import { signatureOf } from '@/lib/core/files/file-signature';

async function loadFile(actor: Actor | null, fileId: string) {
  const access = await findFile(actor, fileId);
  if (!access) throw notFound('That file');
  const f = await db.applianceFile.findUniqueOrThrow({
    where: { id: fileId },
    include: {
      version: {
        select: {
          version: true,
          status: true,
          appliance: { select: { slug: true, name: true, status: true, minCpus: true, minMemoryMiB: true, publisher: { select: { handle: true } } } },
        },
      },
    },
  });
  return { access, f };
}

/**
 * One file as the caller may see it (the `apx` client polls this after publishing). The reject
 * reason is for the owner and admins only; assigned judges see the file, not the moderation detail.
 */
export async function getFileInfo(actor: Actor | null, fileId: string): Promise<z.infer<typeof fileInfoSchema>> {
  const { access, f } = await loadFile(actor, fileId);
  const appliance = f.version.appliance;
  const moderator = access.owner || isAdmin(actor);
  return {
    id: f.id,
    format: f.format,
    architecture: f.architecture,
    provider: f.provider,
    fileName: f.fileName,
    sizeBytes: Number(f.sizeBytes),
    sha256: f.sha256,
    status: f.status,
    verifiedAt: f.status === 'VERIFIED' ? (f.inspectedAt?.toISOString() ?? null) : null,
    signature: f.status === 'VERIFIED' ? signatureOf(f.inspection) : null,
    downloadUrl: siteUrl(`/api/v1/files/${encodeURIComponent(f.id)}/download`),
    version: f.version.version,
    versionStatus: f.version.status,
    appliance: { publisher: appliance.publisher.handle, slug: appliance.slug, name: appliance.name, status: appliance.status },
    diskNames: diskNamesOf(f.inspection),
    ovfName: ovfNameOf(f.inspection),
    hardware: { cpus: appliance.minCpus, memoryMiB: appliance.minMemoryMiB },
    inspectedAt: f.inspectedAt?.toISOString() ?? null,
    rejectCode: moderator ? f.rejectCode : null,
    rejectReason: moderator ? f.rejectReason : null,
    players: f.status === 'VERIFIED' ? playersFor(toLaunchFile(f)) : [],
  };
}

/** The plan and shell text for one player, exactly as the appliance page shows them. */
export async function getLaunchPlan(actor: Actor | null, fileId: string, player: string): Promise<z.infer<typeof launchResponseSchema>> {
  if (!(PLAYERS as readonly string[]).includes(player)) throw invalid(`Choose a player: ${PLAYERS.join(', ')}.`, { player: 'Unknown player.' });
  const { f } = await loadFile(actor, fileId);
  if (f.status !== 'VERIFIED') throw notFound('Launch instructions for that file (it is not verified)');
  const appliance = f.version.appliance;
  const plans = launchPlans(f, {
    publisher: appliance.publisher.handle,
    appliance: appliance.slug,
    version: f.version.version,
    hardware: { cpus: appliance.minCpus, memoryMiB: appliance.minMemoryMiB },
  });
  const found = plans.find((p) => p.player === (player as Player))!;
  return { plan: found.plan, text: found.text };
}
