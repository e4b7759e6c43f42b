import 'server-only';
import { randomBytes } from 'node:crypto';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, conflict, notFound } from '@/lib/core/errors';
import { categorySlug, type ChallengeInput } from '@/lib/core/challenges/challenge-input';
import { auditChallenge, lockChallenge, requireAdmin, type ServiceOptions, type Tx } from '@/lib/server/challenges/service-support';
import { effectiveState } from '@/lib/core/challenges/logic/state-machine';

/** A new challenge, in DRAFT, with its categories and rubric. Admins only. */
export async function createChallenge(actor: Actor, input: ChallengeInput, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'create challenges');
  try {
    return await db.$transaction(async (tx) => {
      const challenge = await tx.challenge.create({
        data: {
          ...scalarFields(input),
          slug: input.slug,
          assignmentSeed: randomBytes(12).toString('hex'),
          createdById: actor.id,
          ...(opts.now ? { createdAt: opts.now } : {}),
          categories: { create: categoryRows(input.categories) },
          criteria: { create: input.criteria.map((c, i) => criterionRow(c, i)) },
        },
        select: { id: true, slug: true },
      });
      await auditChallenge(tx, { actorId: actor.id, action: 'challenge.create', challengeId: challenge.id, data: { slug: input.slug, title: input.title } });
      return challenge;
    });
  } catch (e) {
    throw slugTaken(e);
  }
}

/**
 * Edits a challenge. What may change depends on how far it got: everything in DRAFT and OPEN
 * (no score exists yet); once judging starts, the rubric's weights and scales, the categories,
 * judges per entry, blind mode, the entry limit and the submission window are fixed, since
 * scores and entries depend on them; after results only texts may change.
 */
export async function updateChallenge(actor: Actor, challengeId: string, input: ChallengeInput, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'edit challenges');
  const now = opts.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      const current = await lockChallenge(tx, challengeId);
      const state = effectiveState(current, now);
      const categories = await tx.challengeCategory.findMany({
        where: { challengeId },
        select: { id: true, name: true, slug: true, _count: { select: { entries: true } } },
      });
      const criteria = await tx.criterion.findMany({
        where: { challengeId },
        select: { id: true, weight: true, scaleMin: true, scaleMax: true, _count: { select: { scores: true } } },
      });
      for (const c of input.categories) if (c.id && !categories.some((x) => x.id === c.id)) throw notFound('A category of this challenge');
      for (const c of input.criteria) if (c.id && !criteria.some((x) => x.id === c.id)) throw notFound('A criterion of this challenge');

      const changed: string[] = [];
      const structural = state !== 'DRAFT' && state !== 'OPEN';
      if (structural) {
        const locked: [string, boolean][] = [
          ['judges per entry', input.judgesPerEntry !== current.judgesPerEntry],
          ['blind mode', input.blind !== current.blind],
          ['the entry limit', input.entryLimit !== current.entryLimit],
          ['when submissions open', !sameMinute(input.submissionsOpenAt, current.submissionsOpenAt)],
          ['when submissions close', !sameMinute(input.submissionsCloseAt, current.submissionsCloseAt)],
          ['the categories', input.categories.length !== categories.length || input.categories.some((c) => !c.id)],
          [
            'the rubric',
            input.criteria.length !== criteria.length ||
              input.criteria.some((c) => {
                const old = criteria.find((x) => x.id === c.id);
                return !old || old.weight !== c.weight || old.scaleMin !== c.scaleMin || old.scaleMax !== c.scaleMax;
              }),
          ],
        ];
        const after = state === 'RESULTS' || state === 'ARCHIVED';
        if (after) {
          locked.push(
            ['when judging closes', !sameMinute(input.judgingCloseAt, current.judgingCloseAt)],
            ['score normalisation', input.normalizeScores !== current.normalizeScores],
            ['People’s Choice', input.peoplesChoice !== current.peoplesChoice || input.allowSelfVote !== current.allowSelfVote || !sameMinute(input.votingOpensAt, current.votingOpensAt) || !sameMinute(input.votingClosesAt, current.votingClosesAt)],
          );
        }
        const refused = locked.filter(([, differs]) => differs).map(([what]) => what);
        if (refused.length > 0) {
          throw conflict(`This challenge is ${state.toLowerCase()}: ${refused.join(', ')} can no longer change. ${after ? 'Only its texts can.' : 'Texts, prizes, the judging deadline and the voting window still can.'}`);
        }
      }
      if (input.slug !== current.slug && current.state !== 'DRAFT') {
        throw new AppError('CONFLICT', 'The address (slug) can change only while the challenge is a draft: links to it exist.', {
          fields: { slug: 'Fixed once the challenge is open.' },
        });
      }

      await tx.challenge.update({ where: { id: challengeId }, data: { ...scalarFields(input), slug: input.slug } });
      changed.push(...diffScalars(current, input));

      // Categories: update by id, create new ones, delete removed ones that have no entries.
      const keepIds = new Set(input.categories.flatMap((c) => (c.id ? [c.id] : [])));
      for (const gone of categories.filter((c) => !keepIds.has(c.id))) {
        if (gone._count.entries > 0) throw conflict(`The category “${gone.name}” has entries and cannot be removed.`);
        await tx.challengeCategory.delete({ where: { id: gone.id } });
        changed.push(`category removed: ${gone.name}`);
      }
      const taken = new Set(categories.filter((c) => keepIds.has(c.id)).map((c) => c.slug));
      for (const [i, c] of input.categories.entries()) {
        if (c.id) {
          await tx.challengeCategory.update({ where: { id: c.id }, data: { name: c.name, description: c.description, prize: c.prize, position: i } });
        } else {
          const slug = uniqueSlug(categorySlug(c.name), taken);
          await tx.challengeCategory.create({ data: { challengeId, slug, name: c.name, description: c.description, prize: c.prize, position: i } });
          changed.push(`category added: ${c.name}`);
        }
      }

      const keepCriteria = new Set(input.criteria.flatMap((c) => (c.id ? [c.id] : [])));
      for (const gone of criteria.filter((c) => !keepCriteria.has(c.id))) {
        if (gone._count.scores > 0) throw conflict('A criterion that judges have scored cannot be removed.');
        await tx.criterion.delete({ where: { id: gone.id } });
        changed.push('criterion removed');
      }
      for (const [i, c] of input.criteria.entries()) {
        if (c.id) await tx.criterion.update({ where: { id: c.id }, data: criterionRow(c, i) });
        else await tx.criterion.create({ data: { challengeId, ...criterionRow(c, i) } });
      }

      await auditChallenge(tx, { actorId: actor.id, action: 'challenge.update', challengeId, data: { changed } });
      return { id: challengeId, slug: input.slug };
    });
  } catch (e) {
    throw slugTaken(e);
  }
}

