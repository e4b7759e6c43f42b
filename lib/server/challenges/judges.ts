import 'server-only';
import { db, Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, invalid, notFound } from '@/lib/core/errors';
import { suggestReplacement } from '@/lib/core/challenges/logic/reassign';
import { createEligibilityCheck } from '@/lib/core/challenges/logic/eligibility';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { createNotifications, mailNotifications } from '@/lib/server/notifications/notify';
import { runAssignment } from '@/lib/server/challenges/run-assignment';
import { auditChallenge, lockChallenge, requireAdmin, type ServiceOptions, type Tx } from '@/lib/server/challenges/service-support';

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

/**
 * Takes a judge off the panel. Refused once they submitted scores (those stay as evidence);
 * otherwise their assignments go and, while judging, the gaps are filled again.
 */
export async function removeChallengeJudge(actor: Actor, challengeId: string, userId: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'remove judges');
  const notificationIds = await db.$transaction(
    async (tx) => {
      const ch = await lockChallenge(tx, challengeId);
      const row = await tx.challengeJudge.findUnique({ where: { challengeId_userId: { challengeId, userId } } });
      if (!row) throw notFound('That judge');
      const submitted = await tx.scorecard.count({ where: { challengeId, judgeId: userId, status: 'SUBMITTED' } });
      if (submitted > 0) throw conflict(`This judge has submitted ${submitted} ${submitted === 1 ? 'scorecard' : 'scorecards'}; they stay on the panel.`);
      await tx.assignment.deleteMany({ where: { challengeId, judgeId: userId } });
      await tx.challengeJudge.delete({ where: { id: row.id } });
      await auditChallenge(tx, { actorId: actor.id, action: 'judge.remove', challengeId, targetType: 'User', targetId: userId });
      if (ch.state !== 'JUDGING') return [];
      return (await runAssignment(tx, ch, actor.id, 'a judge left the panel')).notificationIds;
    },
    { timeout: 60_000 },
  );
  if (opts.mail !== false) await mailNotifications(notificationIds);
}

/** The admin's judges page: panel, loads, conflicts, and every entry with its judges. */
export async function getJudgingOverview(actor: Actor, slug: string) {
  requireAdmin(actor, 'see judge assignments');
  const ch = await db.challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      state: true,
      judgesPerEntry: true,
      blind: true,
      timeZone: true,
      submissionsCloseAt: true,
      judgingCloseAt: true,
      judges: { orderBy: { createdAt: 'asc' }, select: { user: { select: { id: true, name: true, email: true, roles: true } } } },
      conflicts: { orderBy: { createdAt: 'asc' }, select: { id: true, judgeId: true, entrantId: true, entryId: true, label: true, reason: true, createdAt: true } },
      entries: {
        where: { status: { not: 'WITHDRAWN' } },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          status: true,
          entrantId: true,
          entrant: { select: { name: true } },
          category: { select: { name: true } },
          appliance: { select: { name: true } },
          assignments: {
            orderBy: { createdAt: 'asc' },
            select: { id: true, judgeId: true, manual: true, reason: true, scorecard: { select: { status: true } } },
          },
        },
      },
    },
  });
  if (!ch) throw notFound('That challenge');
  const names = new Map(ch.judges.map((j) => [j.user.id, j.user.name]));
  const isEligible = createEligibilityCheck(ch.conflicts);
  const loads = new Map<string, { assigned: number; submitted: number }>();
  for (const e of ch.entries) {
    for (const a of e.assignments) {
      const l = loads.get(a.judgeId) ?? { assigned: 0, submitted: 0 };
      l.assigned += 1;
      if (a.scorecard?.status === 'SUBMITTED') l.submitted += 1;
      loads.set(a.judgeId, l);
    }
  }
  // Hand changes are offered while judging: the same rules as the services check.
  const judging = ch.state === 'JUDGING';
  const panel = ch.judges.filter((j) => j.user.roles.includes('JUDGE')).map((j) => ({ id: j.user.id }));
  const active = ch.entries.filter((e) => e.status === 'ACTIVE');
  const state = {
    entries: active.map((e) => ({ id: e.id, entrantId: e.entrantId })),
    judges: panel,
    conflicts: ch.conflicts,
    assignments: active.flatMap((e) => e.assignments.map((a) => ({ entryId: e.id, judgeId: a.judgeId }))),
  };
  const option = (c: { judgeId: string; load: number; keepsBalance: boolean }) => ({ ...c, name: names.get(c.judgeId) ?? c.judgeId });
  return {
    challenge: { id: ch.id, slug: ch.slug, title: ch.title, state: ch.state, judgesPerEntry: ch.judgesPerEntry, blind: ch.blind, timeZone: ch.timeZone, judgingCloseAt: ch.judgingCloseAt },
    judges: ch.judges.map((j) => ({
      ...j.user,
      hasRole: j.user.roles.includes('JUDGE'),
      ...(loads.get(j.user.id) ?? { assigned: 0, submitted: 0 }),
      conflicts: ch.conflicts.filter((c) => c.judgeId === j.user.id).length,
    })),
    conflicts: ch.conflicts.map((c) => ({ ...c, judge: names.get(c.judgeId) ?? 'Former judge' })),
    entries: ch.entries.map((e) => {
      const isActive = e.status === 'ACTIVE';
      const onEntry = new Set(e.assignments.map((a) => a.judgeId));
      const entryRef = { id: e.id, entrantId: e.entrantId };
      return {
        id: e.id,
        label: entryLabel(e.id),
        status: e.status,
        appliance: e.appliance.name,
        entrant: e.entrant.name,
        category: e.category.name,
        short: isActive ? Math.max(0, ch.judgesPerEntry - e.assignments.length) : 0,
        addCandidates:
          judging && isActive && e.assignments.length < ch.judgesPerEntry
            ? panel.filter((j) => !onEntry.has(j.id) && isEligible(j.id, entryRef)).map((j) => option({ judgeId: j.id, load: loads.get(j.id)?.assigned ?? 0, keepsBalance: true }))
            : [],
        assignments: e.assignments.map((a) => ({
          id: a.id,
          judgeId: a.judgeId,
          judge: names.get(a.judgeId) ?? 'Former judge',
          manual: a.manual,
          reason: a.reason,
          scorecard: a.scorecard?.status ?? null,
          conflicted: !isEligible(a.judgeId, entryRef),
          candidates: judging && isActive && a.scorecard?.status !== 'SUBMITTED' ? suggestReplacement(state, e.id, a.judgeId).map(option) : [],
        })),
      };
    }),
  };
}

