'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { deleteDraftVersion } from '@/lib/server/appliances/version-lifecycle';

export const deleteVersionAction = defineAction({
  name: 'version.delete',
  kind: 'plain',
  access: 'signed-in',
  args: [recordId, recordId],
  async run({ actor, args: [applianceId, versionId] }) {
    await deleteDraftVersion(actor, versionId);
    redirect(`${listingEditorPath(applianceId)}#versions`);
  },
});
