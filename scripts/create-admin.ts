// `npm run admin:create -- <email> [name]`: the first admin of a real deployment (no demo seed).
// Creates the account with a generated password (printed once) or grants ADMIN to an existing one.
import { randomBytes } from 'node:crypto';
import { withDatabase } from './lib/services.ts';
import { migrateDeploy } from './lib/schema-engine.ts';

const [email, ...nameParts] = process.argv.slice(2);

async function main() {
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    console.error('usage: npm run admin:create -- <email> [name]');
    process.exit(64);
  }
  await withDatabase(async (url) => {
    process.env.DATABASE_URL = url;
    await migrateDeploy(url);
    const { db } = await import('../lib/server/db.ts');
    const { createUserWithPassword } = await import('../lib/server/users/create-user-with-password.ts');
    const existing = await db.user.findUnique({ where: { email: email.toLowerCase() } });
    if (existing) {
      if (!existing.roles.includes('ADMIN')) {
        await db.user.update({ where: { id: existing.id }, data: { roles: { set: [...existing.roles, 'ADMIN'] } } });
      }
      await db.auditLog.create({ data: { actorId: null, action: 'user.grant_role', targetType: 'User', targetId: existing.id, data: { role: 'ADMIN', via: 'admin:create' } } });
      console.log(`${existing.email} is now an admin.`);
    } else {
      const password = `${randomBytes(9).toString('base64url')}-9a`;
      const user = await createUserWithPassword({ name: nameParts.join(' ') || email.split('@')[0], email, password, roles: ['ADMIN'] });
      await db.auditLog.create({ data: { actorId: null, action: 'user.create_admin', targetType: 'User', targetId: user.id, data: { via: 'admin:create' } } });
      console.log(`Created admin ${user.email} with password ${password} (shown once; change it after signing in).`);
    }
    await db.$disconnect();
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
