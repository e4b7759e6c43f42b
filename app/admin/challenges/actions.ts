'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import type { ActionState } from '@/lib/core/actions/action-state';
import { invalid } from '@/lib/core/errors';
import { challengeFieldErrors, challengeFormToInput, challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge, updateChallenge } from '@/lib/server/challenges/save-challenge';
import { rerunAssignment, transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { addChallengeJudge, assignJudgeByHand, reassignJudge, removeChallengeJudge } from '@/lib/server/challenges/judges';
import { disqualifyEntry, publishResults } from '@/lib/server/challenges/publish-results';

const id = z.string().min(1).max(40);

function refresh(slug: string) {
  revalidatePath(`/admin/challenges/${slug}`, 'layout');
  revalidatePath(`/challenges/${slug}`, 'layout');
  revalidatePath('/admin/challenges');
  revalidatePath('/challenges');
}

export async function createChallengeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let slug = '';
  const result = await runAction('challenge.create', async () => {
    const actor = await requireActor();
    const parsed = challengeInputSchema.safeParse(challengeFormToInput(form));
    if (!parsed.success) return { ok: false, message: 'Please check the highlighted fields.', fields: challengeFieldErrors(parsed.error) };
    slug = (await createChallenge(actor, parsed.data)).slug;
    revalidatePath('/admin/challenges');
  });
  if (result.ok && slug) redirect(`/admin/challenges/${slug}`);
  return result;
}

export async function updateChallengeAction(challengeId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  let moved: string | null = null;
  const result = await runAction('challenge.update', async () => {
    const actor = await requireActor();
    const parsed = challengeInputSchema.safeParse(challengeFormToInput(form));
    if (!parsed.success) return { ok: false, message: 'Please check the highlighted fields.', fields: challengeFieldErrors(parsed.error) };
    const saved = await updateChallenge(actor, id.parse(challengeId), parsed.data);
    refresh(saved.slug);
    if (String(form.get('originalSlug') ?? '') !== saved.slug) moved = saved.slug;
    return { ok: true, message: 'Saved.' };
  });
  if (moved) redirect(`/admin/challenges/${moved}`);
  return result;
}

const transitionSchema = z.object({ challengeId: id, slug: z.string().max(80), action: z.enum(['open', 'close', 'archive']) });

export async function transitionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.transition', async () => {
    const actor = await requireActor();
    const input = transitionSchema.safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    const result = await transitionChallenge(actor, input.data.challengeId, input.data.action);
    refresh(input.data.slug);
    const a = result.assignment;
    const message =
      input.data.action === 'close' && a
        ? `Submissions closed. ${a.added} judge assignments made${a.shortfall.length ? `; ${a.shortfall.length} entries still need judges` : ''}.`
        : `The challenge is now ${result.state.toLowerCase()}.`;
    return { ok: true, message };
  });
}

export async function publishAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.publish', async () => {
    const actor = await requireActor();
    const input = z.object({ challengeId: id, slug: z.string().max(80), grandPrizeEntryId: z.string().max(40).optional() }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    await publishResults(actor, input.data.challengeId, { grandPrizeEntryId: input.data.grandPrizeEntryId || null });
    refresh(input.data.slug);
    return { ok: true, message: 'Results published.' };
  });
}

export async function addJudgeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.add-judge', async () => {
    const actor = await requireActor();
    const input = z.object({ challengeId: id, slug: z.string().max(80), email: z.string().max(320) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    const { user } = await addChallengeJudge(actor, input.data.challengeId, input.data.email);
    refresh(input.data.slug);
    return { ok: true, message: `${user.name} joined the panel.` };
  });
}

export async function removeJudgeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.remove-judge', async () => {
    const actor = await requireActor();
    const input = z.object({ challengeId: id, slug: z.string().max(80), userId: id }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    await removeChallengeJudge(actor, input.data.challengeId, input.data.userId);
    refresh(input.data.slug);
    return { ok: true, message: 'Judge removed.' };
  });
}

export async function rerunAssignmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.rerun-assignment', async () => {
    const actor = await requireActor();
    const input = z.object({ challengeId: id, slug: z.string().max(80) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    const run = await rerunAssignment(actor, input.data.challengeId);
    refresh(input.data.slug);
    return {
      ok: true,
      message: `${run.added} added, ${run.removed} removed${run.shortfall.length ? `; ${run.shortfall.length} entries still short (${run.note ?? 'not enough judges'})` : ''}.`,
    };
  });
}

export async function reassignAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.reassign', async () => {
    const actor = await requireActor();
    const input = z.object({ slug: z.string().max(80), assignmentId: id, judgeId: z.string().max(40), reason: z.string().max(500) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    if (!input.data.judgeId) throw invalid('Choose the judge who takes over.', { judgeId: 'Choose a judge.' });
    await reassignJudge(actor, input.data.assignmentId, input.data.judgeId, input.data.reason);
    refresh(input.data.slug);
    return { ok: true, message: 'Reassigned.' };
  });
}

export async function assignByHandAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.assign-by-hand', async () => {
    const actor = await requireActor();
    const input = z.object({ slug: z.string().max(80), entryId: id, judgeId: z.string().max(40), reason: z.string().max(500) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    if (!input.data.judgeId) throw invalid('Choose a judge.', { judgeId: 'Choose a judge.' });
    await assignJudgeByHand(actor, input.data.entryId, input.data.judgeId, input.data.reason);
    refresh(input.data.slug);
    return { ok: true, message: 'Judge assigned.' };
  });
}

export async function disqualifyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('challenge.disqualify', async () => {
    const actor = await requireActor();
    const input = z.object({ slug: z.string().max(80), entryId: id, reason: z.string().max(1000) }).safeParse(Object.fromEntries(form));
    if (!input.success) throw invalid('That request was not understood.');
    const { awardsChanged } = await disqualifyEntry(actor, input.data.entryId, input.data.reason);
    refresh(input.data.slug);
    return { ok: true, message: awardsChanged ? 'Disqualified; the awards were recomputed.' : 'Disqualified.' };
  });
}
