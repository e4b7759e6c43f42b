'use server';

import { requireRole } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { moderationRequestSchema } from '@/lib/core/publishing/api-schemas';
import { moderateAppliance } from '@/lib/server/appliances/moderate-appliance';

export async function moderateAction(applianceId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { decision: String(form.get('decision') ?? ''), reason: String(form.get('reason') ?? '') };
  const result = await runAction('listing.moderate', async () => {
    const actor = await requireRole('ADMIN');
    const parsed = moderationRequestSchema.safeParse(values);
    if (!parsed.success) return { ok: false, message: 'Say why the listing is rejected: the publisher sees this.', fields: fieldErrors(parsed.error) };
    const decided = await moderateAppliance(actor, applianceId, parsed.data);
    // No revalidatePath: the decided card stays on screen with its outcome until the next visit (the pages are dynamic).
    return { ok: true, message: decided.status === 'PUBLISHED' ? 'Approved and published.' : 'Rejected; the publisher sees your reason.' };
  });
  return { ...result, values };
}