async function assignmentState(tx: Pick<Tx, 'entry' | 'challengeJudge' | 'conflict' | 'assignment'>, challengeId: string) {
  const [entries, judges, conflicts, assignments] = await Promise.all([
    tx.entry.findMany({ where: { challengeId, status: 'ACTIVE' }, select: { id: true, entrantId: true } }),
    tx.challengeJudge.findMany({ where: { challengeId, user: { roles: { has: 'JUDGE' } } }, select: { userId: true } }),
    tx.conflict.findMany({ where: { challengeId }, select: { judgeId: true, entrantId: true, entryId: true } }),
    tx.assignment.findMany({ where: { challengeId }, select: { entryId: true, judgeId: true } }),
  ]);
  return { entries, judges: judges.map((j) => ({ id: j.userId })), conflicts, assignments };
}

/** Candidates to take over one assignment: no conflict, not already on the entry, least loaded first. */
export async function listReplacementCandidates(actor: Actor, assignmentId: string) {
  requireAdmin(actor, 'reassign judges');
  const a = await db.assignment.findUnique({ where: { id: assignmentId }, select: { entryId: true, judgeId: true, challengeId: true } });
  if (!a) throw notFound('That assignment');
  const state = await assignmentState(db, a.challengeId);
  if (!state.entries.some((e) => e.id === a.entryId)) return [];
  const candidates = suggestReplacement(state, a.entryId, a.judgeId);
  const users = await db.user.findMany({ where: { id: { in: candidates.map((c) => c.judgeId) } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return candidates.map((c) => ({ ...c, name: names.get(c.judgeId) ?? c.judgeId }));
}

/**
 * Hand reassignment: moves one assignment to another judge, with a reason that is logged. The
 * new judge must be on the panel, without a conflict with the entry or its entrant, and not on
 * the entry already; a submitted scorecard is never moved.
 */
export async function reassignJudge(actor: Actor, assignmentId: string, newJudgeId: string, reason: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'reassign judges');
  const why = requireReason(reason);
  const notificationIds = await db.$transaction(async (tx) => {
    const a = await tx.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, entryId: true, judgeId: true, challengeId: true, scorecard: { select: { status: true } } } });
    if (!a) throw notFound('That assignment');
    const ch = await lockChallenge(tx, a.challengeId);
    if (ch.state !== 'JUDGING') throw conflict(`Judges can be reassigned only while judging; this challenge is ${ch.state.toLowerCase()}.`);
    if (a.scorecard?.status === 'SUBMITTED') throw conflict('This judge has submitted their scores for the entry; the assignment stays.');
    await checkAssignable(tx, ch.id, a.entryId, newJudgeId, a.judgeId);
    await tx.assignment.delete({ where: { id: a.id } });
    const created = await tx.assignment.create({ data: { challengeId: ch.id, entryId: a.entryId, judgeId: newJudgeId, manual: true, reason: why }, select: { id: true } });
    await auditChallenge(tx, {
      actorId: actor.id,
      action: 'assignment.reassign',
      challengeId: ch.id,
      targetType: 'Entry',
      targetId: a.entryId,
      reason: why,
      data: { from: a.judgeId, to: newJudgeId, assignmentId: created.id },
    });
    return createNotifications([assignedNotice(ch, newJudgeId)], tx);
  });
  if (opts.mail !== false) await mailNotifications(notificationIds);
}

