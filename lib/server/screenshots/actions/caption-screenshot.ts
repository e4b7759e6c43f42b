'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { updateScreenshotCaption } from '@/lib/server/screenshots/manage-screenshots';

export const captionScreenshotAction = defineAction({
  name: 'screenshot.caption',
  kind: 'plain',
  access: 'signed-in',
  args: [recordId, recordId],
  async run({ actor, args: [applianceId, screenshotId], form }) {
    // updateScreenshotCaption checks the caption itself.
    await updateScreenshotCaption(actor, screenshotId, String(form.get('caption') ?? ''));
    revalidatePath(listingEditorPath(applianceId));
  },
});
