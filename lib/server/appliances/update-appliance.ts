import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { findOwnAppliance } from '@/lib/server/appliances/own-appliance';
import { resolveCategory } from '@/lib/server/appliances/resolve-category';
import { slugTaken } from '@/lib/server/appliances/create-appliance';
import { listingSelect, toListing } from '@/lib/server/appliances/listing-shape';
import type { UpdateListingRequest } from '@/lib/core/publishing/api-schemas';

/** Changes the given fields of the caller's listing; absent fields stay as they are. */
export async function updateAppliance(actor: Actor, applianceId: string, input: UpdateListingRequest) {
  const current = await findOwnAppliance(actor, applianceId, { id: true, slug: true, publishedAt: true });
  if (input.slug !== undefined && input.slug !== current.slug && current.publishedAt) {
    // Published addresses are in people's bookmarks, scripts and Vagrantfiles.
    throw new AppError('CONFLICT', 'The slug of a listing that has been published cannot change.', {
      fields: { slug: 'Published listings keep their address.' },
    });
  }
  const categoryId = await resolveCategory(input.category);
  const r = input.requirements;
  const data: Prisma.ApplianceUncheckedUpdateInput = {
    slug: input.slug,
    name: input.name,
    summary: input.summary,
    description: input.description,
    categoryId,
    tags: input.tags ? { set: input.tags } : undefined,
    license: input.license,
    eula: input.eula,
    homepage: input.homepage,
    minCpus: r?.cpus,
    minMemoryMiB: r?.memoryMiB,
    minDiskBytes: r?.diskBytes === undefined ? undefined : r.diskBytes === null ? null : BigInt(r.diskBytes),
    osFamily: r?.osFamily,
    osName: r?.osName,
    defaultCredentials: input.defaultCredentials,
    ports: input.ports,
  };
  try {
    const row = await db.$transaction(async (tx) => {
      const updated = await tx.appliance.update({ where: { id: current.id }, data, select: listingSelect });
      const fields = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
      await recordAudit({ actorId: actor.id, action: 'listing.update', targetType: 'Appliance', targetId: current.id, data: { fields } }, tx);
      return updated;
    });
    return toListing(row);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002' && input.slug) throw slugTaken(input.slug);
    throw e;
  }
}

export async function getOwnListing(actor: Actor, applianceId: string) {
  return toListing(await findOwnAppliance(actor, applianceId, listingSelect));
}
