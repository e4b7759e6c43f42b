import 'server-only';
import { forbidden, unauthorized } from 'next/navigation';
import { getActor } from '@/lib/server/auth/session';
import type { Actor, RoleName } from '@/lib/core/auth/roles';

/** For pages: the signed-in actor, or the 401 page. */
export async function pageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) unauthorized();
  return actor;
}

/** For pages: the actor holding `role`, or the 401 / 403 page. */
export async function pageActorWithRole(role: RoleName): Promise<Actor> {
  const actor = await pageActor();
  if (!actor.roles.includes(role)) forbidden();
  return actor;
}
