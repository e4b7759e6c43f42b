'use server';

import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { moderationRequestSchema } from '@/lib/core/publishing/api-schemas';
import { moderateAppliance } from '@/lib/server/appliances/moderate-appliance';

export const moderateAction = defineAction({
  name: 'listing.moderate',
  access: { role: 'ADMIN' },
  args: [recordId],
  values: ['decision', 'reason'],
  input: moderationRequestSchema,
  invalid: 'Say why the listing is rejected: the publisher sees this.',
  async run({ actor, args: [applianceId], input }) {
    const decided = await moderateAppliance(actor, applianceId, input);
    // No revalidatePath: the decided card stays on screen with its outcome until the next visit (the pages are dynamic).
    return { ok: true, message: decided.status === 'PUBLISHED' ? 'Approved and published.' : 'Rejected; the publisher sees your reason.' };
  },
});
