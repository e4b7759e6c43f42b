'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { versionEditorPath } from '@/lib/core/publishing/page-paths';
import { removeOwnFile } from '@/lib/server/files/remove-file';

export const removeFileAction = defineAction({
  name: 'file.remove',
  kind: 'plain',
  access: 'signed-in',
  args: [recordId, recordId, recordId],
  async run({ actor, args: [applianceId, versionId, fileId] }) {
    await removeOwnFile(actor, fileId);
    revalidatePath(versionEditorPath(applianceId, versionId));
  },
});
