'use client';

import { useActionState } from 'react';
import { setRoleAction } from '@/lib/server/users/actions/set-role';
import { initialActionState } from '@/lib/core/actions/action-state';
import { buttonClass } from '@/components/ui/button';

/** What an admin is asked before changing who else can administer the site. */
export function adminRoleQuestion(email: string, grant: boolean): string {
  return grant
    ? `Make ${email} an admin? Admins can moderate every listing, run challenges, see the audit log and grant roles, yours included.`
    : `Remove admin from ${email}? They keep their other roles.`;
}

export function RoleToggle({ userId, role, has, email }: { userId: string; role: 'JUDGE' | 'ADMIN'; has: boolean; email: string }) {
  const [state, action, pending] = useActionState(setRoleAction, initialActionState);
  const label = `${has ? 'Remove' : 'Grant'} ${role.toLowerCase()}`;
  // Roles are rare, deliberate changes: secondary buttons, and the admin role only after a confirmation.
  const question = role === 'ADMIN' ? adminRoleQuestion(email, !has) : null;
  return (
    <form
      action={action}
      className="inline"
      onSubmit={(e) => {
        if (question && !window.confirm(question)) e.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="grant" value={String(!has)} />
      <button type="submit" disabled={pending} aria-label={`${label} for ${email}`} className={buttonClass('secondary', 'sm')}>
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
