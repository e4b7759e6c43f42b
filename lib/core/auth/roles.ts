// Roles are a set: everyone is a USER; DEVELOPER comes with a publisher profile; admins grant
// JUDGE and ADMIN. Pure helpers, safe to import anywhere (no server-only).

export const ROLES = ['USER', 'DEVELOPER', 'JUDGE', 'ADMIN'] as const;
export type RoleName = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: RoleName[];
}

export const hasRole = (actor: Pick<Actor, 'roles'> | null | undefined, role: RoleName) =>
  !!actor && actor.roles.includes(role);
export const isAdmin = (actor: Pick<Actor, 'roles'> | null | undefined) => hasRole(actor, 'ADMIN');

/** Navigation entries a role may see; the server re-checks every action regardless. */
export function navFor(actor: Pick<Actor, 'roles'> | null) {
  const items: { href: string; label: string }[] = [
    { href: '/browse', label: 'Browse' },
    { href: '/challenges', label: 'Challenges' },
  ];
  if (actor) items.push({ href: '/publish', label: 'Publish' });
  if (hasRole(actor, 'JUDGE')) items.push({ href: '/judge', label: 'Judge' });
  if (isAdmin(actor)) items.push({ href: '/admin', label: 'Admin' });
  return items;
}
