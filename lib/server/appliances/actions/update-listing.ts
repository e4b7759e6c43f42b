'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { updateListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { updateAppliance } from '@/lib/server/appliances/update-appliance';

export const updateListingAction = defineAction({
  name: 'listing.update',
  access: 'signed-in',
  args: [recordId],
  values: ['name', 'slug', 'summary', 'description', 'category', 'tags', 'license', 'eula', 'homepage'],
  input: updateListingRequestSchema,
  read: (_form, values) => ({
    ...values,
    tags: values.tags
      .split(/[,\n]/)
      .map((t) => t.trim())
      .filter(Boolean),
  }),
  invalid: 'Please check the highlighted fields.',
  async run({ actor, args: [applianceId], input }) {
    await updateAppliance(actor, applianceId, input);
    revalidatePath(listingEditorPath(applianceId));
    return { ok: true, message: 'Saved.' };
  },
});
