'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/session';
import { runAction } from '@/lib/server/actions/run-action';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import { revokeVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { deleteDraftVersion, releaseVersion, revokeVersion, updateChangelog } from '@/lib/server/appliances/version-lifecycle';
import { removeOwnFile } from '@/lib/server/files/remove-file';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');
const versionPath = (applianceId: string, versionId: string) => `/publish/appliances/${applianceId}/versions/${versionId}`;

export async function releaseVersionAction(applianceId: string, versionId: string, _prev: ActionState): Promise<ActionState> {
  return runAction('version.release', async () => {
    const actor = await requireActor();
    await releaseVersion(actor, versionId);
    revalidatePath(versionPath(applianceId, versionId));
    return { ok: true, message: 'Released.' };
  });
}

export async function revokeVersionAction(applianceId: string, versionId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { reason: text(form, 'reason') };
  const result = await runAction('version.revoke', async () => {
    const actor = await requireActor();
    const parsed = revokeVersionRequestSchema.safeParse(values);
    if (!parsed.success) return { ok: false, message: 'Please say why.', fields: fieldErrors(parsed.error) };
    await revokeVersion(actor, versionId, parsed.data.reason);
    revalidatePath(versionPath(applianceId, versionId));
    return { ok: true, message: 'Revoked.' };
  });
  return { ...result, values };
}

export async function updateChangelogAction(applianceId: string, versionId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { changelog: text(form, 'changelog') };
  const result = await runAction('version.changelog', async () => {
    const actor = await requireActor();
    await updateChangelog(actor, versionId, values.changelog);
    revalidatePath(versionPath(applianceId, versionId));
    return { ok: true, message: 'Changelog saved.' };
  });
  return { ...result, values };
}

export async function deleteVersionAction(applianceId: string, versionId: string): Promise<void> {
  const actor = await requireActor();
  await deleteDraftVersion(actor, versionId);
  redirect(`/publish/appliances/${applianceId}#versions`);
}

export async function removeFileAction(applianceId: string, versionId: string, fileId: string): Promise<void> {
  const actor = await requireActor();
  await removeOwnFile(actor, fileId);
  revalidatePath(versionPath(applianceId, versionId));
}
