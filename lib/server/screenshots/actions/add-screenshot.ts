'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { invalid } from '@/lib/core/errors';
import { listingEditorPath } from '@/lib/core/publishing/page-paths';
import { SCREENSHOT_MAX_BYTES } from '@/lib/server/screenshots/check-image';
import { addScreenshot } from '@/lib/server/screenshots/manage-screenshots';

export const addScreenshotAction = defineAction({
  name: 'screenshot.add',
  access: 'signed-in',
  args: [recordId],
  async run({ actor, args: [applianceId], form }) {
    const file = form.get('image');
    if (!(file instanceof File) || file.size === 0) throw invalid('Choose an image.', { image: 'Choose a PNG, JPEG or WebP image.' });
    if (file.size > SCREENSHOT_MAX_BYTES) throw invalid('Screenshots may be at most 5 MiB.', { image: 'At most 5 MiB.' });
    await addScreenshot(actor, applianceId, { bytes: new Uint8Array(await file.arrayBuffer()), caption: String(form.get('caption') ?? '') });
    revalidatePath(listingEditorPath(applianceId));
    return { ok: true, message: 'Screenshot added.' };
  },
});
