import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError, invalid, notFound } from '@/lib/core/errors';
import { judgeScore } from '@/lib/core/challenges/logic/scoring';
import { scoringWindow } from '@/lib/server/challenges/scoring-window';
import { auditChallenge, lockChallenge, type ServiceOptions } from '@/lib/server/challenges/service-support';

export const scorecardInputSchema = z.object({
  /** Criterion id → value (missing or null: not scored yet, allowed in a draft). */
  values: z.record(z.string().max(40), z.number().finite().nullable()).default({}),
  comments: z.record(z.string().max(40), z.string().max(4000)).default({}),
  comment: z.string().max(10_000).default(''),
  submit: z.boolean().default(false),
});

export type ScorecardInput = z.output<typeof scorecardInputSchema>;

/**
 * A judge saves their scorecard for an assigned entry, as a draft or submitted (see
 * SCORING_RULE for when). Submitting needs a value for every criterion; a submitted scorecard
 * can be changed but not taken back to a draft. Submissions and changes are logged.
 */
export async function saveScorecard(actor: Actor, entryId: string, input: ScorecardInput, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  if (!actor.roles.includes('JUDGE')) throw notFound('That entry');
  return db.$transaction(async (tx) => {
    const assignment = await tx.assignment.findFirst({
      where: { entryId, judgeId: actor.id },
      select: { id: true, challengeId: true, entry: { select: { status: true } }, scorecard: { select: { id: true, status: true, comment: true, values: { select: { criterionId: true, value: true, comment: true } } } } },
    });
    // Not assigned looks the same as not existing.
    if (!assignment) throw notFound('That entry');
    const ch = await lockChallenge(tx, assignment.challengeId);
    const window = scoringWindow(ch, now);
    if (!window.open) throw new AppError('CONFLICT', window.reason);
    if (assignment.entry.status !== 'ACTIVE') throw new AppError('CONFLICT', `This entry is ${assignment.entry.status.toLowerCase()}; it is no longer scored.`);

    const criteria = await tx.criterion.findMany({ where: { challengeId: ch.id }, select: { id: true, name: true, weight: true, scaleMin: true, scaleMax: true } });
    const known = new Map(criteria.map((c) => [c.id, c]));
    const fields: Record<string, string> = {};
    for (const id of [...Object.keys(input.values), ...Object.keys(input.comments)]) {
      if (!known.has(id)) throw invalid('A score names a criterion this challenge does not have.');
    }
    const values: Record<string, number> = {};
    for (const [id, v] of Object.entries(input.values)) {
      if (v === null) continue;
      const c = known.get(id)!;
      if (v < c.scaleMin || v > c.scaleMax) fields[`score.${id}`] = `${c.name}: choose a value from ${c.scaleMin} to ${c.scaleMax}.`;
      else values[id] = v;
    }
    const submitting = input.submit || assignment.scorecard?.status === 'SUBMITTED';
    if (submitting) {
      for (const c of criteria) if (values[c.id] === undefined) fields[`score.${c.id}`] ??= `${c.name}: a score is needed to submit.`;
    }
    if (Object.keys(fields).length > 0) throw invalid(Object.values(fields)[0], fields);
    if (!input.submit && assignment.scorecard?.status === 'SUBMITTED') {
      throw new AppError('CONFLICT', 'This scorecard is submitted; change it and submit again (it cannot go back to a draft).');
    }

    const before = assignment.scorecard;
    const status = submitting ? 'SUBMITTED' : 'DRAFT';
    const card = before
      ? await tx.scorecard.update({
          where: { id: before.id },
          data: { status, comment: input.comment, ...(submitting ? { submittedAt: now } : {}) },
          select: { id: true },
        })
      : await tx.scorecard.create({
          data: { assignmentId: assignment.id, challengeId: ch.id, entryId, judgeId: actor.id, status, comment: input.comment, submittedAt: submitting ? now : null },
          select: { id: true },
        });
    await tx.criterionScore.deleteMany({ where: { scorecardId: card.id } });
    // A criterion's comment is stored with its value (a draft keeps what has a value so far).
    const rows = criteria
      .filter((c) => values[c.id] !== undefined)
      .map((c) => ({ scorecardId: card.id, criterionId: c.id, value: values[c.id], comment: (input.comments[c.id] ?? '').trim() }));
    if (rows.length > 0) await tx.criterionScore.createMany({ data: rows });

    const score = criteria.length > 0 && criteria.every((c) => values[c.id] !== undefined)
      ? judgeScore({ entryId, judgeId: actor.id, values, submittedAt: now }, criteria)
      : null;
    if (submitting) {
      const wasSubmitted = before?.status === 'SUBMITTED';
      await auditChallenge(tx, {
        actorId: actor.id,
        action: wasSubmitted ? 'score.change' : 'score.submit',
        challengeId: ch.id,
        targetType: 'Scorecard',
        targetId: card.id,
        data: {
          entryId,
          score,
          values,
          ...(wasSubmitted ? { previous: Object.fromEntries(before.values.map((v) => [v.criterionId, v.value])), previousComment: before.comment } : {}),
        },
      });
    }
    return { status, score };
  });
}
