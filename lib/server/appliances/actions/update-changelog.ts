'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { versionEditorPath } from '@/lib/core/publishing/page-paths';
import { updateChangelog } from '@/lib/server/appliances/version-lifecycle';

export const updateChangelogAction = defineAction({
  name: 'version.changelog',
  access: 'signed-in',
  args: [recordId, recordId],
  values: ['changelog'],
  async run({ actor, args: [applianceId, versionId], values }) {
    // updateChangelog checks the text itself.
    await updateChangelog(actor, versionId, values.changelog);
    revalidatePath(versionEditorPath(applianceId, versionId));
    return { ok: true, message: 'Changelog saved.' };
  },
});
