'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { deleteScreenshot } from '@/lib/server/screenshots/manage-screenshots';

export const deleteScreenshotAction = defineAction({
  name: 'screenshot.delete',
  kind: 'plain',
  access: 'signed-in',
  args: [recordId, recordId],
  async run({ actor, args: [applianceId, screenshotId] }) {
    await deleteScreenshot(actor, screenshotId);
    revalidatePath(listingEditorPath(applianceId));
  },
});
