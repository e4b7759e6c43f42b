import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, notFound } from '@/lib/core/errors';
import { canEnter } from '@/lib/core/challenges/logic/state-machine';
import { auditChallenge, lockChallenge, type ServiceOptions } from '@/lib/server/challenges/service-support';

/** The entrant withdraws their entry, only while entries are still accepted. */
export async function withdrawEntry(actor: Actor, entryId: string, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const entry = await tx.entry.findFirst({ where: { id: entryId, entrantId: actor.id }, select: { id: true, status: true, challengeId: true } });
    if (!entry) throw notFound('That entry');
    const ch = await lockChallenge(tx, entry.challengeId);
    const open = canEnter(ch, now);
    if (!open.ok) throw new AppError('CONFLICT', `Entries can be withdrawn only until the deadline. ${open.reason}`);
    if (entry.status !== 'ACTIVE') throw conflict('This entry is not active.');
    await tx.entry.update({ where: { id: entry.id }, data: { status: 'WITHDRAWN', withdrawnAt: now } });
    await auditChallenge(tx, { actorId: actor.id, action: 'entry.withdraw', challengeId: ch.id, targetType: 'Entry', targetId: entry.id });
  });
}