/** Adds one judge to one entry by hand (to fill a gap the automatic run could not), logged with its reason. */
export async function assignJudgeByHand(actor: Actor, entryId: string, judgeId: string, reason: string, opts: ServiceOptions = {}) {
  requireAdmin(actor, 'assign judges');
  const why = requireReason(reason);
  const notificationIds = await db.$transaction(async (tx) => {
    const entry = await tx.entry.findUnique({ where: { id: entryId }, select: { id: true, challengeId: true, status: true } });
    if (!entry) throw notFound('That entry');
    const ch = await lockChallenge(tx, entry.challengeId);
    if (ch.state !== 'JUDGING') throw conflict(`Judges can be assigned only while judging; this challenge is ${ch.state.toLowerCase()}.`);
    await checkAssignable(tx, ch.id, entryId, judgeId, null);
    const created = await tx.assignment.create({ data: { challengeId: ch.id, entryId, judgeId, manual: true, reason: why }, select: { id: true } });
    await auditChallenge(tx, { actorId: actor.id, action: 'assignment.manual', challengeId: ch.id, targetType: 'Entry', targetId: entryId, reason: why, data: { judgeId, assignmentId: created.id } });
    return createNotifications([assignedNotice(ch, judgeId)], tx);
  });
  if (opts.mail !== false) await mailNotifications(notificationIds);
}

async function checkAssignable(tx: Tx, challengeId: string, entryId: string, judgeId: string, replacing: string | null) {
  const state = await assignmentState(tx, challengeId);
  const entry = state.entries.find((e) => e.id === entryId);
  if (!entry) throw conflict('This entry is not active.');
  if (!state.judges.some((j) => j.id === judgeId)) throw invalid('Choose a judge of this challenge’s panel.', { judgeId: 'Not on the panel.' });
  if (!createEligibilityCheck(state.conflicts)(judgeId, entry)) {
    throw conflict(judgeId === entry.entrantId ? 'A judge cannot judge their own entry.' : 'This judge declared a conflict with the entry or its entrant.');
  }
  if (state.assignments.some((a) => a.entryId === entryId && a.judgeId === judgeId)) throw conflict('This judge is already on the entry.');
  // The one place that ranks candidates also confirms the choice (same rules as the suggestions).
  if (replacing && !suggestReplacement(state, entryId, replacing).some((c) => c.judgeId === judgeId)) {
    throw conflict('This judge cannot take over the assignment.');
  }
}

function requireReason(reason: string): string {
  const why = reason.trim();
  if (why.length < 5) throw invalid('Give a reason (at least 5 characters); it goes into the audit log.', { reason: 'Give a reason.' });
  if (why.length > 500) throw invalid('Keep the reason under 500 characters.', { reason: 'Too long.' });
  return why;
}

function assignedNotice(ch: { slug: string; title: string }, userId: string) {
  return {
    userId,
    kind: 'judge.assigned' as const,
    title: `1 entry to judge in ${ch.title}`,
    body: `An admin assigned you an entry in ${ch.title}.`,
    link: `/judge/${ch.slug}`,
  };
}

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
