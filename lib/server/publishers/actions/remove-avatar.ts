'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { removePublisherAvatar } from '@/lib/server/publishers/update-publisher';

export const removeAvatarAction = defineAction({
  name: 'publisher.remove-avatar',
  kind: 'plain',
  access: 'signed-in',
  async run({ actor }) {
    await removePublisherAvatar(actor);
    revalidatePath('/publish', 'layout');
  },
});
