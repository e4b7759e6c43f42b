import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import { isAdmin, type Actor } from '@/lib/core/auth/roles';
import { forbidden, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { effectiveState, type ChallengeState } from '@/lib/core/challenges/logic/state-machine';

/** Every challenge service takes these: a clock (tests and the seed replay the past) and whether to e-mail. */
export interface ServiceOptions {
  now?: Date;
  /** Queue e-mails for the notifications created (default true; the seed turns it off). */
  mail?: boolean;
}

export type Tx = Prisma.TransactionClient;

/** What a challenge's clock needs (effectiveState, deadlines in its zone): one select for every view. */
export const CHALLENGE_CLOCK = {
  state: true,
  timeZone: true,
  submissionsOpenAt: true,
  submissionsCloseAt: true,
  judgingCloseAt: true,
} as const satisfies Prisma.ChallengeSelect;

export function requireAdmin(actor: Actor | null, what = 'manage challenges'): asserts actor is Actor {
  if (!actor || !isAdmin(actor)) throw forbidden(`Only admins can ${what}.`);
}

/**
 * Locks the challenge row for the rest of the transaction and returns it. Entries, the clock's
 * close and publication all take this lock, so none of them can act on a state another is
 * changing (an entry racing the deadline either lands before the close or is refused).
 */
export async function lockChallenge(tx: Tx, challengeId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Challenge" WHERE "id" = ${challengeId} FOR UPDATE`;
  const challenge = await tx.challenge.findUnique({ where: { id: challengeId } });
  if (!challenge) throw notFound('That challenge');
  return challenge;
}

export function stateNow(
  challenge: { state: ChallengeState; submissionsOpenAt: Date; submissionsCloseAt: Date; judgingCloseAt: Date; timeZone: string },
  now: Date,
): ChallengeState {
  return effectiveState(challenge, now);
}

/** Audit rows of a challenge always carry its id in `data`, so the audit page can filter by it. */
export async function auditChallenge(
  tx: Tx,
  input: { actorId: string | null; action: string; challengeId: string; targetType?: string; targetId?: string; reason?: string | null; data?: Record<string, unknown> },
) {
  await recordAudit(
    {
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType ?? 'Challenge',
      targetId: input.targetId ?? input.challengeId,
      reason: input.reason ?? null,
      data: { challengeId: input.challengeId, ...(input.data ?? {}) } as Prisma.InputJsonValue,
    },
    tx,
  );
}

export async function findChallengeIdBySlug(slug: string): Promise<string> {
  const row = await db.challenge.findUnique({ where: { slug }, select: { id: true } });
  if (!row) throw notFound('That challenge');
  return row.id;
}
