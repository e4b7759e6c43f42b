'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { submitAppliance } from '@/lib/server/appliances/submit-appliance';

export const submitListingAction = defineAction({
  name: 'listing.submit',
  access: 'signed-in',
  args: [recordId],
  async run({ actor, args: [applianceId] }) {
    await submitAppliance(actor, applianceId);
    revalidatePath(listingEditorPath(applianceId));
    revalidatePath('/publish');
    return { ok: true, message: 'Submitted for review. An admin will look at it soon.' };
  },
});
