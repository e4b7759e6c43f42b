'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { versionEditorPath } from '@/lib/core/publishing/page-paths';
import { releaseVersion } from '@/lib/server/appliances/version-lifecycle';

export const releaseVersionAction = defineAction({
  name: 'version.release',
  access: 'signed-in',
  args: [recordId, recordId],
  async run({ actor, args: [applianceId, versionId] }) {
    await releaseVersion(actor, versionId);
    revalidatePath(versionEditorPath(applianceId, versionId));
    return { ok: true, message: 'Released.' };
  },
});
