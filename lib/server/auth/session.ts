import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { getAuth } from '@/lib/server/auth/auth';
import { ROLES, type Actor, type RoleName } from '@/lib/core/auth/roles';
import { AppError, forbidden, unauthenticated } from '@/lib/core/errors';

function toRoles(value: unknown): RoleName[] {
  const list = Array.isArray(value) ? value : [];
  const roles = list.filter((r): r is RoleName => (ROLES as readonly string[]).includes(String(r)));
  return roles.includes('USER') ? roles : ['USER', ...roles];
}

/** The signed-in user of a request (from its session cookie), or null. */
export async function actorFromHeaders(h: Headers): Promise<Actor | null> {
  const session = await getAuth().api.getSession({ headers: h });
  if (!session) return null;
  const user = session.user as typeof session.user & { roles?: unknown };
  return { id: user.id, name: user.name, email: user.email, roles: toRoles(user.roles) };
}

/** The caller of the current page or server action; looked up once per request. */
export const getActor = cache(async (): Promise<Actor | null> => actorFromHeaders(await headers()));

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw unauthenticated();
  return actor;
}

export async function requireRole(role: RoleName): Promise<Actor> {
  const actor = await requireActor();
  if (!actor.roles.includes(role)) throw forbidden(`This needs the ${role.toLowerCase()} role.`);
  return actor;
}

export { AppError };
