'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { revokeVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { versionEditorPath } from '@/lib/core/publishing/page-paths';
import { revokeVersion } from '@/lib/server/appliances/version-lifecycle';

export const revokeVersionAction = defineAction({
  name: 'version.revoke',
  access: 'signed-in',
  args: [recordId, recordId],
  values: ['reason'],
  input: revokeVersionRequestSchema,
  invalid: 'Please say why.',
  async run({ actor, args: [applianceId, versionId], input }) {
    await revokeVersion(actor, versionId, input.reason);
    revalidatePath(versionEditorPath(applianceId, versionId));
    return { ok: true, message: 'Revoked.' };
  },
});
