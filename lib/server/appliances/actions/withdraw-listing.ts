'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { withdrawSubmission } from '@/lib/server/appliances/submit-appliance';

export const withdrawListingAction = defineAction({
  name: 'listing.withdraw',
  kind: 'plain',
  access: 'signed-in',
  args: [recordId],
  async run({ actor, args: [applianceId] }) {
    await withdrawSubmission(actor, applianceId);
    revalidatePath(listingEditorPath(applianceId));
  },
});
