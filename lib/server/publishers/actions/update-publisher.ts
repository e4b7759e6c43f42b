'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { publisherUpdateSchema } from '@/lib/core/publishers/publisher-schema';
import { updatePublisher } from '@/lib/server/publishers/update-publisher';

export const updatePublisherAction = defineAction({
  name: 'publisher.update',
  access: 'signed-in',
  values: ['displayName', 'url', 'bio'],
  input: publisherUpdateSchema,
  async run({ actor, input }) {
    await updatePublisher(actor, input);
    revalidatePath('/publish');
    return { ok: true, message: 'Profile saved.' };
  },
});
