'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import type { ActionState } from '@/lib/core/actions/action-state';
import { invalid } from '@/lib/core/errors';
import { declareConflict } from '@/lib/server/challenges/judges';
import { saveScorecard } from '@/lib/server/challenges/save-scorecard';

const id = z.string().min(1).max(40);

export async function declareConflictAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('judge.declare-conflict', async () => {
    const actor = await requireActor();
    const input = z
      .object({
        challengeId: id,
        slug: z.string().max(80),
        entryId: z.string().max(40).optional(),
        entrantId: z.string().max(40).optional(),
        person: z.string().max(320).optional(),
        reason: z.string().max(500).optional(),
      })
      .safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    const { challengeId, slug, entryId, entrantId, person, reason } = input.data;
    await declareConflict(actor, challengeId, { entryId: entryId || undefined, entrantId: entrantId || undefined, person, reason });
    revalidatePath(`/judge/${slug}`, 'layout');
    return { ok: true, message: 'Conflict recorded. You will not judge the entries it covers; assignments without submitted scores went to other judges.' };
  });
}

/** Form fields: score.<criterionId>, note.<criterionId>, comment, intent = draft | submit. */
export async function saveScorecardAction(entryId: string, slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('judge.save-scorecard', async () => {
    const actor = await requireActor();
    const values: Record<string, number | null> = {};
    const comments: Record<string, string> = {};
    for (const [key, raw] of form.entries()) {
      if (typeof raw !== 'string') continue;
      if (key.startsWith('score.')) {
        const v = raw.trim();
        const n = v === '' ? null : Number(v);
        if (n !== null && !Number.isFinite(n)) throw invalid('Scores must be numbers.', { [key]: 'Not a number.' });
        values[key.slice(6)] = n;
      } else if (key.startsWith('note.')) {
        comments[key.slice(5)] = raw.slice(0, 4000);
      }
    }
    const submit = form.get('intent') === 'submit';
    const comment = String(form.get('comment') ?? '').slice(0, 10_000);
    const result = await saveScorecard(actor, id.parse(entryId), { values, comments, comment, submit });
    revalidatePath(`/judge/${slug}`, 'layout');
    return {
      ok: true,
      message: result.status === 'SUBMITTED' ? `Submitted${result.score !== null ? ` — your score: ${result.score.toFixed(1)} / 100` : ''}.` : 'Draft saved.',
    };
  });
}