function scalarFields(input: ChallengeInput) {
  return {
    title: input.title,
    summary: input.summary,
    rules: input.rules,
    timeZone: input.timeZone,
    submissionsOpenAt: input.submissionsOpenAt,
    submissionsCloseAt: input.submissionsCloseAt,
    judgingCloseAt: input.judgingCloseAt,
    judgesPerEntry: input.judgesPerEntry,
    entryLimit: input.entryLimit,
    blind: input.blind,
    normalizeScores: input.normalizeScores,
    peoplesChoice: input.peoplesChoice,
    allowSelfVote: input.allowSelfVote,
    votingOpensAt: input.votingOpensAt,
    votingClosesAt: input.votingClosesAt,
    grandPrize: input.grandPrize,
  };
}

function diffScalars(current: Record<string, unknown>, input: ChallengeInput): string[] {
  const next = scalarFields(input) as Record<string, unknown>;
  return Object.keys(next).filter((k) => {
    const a = current[k];
    const b = next[k];
    if (a instanceof Date || b instanceof Date) return !sameTime(a as Date | null, b as Date | null);
    return a !== b;
  });
}

function sameTime(a: Date | null | undefined, b: Date | null | undefined): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/** The editor works in whole minutes; a stored deadline with seconds (an early close) is not a change. */
function sameMinute(a: Date | null | undefined, b: Date | null | undefined): boolean {
  const m = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 60_000) : null);
  return m(a) === m(b);
}

function categoryRows(list: ChallengeInput['categories']) {
  const taken = new Set<string>();
  return list.map((c, i) => ({ slug: uniqueSlug(categorySlug(c.name), taken), name: c.name, description: c.description, prize: c.prize, position: i }));
}

function criterionRow(c: ChallengeInput['criteria'][number], position: number) {
  return { name: c.name, description: c.description, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax, position };
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

function slugTaken(e: unknown): unknown {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002' && JSON.stringify(e.meta ?? {}).includes('slug')) {
    return new AppError('CONFLICT', 'Another challenge already uses this address.', { fields: { slug: 'This slug is taken.' } });
  }
  return e;
}

export type { Tx };
