import 'server-only';
import { db, type Prisma } from '@/lib/server/db';

export interface AuditInput {
  actorId: string | null;
  action: string; // verb.noun, e.g. 'user.grant_role', 'listing.approve'
  targetType: string;
  targetId: string;
  reason?: string | null;
  data?: Prisma.InputJsonValue;
}

type Tx = Pick<typeof db, 'auditLog'>;

/** Appends to the audit log, inside the caller's transaction when one is given. */
export async function recordAudit(input: AuditInput, tx: Tx = db) {
  await tx.auditLog.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      reason: input.reason ?? null,
      data: input.data,
    },
  });
}
