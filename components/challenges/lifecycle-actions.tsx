'use client';

import { Link } from '@/components/ui/link';
import { useActionState } from 'react';
import { initialActionState } from '@/lib/core/actions/action-state';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { transitionAction } from '@/lib/server/challenges/actions/transition-challenge';

/**
 * The admin's state buttons in one form, so the outcome (e.g. how many judge assignments the
 * close made) stays on screen after the page re-renders in the new state.
 */
export function LifecycleActions({
  challengeId,
  slug,
  actions,
  deadlinePassed,
}: {
  challengeId: string;
  slug: string;
  actions: string[];
  deadlinePassed: boolean;
}) {
  const [state, formAction, pending] = useActionState(transitionAction, initialActionState);
  const confirmFor: Record<string, string> = {
    close: 'Close submissions now? Developers can no longer enter or withdraw, and judges are assigned.',
    archive: 'Archive this challenge?',
  };
  return (
    <form
      action={formAction}
      className="flex shrink-0 flex-col items-end gap-2"
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const message = submitter ? confirmFor[submitter.value] : undefined;
        if (message && !window.confirm(message)) e.preventDefault();
      }}
    >
      <input type="hidden" name="challengeId" value={challengeId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap justify-end gap-2">
        {actions.includes('open') && (
          <button type="submit" name="action" value="open" disabled={pending} className={buttonClass('primary', 'md')}>
            Open for entries
          </button>
        )}
        {actions.includes('close') && (
          <button type="submit" name="action" value="close" disabled={pending} className={buttonClass('secondary', 'md')}>
            {deadlinePassed ? 'Close and assign judges' : 'Close submissions now'}
          </button>
        )}
        {actions.includes('publish') && (
          <Link href={`/admin/challenges/${slug}/results`} className={buttonClass('primary', 'md')}>
            Review and publish results
          </Link>
        )}
        {actions.includes('archive') && (
          <button type="submit" name="action" value="archive" disabled={pending} className={buttonClass('secondary', 'md')}>
            Archive
          </button>
        )}
      </div>
      {pending && <p className="text-sm text-slate-500">Working…</p>}
      {state.message && !pending && (
        <p role={state.ok ? 'status' : 'alert'} className={cn('max-w-md text-right text-sm', state.ok ? 'text-emerald-700' : 'text-red-600')}>
          {state.message}
        </p>
      )}
    </form>
  );
}
