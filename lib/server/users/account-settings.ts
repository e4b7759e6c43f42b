import 'server-only';
import { authErrorOf } from '@/lib/server/auth/auth-error';
import { z } from 'zod';
import { db } from '@/lib/server/db';
import { getAuth } from '@/lib/server/auth/auth';
import type { Actor } from '@/lib/core/auth/roles';
import { emailSchema, passwordSchema } from '@/lib/core/auth/password-policy';
import { forbidden, invalid, notFound } from '@/lib/core/errors';
import { enforceRateLimit } from '@/lib/server/rate-limit';
import { recordAudit } from '@/lib/server/audit/record-audit';

// The account settings page's services. better-auth owns the user, session and password rows;
// these call its API with the caller's own request headers (their session cookie), so every
// change is checked against the session that asks for it, and record what changed.

export const nameSchema = z.string().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.');

export const changeEmailSchema = z.object({ newEmail: emailSchema, password: z.string().min(1, 'Enter your current password.').max(128) });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(128),
  newPassword: passwordSchema,
  signOutOthers: z.boolean(),
});

/** Where the link in the new address's mail leads once opened. */
export const EMAIL_CHANGED_PATH = '/account?email=changed';

/**
 * better-auth's status of an error it threw, or null. Checked by shape as well as by class: in
 * the production bundle the class better-auth throws need not be the one imported here.
 */
function authErrorStatus(e: unknown): string | null {
  return authErrorOf(e)?.status ?? null;
}

const wrongPassword = () => invalid('That is not your current password.', { password: 'That is not your current password.', currentPassword: 'That is not your current password.' });

/** The caller's password, checked by better-auth; a few tries per quarter hour. */
export async function verifyOwnPassword(actor: Actor, password: string, headers: Headers): Promise<void> {
  if (!actor.id) throw notFound('That account');
  await enforceRateLimit(`account-password:${actor.id}`, { window: 15 * 60, max: 10 }, 'password attempts');
  // The password is checked for the session in `headers`: it must be the actor's own.
  const session = await getAuth().api.getSession({ headers });
  if (session?.user.id !== actor.id) throw forbidden('Sign in as this account first.');
  try {
    await getAuth().api.verifyPassword({ body: { password }, headers });
  } catch (e) {
    if (authErrorStatus(e) === 'BAD_REQUEST') throw wrongPassword();
    throw e;
  }
}

export async function changeOwnName(actor: Actor, name: string, headers: Headers): Promise<void> {
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) throw invalid('Please check your name.', { name: parsed.error.issues[0].message });
  await getAuth().api.updateUser({ body: { name: parsed.data }, headers });
  await recordAudit({ actorId: actor.id, action: 'user.change_name', targetType: 'User', targetId: actor.id });
}

/**
 * Asks to move the account to `newEmail`: a link goes to that address, and the current address
 * is told (lib/server/auth/auth.ts). Until the link is opened nothing changes. A taken address answers
 * the same (better-auth sends nothing then), so the form never tells who has an account.
 */
export async function requestEmailChange(actor: Actor, input: z.infer<typeof changeEmailSchema>, headers: Headers): Promise<void> {
  await verifyOwnPassword(actor, input.password, headers);
  if (input.newEmail === actor.email.toLowerCase()) throw invalid('That is already your address.', { newEmail: 'That is already your address.' });
  await enforceRateLimit(`account-email:${actor.id}`, { window: 60 * 60, max: 5 }, 'address changes');
  await getAuth().api.changeEmail({ body: { newEmail: input.newEmail, callbackURL: EMAIL_CHANGED_PATH }, headers });
  await recordAudit({ actorId: actor.id, action: 'user.request_email_change', targetType: 'User', targetId: actor.id });
}

/** Sets a new password; with `signOutOthers` every other session ends (this one stays). */
export async function changeOwnPassword(actor: Actor, input: z.infer<typeof changePasswordSchema>, headers: Headers): Promise<void> {
  if (!actor.id) throw notFound('That account');
  await enforceRateLimit(`account-password:${actor.id}`, { window: 15 * 60, max: 10 }, 'password attempts');
  if (input.newPassword === input.currentPassword) throw invalid('Choose a password other than the current one.', { newPassword: 'Choose a password other than the current one.' });
  try {
    await getAuth().api.changePassword({ body: { currentPassword: input.currentPassword, newPassword: input.newPassword }, headers });
  } catch (e) {
    if (authErrorStatus(e) === 'BAD_REQUEST') throw wrongPassword();
    throw e;
  }
  // Not better-auth's `revokeOtherSessions` option: it ends this session too and starts a new
  // one, whose cookie the page re-rendered by the same action does not have yet (it would read
  // as signed out). Ending the others keeps this session as it is.
  if (input.signOutOthers) await getAuth().api.revokeOtherSessions({ headers });
  await recordAudit({ actorId: actor.id, action: 'user.change_password', targetType: 'User', targetId: actor.id, data: { signedOutOthers: input.signOutOthers } });
}

export async function signOutOtherSessions(actor: Actor, headers: Headers): Promise<number> {
  if (!actor.id) throw notFound('That account');
  const before = await db.session.count({ where: { userId: actor.id, expiresAt: { gt: new Date() } } });
  await getAuth().api.revokeOtherSessions({ headers });
  const after = await db.session.count({ where: { userId: actor.id, expiresAt: { gt: new Date() } } });
  await recordAudit({ actorId: actor.id, action: 'user.sign_out_others', targetType: 'User', targetId: actor.id, data: { ended: before - after } });
  return before - after;
}

export interface OwnSession {
  id: string;
  current: boolean;
  browser: string;
  ipAddress: string | null;
  createdAt: string;
  lastActiveAt: string;
}

/** A readable name for a user agent: enough to recognise one's own devices. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : /curl\//.test(ua) ? 'curl' : /node|undici/i.test(ua) ? 'A program' : 'A browser';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return os ? `${browser} on ${os}` : browser;
}

/** The caller's live sessions, the current one first; never their tokens. */
export async function listOwnSessions(actor: Actor, currentSessionId: string | null): Promise<OwnSession[]> {
  if (!actor.id) throw notFound('That account');
  const rows = await db.session.findMany({
    where: { userId: actor.id, expiresAt: { gt: new Date() } },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, updatedAt: true },
  });
  return rows
    .map((s) => ({ id: s.id, current: s.id === currentSessionId, browser: describeUserAgent(s.userAgent), ipAddress: s.ipAddress, createdAt: s.createdAt.toISOString(), lastActiveAt: s.updatedAt.toISOString() }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** The id of the session making this request, or null. */
export async function currentSessionId(headers: Headers): Promise<string | null> {
  const session = await getAuth().api.getSession({ headers });
  return session?.session.id ?? null;
}
