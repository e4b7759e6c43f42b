import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, invalid, notFound } from '@/lib/core/errors';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { mailNotifications } from '@/lib/server/notifications/notify';
import { runAssignment } from '@/lib/server/challenges/run-assignment';
import { auditChallenge, lockChallenge, type ServiceOptions } from '@/lib/server/challenges/service-support';

/**
 * A judge declares a conflict: with a person (by e-mail address or publisher handle, or picked
 * from the entrants when judging is not blind) or with one entry. Assignments it touches that
 * hold no submitted scores are removed and, while judging, filled by someone else.
 */
export async function declareConflict(
  actor: Actor,
  challengeId: string,
  input: { entryId?: string; person?: string; entrantId?: string; reason?: string },
  opts: ServiceOptions = {},
) {
  const reason = (input.reason ?? '').trim().slice(0, 500);
  const notificationIds = await db.$transaction(
    async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      const judge = await tx.challengeJudge.findUnique({ where: { challengeId_userId: { challengeId, userId: actor.id } }, select: { id: true } });
      if (!judge || !actor.roles.includes('JUDGE')) throw notFound('That challenge');
      if (ch.state === 'RESULTS' || ch.state === 'ARCHIVED') throw conflict('Judging is over for this challenge.');

      let data: { entryId?: string; entrantId?: string; label: string };
      if (input.entryId) {
        const entry = await tx.entry.findFirst({ where: { id: input.entryId, challengeId, status: 'ACTIVE' }, select: { id: true, appliance: { select: { name: true } } } });
        if (!entry) throw notFound('That entry');
        data = { entryId: entry.id, label: ch.blind ? entryLabel(entry.id) : `${entry.appliance.name} (${entryLabel(entry.id)})` };
      } else if (input.entrantId && !ch.blind) {
        const entrant = await tx.entry.findFirst({ where: { challengeId, entrantId: input.entrantId }, select: { entrant: { select: { id: true, name: true } } } });
        if (!entrant) throw notFound('That entrant');
        data = { entrantId: entrant.entrant.id, label: entrant.entrant.name };
      } else {
        const person = (input.person ?? '').trim();
        if (!person) throw invalid('Name the person by e-mail address or publisher handle.', { person: 'Enter an e-mail or a handle.' });
        const user = await tx.user.findFirst({
          where: { OR: [{ email: { equals: person, mode: 'insensitive' } }, { publisher: { handle: person.toLowerCase() } }] },
          select: { id: true },
        });
        if (!user) throw invalid('No account has that e-mail address or publisher handle.', { person: 'No such account.' });
        if (user.id === actor.id) throw invalid('That is you.', { person: 'That is you.' });
        data = { entrantId: user.id, label: person.slice(0, 200) };
      }
      const duplicate = await tx.conflict.findFirst({ where: { challengeId, judgeId: actor.id, entryId: data.entryId ?? null, entrantId: data.entrantId ?? null } });
      if (duplicate) return [];
      const created = await tx.conflict.create({ data: { challengeId, judgeId: actor.id, ...data, reason }, select: { id: true } });
      await auditChallenge(tx, {
        actorId: actor.id,
        action: 'conflict.declare',
        challengeId,
        targetType: 'Conflict',
        targetId: created.id,
        reason: reason || null,
        data: { judgeId: actor.id, entryId: data.entryId ?? null, entrantId: data.entrantId ?? null },
      });
      if (ch.state !== 'JUDGING') return [];
      return (await runAssignment(tx, ch, actor.id, 'a judge declared a conflict')).notificationIds;
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
}
