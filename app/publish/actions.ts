'use server';

import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { runAction } from '@/lib/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/actions/action-state';
import { publisherSchema } from '@/lib/publishers/publisher-schema';
import { createPublisher } from '@/lib/publishers/create-publisher';

export async function createPublisherAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(['handle', 'displayName', 'url', 'bio'].map((k) => [k, String(form.get(k) ?? '')]));
  const result = await runAction('publisher.create', async () => {
    const actor = await requireActor();
    const parsed = publisherSchema.safeParse(values);
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error) };
    await createPublisher(actor, parsed.data);
    return { ok: true };
  });
  if (result.ok) redirect('/publish');
  return { ...result, values };
}
