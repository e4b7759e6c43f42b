import { describe, expect, it } from 'vitest';
import { setUserRole, listUsers } from '@/lib/server/users/grant-role';
import { createTestUser } from '@/lib/test-support/factories';
import { db } from '@/lib/server/db';

describe('granting roles', () => {
  it('lets an admin grant and revoke JUDGE, with an audit entry each time', async () => {
    const admin = await createTestUser({ roles: ['ADMIN'] });
    const target = await createTestUser();
    const granted = await setUserRole(admin.actor, target.id, 'JUDGE', true);
    expect(granted.roles).toContain('JUDGE');
    const revoked = await setUserRole(admin.actor, target.id, 'JUDGE', false);
    expect(revoked.roles).not.toContain('JUDGE');
    const audit = await db.auditLog.findMany({ where: { targetId: target.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['user.grant_role', 'user.revoke_role']);
    expect(audit.every((a) => a.actorId === admin.id)).toBe(true);
  });

  it('refuses a non-admin, even a judge or developer', async () => {
    for (const roles of [[], ['JUDGE'], ['DEVELOPER']] as const) {
      const caller = await createTestUser({ roles: [...roles] });
      const target = await createTestUser();
      await expect(setUserRole(caller.actor, target.id, 'ADMIN', true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listUsers(caller.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).roles).toEqual(['USER']);
    }
  });

  it('keeps an admin from removing their own admin role (no lock-out)', async () => {
    const admin = await createTestUser({ roles: ['ADMIN'] });
    await expect(setUserRole(admin.actor, admin.id, 'ADMIN', false)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
