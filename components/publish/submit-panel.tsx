'use client';

import { useActionState } from 'react';
import { submitListingAction } from '@/lib/server/appliances/actions/submit-listing';
import { withdrawListingAction } from '@/lib/server/appliances/actions/withdraw-listing';
import { initialActionState } from '@/lib/core/actions/action-state';
import { FormMessage } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import type { ListingStatus } from '@/lib/core/publishing/api-schemas';

/** Where the listing stands with the moderators, and the button that moves it along. */
export function SubmitPanel({ applianceId, status, problems, reviewNote }: { applianceId: string; status: ListingStatus; problems: string[]; reviewNote: string | null }) {
  const [state, action, pending] = useActionState(submitListingAction.bind(null, applianceId), initialActionState);
  if (status === 'PUBLISHED' || status === 'UNLISTED') {
    return (
      <div className="rounded-xl bg-emerald-50 px-5 py-4 text-sm text-emerald-900 ring-1 ring-emerald-200" role="status">
        <p className="font-semibold">Published.</p>
        <p>Changes you save and versions you release are live right away.</p>
      </div>
    );
  }
  if (status === 'IN_REVIEW') {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-amber-50 px-5 py-4 text-sm text-amber-900 ring-1 ring-amber-200" role="status">
        <div>
          <p className="font-semibold">Waiting for review.</p>
          <p>An admin checks the listing and its verified files, then publishes it or tells you what to change.</p>
        </div>
        <form action={withdrawListingAction.bind(null, applianceId)}>
          <Button type="submit" variant="secondary" size="sm">
            Withdraw
          </Button>
        </form>
      </div>
    );
  }
  return (
    <div className="space-y-3 rounded-xl bg-white px-5 py-4 ring-1 ring-slate-200">
      {status === 'REJECTED' && reviewNote && (
        <div className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200" role="alert">
          <p className="font-semibold">The moderators asked for changes:</p>
          <p className="mt-1 whitespace-pre-line" data-testid="review-note">
            {reviewNote}
          </p>
          <p className="mt-2 text-red-800">Make the changes, then submit again.</p>
        </div>
      )}
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="text-sm">
          <p className="font-semibold text-slate-900">{problems.length ? 'Before you submit' : 'Ready for review'}</p>
          {problems.length ? (
            <ul className="mt-1 list-disc pl-5 text-slate-600">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">A released version with a verified file is in place. The first publication is reviewed by an admin.</p>
          )}
        </div>
        <form action={action}>
          <Button type="submit" disabled={pending || problems.length > 0}>
            {pending ? 'Submitting…' : status === 'REJECTED' ? 'Submit again' : 'Submit for review'}
          </Button>
        </form>
      </div>
      <FormMessage state={state} />
    </div>
  );
}
