'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { fieldErrors } from '@/lib/core/actions/action-state';
import { recordId } from '@/lib/core/actions/form-fields';
import { requirementsSchema } from '@/lib/core/publishing/api-schemas';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { updateAppliance } from '@/lib/server/appliances/update-appliance';

/** Empty means "unknown"; numbers are whole. Disk is entered in GiB. */
function optionalNumber(value: string, scale = 1): number | null {
  const v = value.trim();
  if (!v) return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * scale) : NaN;
}

export const updateRequirementsAction = defineAction({
  name: 'listing.requirements',
  access: 'signed-in',
  args: [recordId],
  values: ['cpus', 'memoryMiB', 'diskGiB', 'osFamily', 'osName'],
  input: requirementsSchema,
  read: (_form, values) => ({
    cpus: optionalNumber(values.cpus),
    memoryMiB: optionalNumber(values.memoryMiB),
    diskBytes: optionalNumber(values.diskGiB, 1024 ** 3),
    osFamily: values.osFamily || null,
    osName: values.osName,
  }),
  invalid: 'Please check the highlighted fields.',
  invalidFields: (error) => {
    const fields = fieldErrors(error);
    // The form asks for GiB; the schema checks bytes.
    if (fields.diskBytes) fields.diskGiB = 'Enter a size in GiB.';
    return fields;
  },
  async run({ actor, args: [applianceId], input }) {
    await updateAppliance(actor, applianceId, { requirements: input });
    revalidatePath(listingEditorPath(applianceId));
    return { ok: true, message: 'Requirements saved.' };
  },
});
