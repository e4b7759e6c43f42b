'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { createListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { createAppliance } from '@/lib/server/appliances/create-appliance';

export const createListingAction = defineAction({
  name: 'listing.create',
  access: 'signed-in',
  values: ['name', 'slug', 'summary', 'category'],
  input: createListingRequestSchema,
  async run({ actor, input }) {
    const { id } = await createAppliance(actor, input);
    redirect(listingEditorPath(id));
  },
});
