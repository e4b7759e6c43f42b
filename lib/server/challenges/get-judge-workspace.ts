import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { effectiveState } from '@/lib/core/challenges/logic/state-machine';
import { judgeScore } from '@/lib/core/challenges/logic/scoring';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { createRedactor } from '@/lib/core/challenges/logic/redact';
import { type ServiceOptions } from '@/lib/server/challenges/service-support';
import { challengeSelect, identitiesOf } from '@/lib/server/challenges/judge-view-support';
import { scoringWindow } from '@/lib/server/challenges/scoring-window';

/** A judge's challenge page: null unless the caller holds the JUDGE role and sits on the panel. */
export async function getJudgeWorkspace(actor: Actor, slug: string, opts: ServiceOptions = {}) {
  if (!actor.roles.includes('JUDGE')) return null;
  const now = opts.now ?? new Date();
  const ch = await db.challenge.findFirst({ where: { slug, judges: { some: { userId: actor.id } } }, select: challengeSelect });
  if (!ch) return null;
  const [assignments, conflicts, entrants] = await Promise.all([
    db.assignment.findMany({
      where: { challengeId: ch.id, judgeId: actor.id },
      orderBy: { createdAt: 'asc' },
      select: {
        entry: {
          select: {
            id: true,
            status: true,
            category: { select: { name: true } },
            entrant: { select: { name: true, email: true } },
            appliance: { select: { name: true, summary: true, homepage: true, publisher: { select: { handle: true, displayName: true, url: true } } } },
          },
        },
        scorecard: { select: { status: true, updatedAt: true, values: { select: { criterionId: true, value: true } } } },
      },
    }),
    db.conflict.findMany({ where: { challengeId: ch.id, judgeId: actor.id }, orderBy: { createdAt: 'asc' }, select: { id: true, label: true, reason: true, entryId: true, createdAt: true } }),
    ch.blind
      ? Promise.resolve([])
      : db.entry.findMany({ where: { challengeId: ch.id, status: 'ACTIVE', entrantId: { not: actor.id } }, distinct: ['entrantId'], select: { entrant: { select: { id: true, name: true } } } }),
  ]);

  const rows = assignments.map((a) => {
    const e = a.entry;
    const redact = ch.blind ? createRedactor(identitiesOf(e)) : (t: string) => t;
    const values = Object.fromEntries((a.scorecard?.values ?? []).map((v) => [v.criterionId, v.value]));
    const complete = ch.criteria.length > 0 && ch.criteria.every((c) => values[c.id] !== undefined);
    return {
      entryId: e.id,
      label: entryLabel(e.id),
      category: e.category.name,
      appliance: redact(e.appliance.name),
      summary: redact(e.appliance.summary),
      entrant: ch.blind ? null : e.appliance.publisher.displayName,
      entryStatus: e.status,
      status: (a.scorecard?.status ?? 'NOT_STARTED') as 'NOT_STARTED' | 'DRAFT' | 'SUBMITTED',
      myScore: complete ? judgeScore({ entryId: e.id, judgeId: actor.id, values, submittedAt: now }, ch.criteria) : null,
      updatedAt: a.scorecard?.updatedAt ?? null,
    };
  });
  return {
    challenge: {
      id: ch.id,
      slug: ch.slug,
      title: ch.title,
      blind: ch.blind,
      timeZone: ch.timeZone,
      rules: ch.rules,
      state: effectiveState(ch, now),
      judgingCloseAt: ch.judgingCloseAt,
      criteria: ch.criteria,
    },
    scoring: scoringWindow(ch, now),
    assignments: rows,
    progress: { assigned: rows.length, submitted: rows.filter((r) => r.status === 'SUBMITTED').length, drafts: rows.filter((r) => r.status === 'DRAFT').length },
    conflicts,
    entrants: entrants.map((e) => e.entrant),
  };
}

export type JudgeWorkspace = NonNullable<Awaited<ReturnType<typeof getJudgeWorkspace>>>;
