'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { accessFieldErrors, accessFormRows } from '@/lib/core/appliances/access-form';
import { defaultCredentialsSchema, portsSchema } from '@/lib/core/publishing/api-schemas';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { updateAppliance } from '@/lib/server/appliances/update-appliance';

/** Default credentials and ports: numbered rows of the access form (lib/core/appliances/access-form.ts). */
export const updateAccessAction = defineAction({
  name: 'listing.access',
  access: 'signed-in',
  args: [recordId],
  async run({ actor, args: [applianceId], form }) {
    // Two lists checked apart, so each issue maps back to its form row.
    const rows = accessFormRows(form);
    const credentials = defaultCredentialsSchema.safeParse(rows.defaultCredentials);
    const ports = portsSchema.safeParse(rows.ports);
    if (!credentials.success || !ports.success) {
      return { ok: false, message: 'Please check the highlighted fields.', fields: accessFieldErrors(rows, credentials.error, ports.error) };
    }
    await updateAppliance(actor, applianceId, { defaultCredentials: credentials.data, ports: ports.data });
    revalidatePath(listingEditorPath(applianceId));
    return { ok: true, message: 'Access details saved.' };
  },
});
