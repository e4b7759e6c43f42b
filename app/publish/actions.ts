'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { publisherSchema, publisherUpdateSchema } from '@/lib/core/publishers/publisher-schema';
import { createPublisher } from '@/lib/server/publishers/create-publisher';
import { AVATAR_MAX_BYTES, removePublisherAvatar, setPublisherAvatar, updatePublisher } from '@/lib/server/publishers/update-publisher';
import { createListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { createAppliance } from '@/lib/server/appliances/create-appliance';
import { invalid } from '@/lib/core/errors';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

export async function createPublisherAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(['handle', 'displayName', 'url', 'bio'].map((k) => [k, text(form, k)]));
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

export async function updatePublisherAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(['displayName', 'url', 'bio'].map((k) => [k, text(form, k)]));
  const result = await runAction('publisher.update', async () => {
    const actor = await requireActor();
    const parsed = publisherUpdateSchema.safeParse(values);
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error) };
    await updatePublisher(actor, parsed.data);
    revalidatePath('/publish');
    return { ok: true, message: 'Profile saved.' };
  });
  return { ...result, values };
}

export async function uploadAvatarAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('publisher.avatar', async () => {
    const actor = await requireActor();
    const file = form.get('avatar');
    if (!(file instanceof File) || file.size === 0) throw invalid('Choose an image.', { avatar: 'Choose a PNG, JPEG or WebP image.' });
    if (file.size > AVATAR_MAX_BYTES) throw invalid('Avatars may be at most 2 MiB.', { avatar: 'At most 2 MiB.' });
    await setPublisherAvatar(actor, new Uint8Array(await file.arrayBuffer()));
    revalidatePath('/publish', 'layout');
    return { ok: true, message: 'Avatar updated.' };
  });
}

export async function removeAvatarAction(): Promise<void> {
  const actor = await requireActor();
  await removePublisherAvatar(actor);
  revalidatePath('/publish', 'layout');
}

export async function createListingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(['name', 'slug', 'summary', 'category'].map((k) => [k, text(form, k)]));
  let id = '';
  const result = await runAction('listing.create', async () => {
    const actor = await requireActor();
    const parsed = createListingRequestSchema.safeParse(values);
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error) };
    id = (await createAppliance(actor, parsed.data)).id;
    return { ok: true };
  });
  if (result.ok && id) redirect(`/publish/appliances/${id}`);
  return { ...result, values };
}
