'use client';

import { useActionState, useState } from 'react';
import { releaseVersionAction } from '@/lib/server/appliances/actions/release-version';
import { revokeVersionAction } from '@/lib/server/appliances/actions/revoke-version';
import { deleteVersionAction } from '@/lib/server/appliances/actions/delete-version';
import { updateChangelogAction } from '@/lib/server/appliances/actions/update-changelog';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { MarkdownEditor } from '@/components/publish/markdown-editor';
import type { VersionStatus } from '@/lib/core/publishing/api-schemas';

export function ReleasePanel({ applianceId, versionId, status, verifiedFiles, version }: { applianceId: string; versionId: string; status: VersionStatus; verifiedFiles: number; version: string }) {
  const [releaseState, release, releasing] = useActionState(releaseVersionAction.bind(null, applianceId, versionId), initialActionState);
  const [revokeState, revoke, revoking] = useActionState(revokeVersionAction.bind(null, applianceId, versionId), initialActionState);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  if (status === 'DRAFT') {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          {verifiedFiles > 0
            ? `Releasing makes version ${version} and its verified files downloadable once the listing is published.`
            : 'Upload at least one file and wait for it to be verified; then release the version.'}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <form action={release}>
            <Button type="submit" disabled={releasing || verifiedFiles === 0}>
              {releasing ? 'Releasing…' : `Release ${version}`}
            </Button>
          </form>
          <form action={deleteVersionAction.bind(null, applianceId, versionId)}>
            <Button type="submit" variant="ghost" className="text-red-700 hover:bg-red-50">
              Delete draft
            </Button>
          </form>
        </div>
        <FormMessage state={releaseState} />
      </div>
    );
  }
  if (status === 'RELEASED') {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">Released versions stay downloadable. If this one is broken or unsafe, revoke it: it stays listed as revoked, with your reason, and can no longer be downloaded.</p>
        {confirmRevoke ? (
          <form action={revoke} className="space-y-3">
            <Field label="Why is it revoked?" name="reason" error={revokeState.fields?.reason} hint="Shown to everyone next to the version.">
              {(p) => <Input {...p} name="reason" required defaultValue={revokeState.values?.reason} placeholder="Contains a known vulnerability; use 1.2.1" />}
            </Field>
            <div className="flex gap-2">
              <Button type="submit" variant="danger" disabled={revoking}>
                {revoking ? 'Revoking…' : `Revoke ${version}`}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setConfirmRevoke(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button type="button" variant="secondary" onClick={() => setConfirmRevoke(true)}>
            Revoke this version…
          </Button>
        )}
        <FormMessage state={revokeState.ok ? revokeState : revokeState.fields ? null : revokeState} />
      </div>
    );
  }
  return <p className="text-sm text-slate-600">This version is revoked: it is shown as revoked and cannot be downloaded.</p>;
}

export function ChangelogForm({ applianceId, versionId, changelog, readOnly }: { applianceId: string; versionId: string; changelog: string; readOnly: boolean }) {
  const [state, action, pending] = useActionState(updateChangelogAction.bind(null, applianceId, versionId), initialActionState);
  return (
    <form action={action} className="space-y-3">
      <MarkdownEditor name="changelog" label="Changelog" defaultValue={state.values?.changelog ?? changelog} rows={8} error={state.fields?.changelog} placeholder="- What changed in this version" />
      {!readOnly && (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? 'Saving…' : 'Save changelog'}
          </Button>
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}
