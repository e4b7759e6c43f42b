'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { publisherSchema } from '@/lib/core/publishers/publisher-schema';
import { createPublisher } from '@/lib/server/publishers/create-publisher';

export const createPublisherAction = defineAction({
  name: 'publisher.create',
  access: 'signed-in',
  values: ['handle', 'displayName', 'url', 'bio'],
  input: publisherSchema,
  async run({ actor, input }) {
    await createPublisher(actor, input);
    redirect('/publish');
  },
});
