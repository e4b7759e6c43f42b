'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { createVersionRequestSchema, defaultCredentialsSchema, portsSchema, requirementsSchema, updateListingRequestSchema } from '@/lib/core/publishing/api-schemas';
import { accessFormRows, accessFieldErrors } from '@/lib/core/appliances/access-form';
import { updateAppliance } from '@/lib/server/appliances/update-appliance';
import { createVersion } from '@/lib/server/appliances/create-version';
import { submitAppliance, withdrawSubmission } from '@/lib/server/appliances/submit-appliance';
import { addScreenshot, deleteScreenshot, moveScreenshot, updateScreenshotCaption } from '@/lib/server/screenshots/manage-screenshots';
import { SCREENSHOT_MAX_BYTES } from '@/lib/server/screenshots/check-image';
import { invalid } from '@/lib/core/errors';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');
const editorPath = (id: string) => `/publish/appliances/${id}`;

export async function updateListingAction(applianceId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(['name', 'slug', 'summary', 'description', 'category', 'tags', 'license', 'eula', 'homepage'].map((k) => [k, text(form, k)]));
  const result = await runAction('listing.update', async () => {
    const actor = await requireActor();
    const parsed = updateListingRequestSchema.safeParse({
      ...values,
      tags: values.tags
        .split(/[,\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    });
    if (!parsed.success) return { ok: false, message: 'Please check the highlighted fields.', fields: fieldErrors(parsed.error) };
    await updateAppliance(actor, applianceId, parsed.data);
    revalidatePath(editorPath(applianceId));
    return { ok: true, message: 'Saved.' };
  });
  return { ...result, values };
}

/** Empty means "unknown"; numbers are whole. Disk is entered in GiB. */
function optionalNumber(value: string, scale = 1): number | null {
  const v = value.trim();
  if (!v) return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * scale) : NaN;
}

export async function updateRequirementsAction(applianceId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const values = Object.fromEntries(['cpus', 'memoryMiB', 'diskGiB', 'osFamily', 'osName'].map((k) => [k, text(form, k)]));
  const result = await runAction('listing.requirements', async () => {
    const actor = await requireActor();
    const parsed = requirementsSchema.safeParse({
      cpus: optionalNumber(values.cpus),
      memoryMiB: optionalNumber(values.memoryMiB),
      diskBytes: optionalNumber(values.diskGiB, 1024 ** 3),
      osFamily: values.osFamily || null,
      osName: values.osName,
    });
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      if (fields.diskBytes) fields.diskGiB = 'Enter a size in GiB.';
      return { ok: false, message: 'Please check the highlighted fields.', fields };
    }
    await updateAppliance(actor, applianceId, { requirements: parsed.data });
    revalidatePath(editorPath(applianceId));
    return { ok: true, message: 'Requirements saved.' };
  });
  return { ...result, values };
}

/** Default credentials and ports: numbered rows of the access form (lib/core/appliances/access-form.ts). */
export async function updateAccessAction(applianceId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('listing.access', async () => {
    const actor = await requireActor();
    const rows = accessFormRows(form);
    const credentials = defaultCredentialsSchema.safeParse(rows.defaultCredentials);
    const ports = portsSchema.safeParse(rows.ports);
    if (!credentials.success || !ports.success) {
      return { ok: false, message: 'Please check the highlighted fields.', fields: accessFieldErrors(rows, credentials.error, ports.error) };
    }
    await updateAppliance(actor, applianceId, { defaultCredentials: credentials.data, ports: ports.data });
    revalidatePath(editorPath(applianceId));
    return { ok: true, message: 'Access details saved.' };
  });
}

export async function addScreenshotAction(applianceId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('screenshot.add', async () => {
    const actor = await requireActor();
    const file = form.get('image');
    if (!(file instanceof File) || file.size === 0) throw invalid('Choose an image.', { image: 'Choose a PNG, JPEG or WebP image.' });
    if (file.size > SCREENSHOT_MAX_BYTES) throw invalid('Screenshots may be at most 5 MiB.', { image: 'At most 5 MiB.' });
    await addScreenshot(actor, applianceId, { bytes: new Uint8Array(await file.arrayBuffer()), caption: text(form, 'caption') });
    revalidatePath(editorPath(applianceId));
    return { ok: true, message: 'Screenshot added.' };
  });
}

export async function moveScreenshotAction(applianceId: string, screenshotId: string, delta: -1 | 1): Promise<void> {
  const actor = await requireActor();
  await moveScreenshot(actor, screenshotId, delta);
  revalidatePath(editorPath(applianceId));
}

export async function deleteScreenshotAction(applianceId: string, screenshotId: string): Promise<void> {
  const actor = await requireActor();
  await deleteScreenshot(actor, screenshotId);
  revalidatePath(editorPath(applianceId));
}

export async function captionScreenshotAction(applianceId: string, screenshotId: string, form: FormData): Promise<void> {
  const actor = await requireActor();
  await updateScreenshotCaption(actor, screenshotId, text(form, 'caption'));
  revalidatePath(editorPath(applianceId));
}

export async function createVersionAction(applianceId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { version: text(form, 'version'), changelog: text(form, 'changelog') };
  let versionId = '';
  const result = await runAction('version.create', async () => {
    const actor = await requireActor();
    const parsed = createVersionRequestSchema.safeParse(values);
    if (!parsed.success) return { ok: false, message: 'Please check the form.', fields: fieldErrors(parsed.error) };
    versionId = (await createVersion(actor, applianceId, parsed.data)).id;
    return { ok: true };
  });
  if (result.ok && versionId) redirect(`${editorPath(applianceId)}/versions/${versionId}`);
  return { ...result, values };
}

export async function submitListingAction(applianceId: string, _prev: ActionState): Promise<ActionState> {
  return runAction('listing.submit', async () => {
    const actor = await requireActor();
    await submitAppliance(actor, applianceId);
    revalidatePath(editorPath(applianceId));
    revalidatePath('/publish');
    return { ok: true, message: 'Submitted for review. An admin will look at it soon.' };
  });
}

export async function withdrawListingAction(applianceId: string): Promise<void> {
  const actor = await requireActor();
  await withdrawSubmission(actor, applianceId);
  revalidatePath(editorPath(applianceId));
}
