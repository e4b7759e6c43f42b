'use client';

import { useActionState, type ReactNode } from 'react';
import { initialActionState, type ActionState } from '@/lib/core/actions/action-state';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

/**
 * A small form around one server action: hidden fields, optional extra inputs (children), a
 * submit button, and the action's message. Optionally asks for confirmation first.
 */
export function ActionForm({
  action,
  fields = {},
  label,
  pendingLabel,
  variant = 'primary',
  size = 'sm',
  confirm,
  className,
  buttonLabel,
  children,
  inline = false,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields?: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: Variant;
  size?: 'sm' | 'md';
  confirm?: string;
  className?: string;
  /** Accessible name when the visible label is not unique on the page. */
  buttonLabel?: string;
  children?: ReactNode;
  inline?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form
      action={formAction}
      className={cn(inline ? 'inline-flex flex-wrap items-center gap-2' : 'space-y-3', className)}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" disabled={pending} aria-label={buttonLabel} className={buttonClass(variant, size)}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      {state.message && (
        <p role={state.ok ? 'status' : 'alert'} className={cn('text-sm', state.ok ? 'text-emerald-700' : 'text-red-600')}>
          {state.message}
        </p>
      )}
    </form>
  );
}
