import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { invalid } from '@/lib/core/errors';
import { createEntry } from '@/lib/server/challenges/create-entry';
import { findChallengeIdBySlug } from '@/lib/server/challenges/service-support';

export interface EnterChallengeInput {
  /** The category's slug or id. */
  category: string;
  versionId: string;
  statement?: string;
}

/**
 * The caller enters a version into a challenge named by its slug, in a category named by slug or
 * id. Whether they may (ownership, deadlines, limits) is decided by createEntry.
 */
export async function enterChallenge(actor: Actor, slug: string, input: EnterChallengeInput) {
  const challengeId = await findChallengeIdBySlug(slug);
  const category = await db.challengeCategory.findFirst({ where: { challengeId, OR: [{ id: input.category }, { slug: input.category }] }, select: { id: true } });
  if (!category) throw invalid('Choose one of this challenge’s categories.', { category: 'Unknown category.' });
  return createEntry(actor, { challengeId, categoryId: category.id, versionId: input.versionId, statement: input.statement });
}
