'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { markNotificationsRead } from '@/lib/server/notifications/notify';

export const markAllReadAction = defineAction({
  name: 'notifications.read-all',
  access: 'signed-in',
  async run({ actor }) {
    const n = await markNotificationsRead(actor.id);
    revalidatePath('/', 'layout');
    return { ok: true, message: n === 0 ? 'Nothing unread.' : `Marked ${n} as read.` };
  },
});
