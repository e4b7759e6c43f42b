'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { invalid } from '@/lib/core/errors';
import { AVATAR_MAX_BYTES, setPublisherAvatar } from '@/lib/server/publishers/update-publisher';

export const uploadAvatarAction = defineAction({
  name: 'publisher.avatar',
  access: 'signed-in',
  async run({ actor, form }) {
    const file = form.get('avatar');
    if (!(file instanceof File) || file.size === 0) throw invalid('Choose an image.', { avatar: 'Choose a PNG, JPEG or WebP image.' });
    if (file.size > AVATAR_MAX_BYTES) throw invalid('Avatars may be at most 2 MiB.', { avatar: 'At most 2 MiB.' });
    await setPublisherAvatar(actor, new Uint8Array(await file.arrayBuffer()));
    revalidatePath('/publish', 'layout');
    return { ok: true, message: 'Avatar updated.' };
  },
});
