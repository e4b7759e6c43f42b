'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { challengeRecordId } from '@/lib/core/actions/form-fields';
import { invalid } from '@/lib/core/errors';
import { saveScorecard } from '@/lib/server/challenges/save-scorecard';

/** Form fields: score.<criterionId>, note.<criterionId>, comment, intent = draft | submit. */
export const saveScorecardAction = defineAction({
  name: 'judge.save-scorecard',
  access: 'signed-in',
  args: [challengeRecordId, z.string()],
  async run({ actor, args: [entryId, slug], form }) {
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
    const result = await saveScorecard(actor, entryId, { values, comments, comment, submit });
    revalidatePath(`/judge/${slug}`, 'layout');
    return {
      ok: true,
      message: result.status === 'SUBMITTED' ? `Submitted${result.score !== null ? ` — your score: ${result.score.toFixed(1)} / 100` : ''}.` : 'Draft saved.',
    };
  },
});
