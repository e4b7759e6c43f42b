import 'server-only';
import { db } from '@/lib/server/db';
import { type Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, forbidden, notFound } from '@/lib/core/errors';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { effectiveState, votingOpen } from '@/lib/core/challenges/logic/state-machine';
import { isOwnEntry } from '@/lib/core/challenges/logic/own-entry';
import { CHALLENGE_CLOCK, type ServiceOptions } from '@/lib/server/challenges/service-support';

/**
 * People's Choice: one vote per signed-in user per category, inside the voting window; voting
 * again in the category moves the vote. Rate-limited per user.
 */
export async function castVote(actor: Actor, challengeId: string, entryId: string, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  await enforceRateLimit(`vote:${actor.id}`, { window: 60, max: 20 }, 'votes');
  const ch = await db.challenge.findUnique({
    where: { id: challengeId },
    select: { id: true, peoplesChoice: true, allowSelfVote: true, votingOpensAt: true, votingClosesAt: true, ...CHALLENGE_CLOCK },
  });
  if (!ch || ch.state === 'DRAFT') throw notFound('That challenge');
  if (!ch.peoplesChoice) throw conflict('This challenge has no People’s Choice vote.');
  if (!votingOpen({ ...ch, state: effectiveState(ch, now) }, now)) {
    const before = ch.votingOpensAt && now < ch.votingOpensAt;
    throw new AppError('CONFLICT', before ? 'People’s Choice voting has not opened yet.' : 'People’s Choice voting is closed.');
  }
  const entry = await db.entry.findFirst({
    where: { id: entryId, challengeId, status: 'ACTIVE' },
    select: { id: true, categoryId: true, entrantId: true, appliance: { select: { publisher: { select: { ownerId: true } } } } },
  });
  if (!entry) throw notFound('That entry');
  if (!ch.allowSelfVote && isOwnEntry(actor.id, entry)) {
    throw forbidden('This challenge does not let entrants vote for their own entries.');
  }
  await db.vote.upsert({
    where: { categoryId_userId: { categoryId: entry.categoryId, userId: actor.id } },
    create: { challengeId, categoryId: entry.categoryId, userId: actor.id, entryId: entry.id },
    update: { entryId: entry.id },
  });
  return { categoryId: entry.categoryId, entryId: entry.id };
}
