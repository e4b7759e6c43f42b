import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { notFound } from '@/lib/core/errors';
import { suggestReplacement } from '@/lib/core/challenges/logic/reassign';
import { createEligibilityCheck } from '@/lib/core/challenges/logic/eligibility';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { requireAdmin } from '@/lib/server/challenges/service-support';

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
