'use client';

import { useActionState } from 'react';
import { setRoleAction } from '@/app/admin/users/actions';
import { initialActionState } from '@/lib/actions/action-state';
import { buttonClass } from '@/components/ui/button';

export function RoleToggle({ userId, role, has, email }: { userId: string; role: 'JUDGE' | 'ADMIN'; has: boolean; email: string }) {
  const [state, action, pending] = useActionState(setRoleAction, initialActionState);
  const label = `${has ? 'Remove' : 'Grant'} ${role.toLowerCase()}`;
  return (
    <form action={action} className="inline">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="grant" value={String(!has)} />
      <button type="submit" disabled={pending} aria-label={`${label} for ${email}`} className={buttonClass(has ? 'secondary' : 'primary', 'sm')}>
        {label}
      </button>
      {state.message && !state.ok && (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {state.message}
        </span>
      )}
    </form>
  );
}
