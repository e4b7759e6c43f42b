'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import type { ActionState } from '@/lib/core/actions/action-state';
import { markNotificationsRead } from '@/lib/server/notifications/notify';

export async function markAllReadAction(_prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction('notifications.read-all', async () => {
    const actor = await requireActor();
    const n = await markNotificationsRead(actor.id);
    revalidatePath('/', 'layout');
    return { ok: true, message: n === 0 ? 'Nothing unread.' : `Marked ${n} as read.` };
  });
}
