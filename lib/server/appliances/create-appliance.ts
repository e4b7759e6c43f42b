import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { resolveCategory } from '@/lib/server/appliances/resolve-category';
import type { CreateListingRequest } from '@/lib/core/publishing/api-schemas';

export function slugTaken(slug: string) {
  return new AppError('CONFLICT', `You already have an appliance at /${slug}. Choose another slug.`, {
    fields: { slug: 'You already have an appliance with this slug.' },
  });
}

/** A new draft listing under the caller's publisher profile. */
export async function createAppliance(actor: Actor, input: CreateListingRequest) {
  const publisher = await db.publisher.findUnique({ where: { ownerId: actor.id }, select: { id: true, handle: true } });
  if (!publisher) throw new AppError('FORBIDDEN', 'Create your publisher profile first (on /publish).');
  const categoryId = await resolveCategory(input.category);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.appliance.create({
        data: {
          publisherId: publisher.id,
          slug: input.slug,
          name: input.name,
          summary: input.summary ?? '',
          description: input.description ?? '',
          categoryId: categoryId ?? null,
          tags: input.tags ?? [],
          license: input.license ?? null,
          homepage: input.homepage ?? null,
        },
        select: { id: true, slug: true, status: true },
      });
      await recordAudit({ actorId: actor.id, action: 'listing.create', targetType: 'Appliance', targetId: created.id, data: { slug: input.slug } }, tx);
      return created;
    });
    return { id: row.id, publisher: publisher.handle, slug: row.slug, status: row.status };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw slugTaken(input.slug);
    throw e;
  }
}
