import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { isAdmin } from '@/lib/core/auth/roles';
import { AppError, forbidden, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';

export const GRANTABLE = ['JUDGE', 'ADMIN'] as const;
export type GrantableRole = (typeof GRANTABLE)[number];

/** Admins grant or revoke JUDGE and ADMIN; every change is audited. */
export async function setUserRole(actor: Actor, userId: string, role: GrantableRole, grant: boolean) {
  if (!isAdmin(actor)) throw forbidden('Only admins can change roles.');
  if (!grant && role === 'ADMIN' && userId === actor.id) {
    throw new AppError('CONFLICT', 'You cannot remove your own admin role; ask another admin.');
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, roles: true, email: true } });
    if (!user) throw notFound('That user');
    const has = user.roles.includes(role);
    if (has === grant) return user;
    const roles = grant ? [...user.roles, role] : user.roles.filter((r) => r !== role);
    const updated = await tx.user.update({ where: { id: userId }, data: { roles: { set: roles } }, select: { id: true, roles: true, email: true } });
    await recordAudit(
      { actorId: actor.id, action: grant ? 'user.grant_role' : 'user.revoke_role', targetType: 'User', targetId: userId, data: { role } },
      tx,
    );
    return updated;
  });
}

export async function listUsers(actor: Actor, query: { q?: string; take?: number } = {}) {
  if (!isAdmin(actor)) throw forbidden();
  const q = query.q?.trim();
  return db.user.findMany({
    where: q ? { OR: [{ email: { contains: q, mode: 'insensitive' } }, { name: { contains: q, mode: 'insensitive' } }] } : {},
    orderBy: { createdAt: 'desc' },
    take: query.take ?? 100,
    select: { id: true, name: true, email: true, roles: true, createdAt: true, publisher: { select: { handle: true } } },
  });
}
