'use client';

import { useActionState } from 'react';
import { revokeTokenAction } from '@/lib/server/api-tokens/actions/revoke-token';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Button } from '@/components/ui/button';

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, initialActionState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(`Revoke “${name}”? Programs using it stop working at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending} aria-label={`Revoke ${name}`} className="text-red-700">
        Revoke
      </Button>
      {state.message && !state.ok && (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {state.message}
        </span>
      )}
    </form>
  );
}
