import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { findOwnAppliance } from '@/lib/server/appliances/own-appliance';
import { versionSortKey } from '@/lib/core/versions';
import type { CreateVersionRequest } from '@/lib/core/publishing/api-schemas';

/** A new draft version of the caller's listing. Version strings are unique per listing. */
export async function createVersion(actor: Actor, applianceId: string, input: CreateVersionRequest) {
  const appliance = await findOwnAppliance(actor, applianceId, { id: true });
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.applianceVersion.create({
        data: { applianceId: appliance.id, version: input.version, sortKey: versionSortKey(input.version), changelog: input.changelog ?? '' },
        select: { id: true, version: true, status: true },
      });
      await recordAudit({ actorId: actor.id, action: 'version.create', targetType: 'ApplianceVersion', targetId: row.id, data: { version: row.version } }, tx);
      return row;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new AppError('CONFLICT', `Version ${input.version} already exists for this appliance.`, {
        fields: { version: 'This version already exists.' },
      });
    }
    throw e;
  }
}
