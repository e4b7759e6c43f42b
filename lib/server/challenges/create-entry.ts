import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, invalid, notFound } from '@/lib/core/errors';
import { canEnter } from '@/lib/core/challenges/logic/state-machine';
import { auditChallenge, lockChallenge, type ServiceOptions } from '@/lib/server/challenges/service-support';

export interface EntryInput {
  challengeId: string;
  categoryId: string;
  versionId: string;
  statement?: string;
}

/**
 * A developer enters one released version of their own appliance into one category. Checked
 * under the challenge's row lock, against the clock (effectiveState: a deadline the clock job has
 * not acted on yet still refuses), the entry limit and the version itself:
 * the caller owns the appliance, the listing is published, the version is released and has at
 * least one verified file (judges only ever see verified files).
 */
export async function createEntry(actor: Actor, input: EntryInput, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  const statement = (input.statement ?? '').trim();
  if (statement.length > 2000) throw invalid('Keep the statement under 2,000 characters.', { statement: 'Too long.' });
  return db.$transaction(async (tx) => {
    const ch = await lockChallenge(tx, input.challengeId);
    if (ch.state === 'DRAFT') throw notFound('That challenge');
    const open = canEnter(ch, now);
    if (!open.ok) throw new AppError('CONFLICT', open.reason);

    const category = await tx.challengeCategory.findFirst({ where: { id: input.categoryId, challengeId: ch.id }, select: { id: true, name: true } });
    if (!category) throw invalid('Choose one of this challenge’s categories.', { categoryId: 'Choose a category.' });

    // Ownership is part of the query: someone else's version is simply not found.
    const version = await tx.applianceVersion.findFirst({
      where: { id: input.versionId, appliance: { publisher: { ownerId: actor.id } } },
      select: {
        id: true,
        version: true,
        status: true,
        applianceId: true,
        appliance: { select: { name: true, status: true } },
        files: { where: { status: 'VERIFIED' }, select: { id: true }, take: 1 },
      },
    });
    if (!version) throw notFound('That appliance version');
    if (version.appliance.status !== 'PUBLISHED') throw conflict(`${version.appliance.name} is not published yet: entries must be public listings.`);
    if (version.status !== 'RELEASED') throw conflict(`Version ${version.version} is not released${version.status === 'REVOKED' ? ' (it was revoked)' : ''}.`);
    if (version.files.length === 0) throw conflict(`Version ${version.version} has no verified file yet: wait for the inspection to finish.`);

    const active = await tx.entry.count({ where: { challengeId: ch.id, entrantId: actor.id, status: 'ACTIVE' } });
    const existing = await tx.entry.findUnique({ where: { challengeId_applianceId: { challengeId: ch.id, applianceId: version.applianceId } } });
    if (existing?.status === 'ACTIVE') throw conflict(`${version.appliance.name} is already entered in this challenge; withdraw it first to change the version or category.`);
    if (existing?.status === 'DISQUALIFIED') throw conflict(`${version.appliance.name} was disqualified from this challenge.`);
    if (active >= ch.entryLimit) {
      throw conflict(`You have reached this challenge’s limit of ${ch.entryLimit} ${ch.entryLimit === 1 ? 'entry' : 'entries'} per developer.`);
    }

    const data = { categoryId: category.id, versionId: version.id, statement, status: 'ACTIVE' as const, withdrawnAt: null };
    // One row per appliance and challenge: re-entering after a withdrawal revives the old row.
    const entry = existing
      ? await tx.entry.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.entry.create({
          data: { ...data, challengeId: ch.id, applianceId: version.applianceId, entrantId: actor.id, ...(opts.now ? { createdAt: now } : {}) },
          select: { id: true },
        });
    await auditChallenge(tx, {
      actorId: actor.id,
      action: 'entry.create',
      challengeId: ch.id,
      targetType: 'Entry',
      targetId: entry.id,
      data: { appliance: version.appliance.name, version: version.version, category: category.name },
    });
    return entry;
  });
}
