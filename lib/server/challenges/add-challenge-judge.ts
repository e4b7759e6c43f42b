import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, invalid } from '@/lib/core/errors';
import { auditChallenge, lockChallenge, requireAdmin } from '@/lib/server/challenges/service-support';

/** An admin adds a user holding the JUDGE role to a challenge's panel. */
export async function addChallengeJudge(actor: Actor, challengeId: string, who: string) {
  requireAdmin(actor, 'add judges');
  const key = who.trim();
  if (!key) throw invalid('Enter the judge’s e-mail address.', { judge: 'Enter an e-mail address.' });
  const user = await db.user.findFirst({
    where: { OR: [{ email: { equals: key, mode: 'insensitive' } }, { id: key }] },
    select: { id: true, name: true, email: true, roles: true },
  });
  if (!user) throw invalid(`No account has the e-mail address ${key}.`, { judge: 'No such account.' });
  if (!user.roles.includes('JUDGE')) {
    throw invalid(`${user.name} does not have the judge role yet: grant it under Users and roles first.`, { judge: 'Not a judge.' });
  }
  try {
    return await db.$transaction(async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      if (ch.state === 'RESULTS' || ch.state === 'ARCHIVED') throw conflict('Judging is over for this challenge.');
      const row = await tx.challengeJudge.create({ data: { challengeId, userId: user.id }, select: { id: true } });
      await auditChallenge(tx, { actorId: actor.id, action: 'judge.add', challengeId, targetType: 'User', targetId: user.id, data: { email: user.email } });
      return { id: row.id, user };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw conflict(`${user.name} already judges this challenge.`);
    throw e;
  }
}
