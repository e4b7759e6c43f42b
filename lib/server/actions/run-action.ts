import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { isAppError, publicMessage } from '@/lib/core/errors';
import type { ActionState } from '@/lib/core/actions/action-state';

/**
 * Runs a form action's body: expected errors (AppError) become the form's message and field
 * errors, Next's redirect/notFound pass through, anything else is logged and answered generically.
 */
export async function runAction(name: string, body: () => Promise<ActionState | void>): Promise<ActionState> {
  try {
    return (await body()) ?? { ok: true };
  } catch (e) {
    unstable_rethrow(e);
    if (isAppError(e)) return { ok: false, message: e.message, fields: e.fields };
    return { ok: false, message: publicMessage(e, name) };
  }
}
