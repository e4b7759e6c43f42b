'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { moveScreenshot } from '@/lib/server/screenshots/manage-screenshots';

export const moveScreenshotAction = defineAction({
  name: 'screenshot.move',
  kind: 'plain',
  access: 'signed-in',
  args: [recordId, recordId, z.union([z.literal(-1), z.literal(1)])],
  async run({ actor, args: [applianceId, screenshotId, delta] }) {
    await moveScreenshot(actor, screenshotId, delta);
    revalidatePath(listingEditorPath(applianceId));
  },
});
