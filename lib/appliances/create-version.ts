import 'server-only';
import { db, Prisma } from '@/lib/db';
import type { Actor } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { findOwnAppliance } from '@/lib/appliances/own-appliance';
import { versionSortKey } from '@/lib/versions';
import type { CreateVersionRequest } from '@/lib/publishing/api-schemas';

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
