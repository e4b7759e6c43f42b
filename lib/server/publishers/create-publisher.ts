import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import type { PublisherInput } from '@/lib/core/publishers/publisher-schema';

/** Creating a publisher profile is what makes a user a developer. One profile per user. */
export async function createPublisher(actor: Actor, input: PublisherInput) {
  try {
    return await db.$transaction(async (tx) => {
      const publisher = await tx.publisher.create({
        data: { handle: input.handle, displayName: input.displayName, url: input.url, bio: input.bio, ownerId: actor.id },
      });
      const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { roles: true } });
      if (!user.roles.includes('DEVELOPER')) {
        await tx.user.update({ where: { id: actor.id }, data: { roles: { set: [...user.roles, 'DEVELOPER'] } } });
      }
      await recordAudit({ actorId: actor.id, action: 'publisher.create', targetType: 'Publisher', targetId: publisher.id, data: { handle: input.handle } }, tx);
      return publisher;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const target = JSON.stringify(e.meta ?? {});
      if (target.includes('ownerId')) throw conflict('You already have a publisher profile.');
      throw new AppError('CONFLICT', 'This handle is taken.', { fields: { handle: 'This handle is taken.' } });
    }
    throw e;
  }
}

export async function getPublisherForOwner(ownerId: string) {
  return db.publisher.findUnique({ where: { ownerId } });
}
