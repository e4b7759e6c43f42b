'use client';

import { useActionState, useState } from 'react';
import { moderateAction } from '@/lib/server/appliances/actions/moderate-listing';
import { initialActionState } from '@/lib/core/actions/action-state';
import { FormMessage, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

export function ModerationDecision({ applianceId, name }: { applianceId: string; name: string }) {
  const [state, action, pending] = useActionState(moderateAction.bind(null, applianceId), initialActionState);
  const [rejecting, setRejecting] = useState(false);
  if (state.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-3">
      {rejecting && (
        <div className="space-y-1.5">
          <label htmlFor={`reason-${applianceId}`} className="block text-sm font-medium text-slate-800">
            What should the publisher change?
          </label>
          <Textarea
            id={`reason-${applianceId}`}
            name="reason"
            rows={3}
            required
            defaultValue={state.values?.reason}
            aria-invalid={state.fields?.reason ? true : undefined}
            placeholder="The description does not say what the default password is…"
          />
          {state.fields?.reason && <p className="text-sm text-red-600">{state.fields.reason}</p>}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {rejecting ? (
          <>
            {/* The listing's name is read out after the visible words, so the spoken name starts with what is seen. */}
            <Button type="submit" name="decision" value="reject" variant="danger" disabled={pending}>
              {pending ? 'Sending…' : 'Reject with reason'}
              <span className="sr-only"> and send {name} back</span>
            </Button>
            <Button type="button" variant="ghost" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            <Button type="submit" name="decision" value="approve" disabled={pending}>
              {pending ? 'Publishing…' : 'Approve and publish'}
              <span className="sr-only"> {name}</span>
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRejecting(true)} aria-label={`Reject ${name}…`}>
              Reject…
            </Button>
          </>
        )}
      </div>
      {!state.ok && !state.fields && <FormMessage state={state} />}
    </form>
  );
}
