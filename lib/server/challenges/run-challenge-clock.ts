import 'server-only';
import { db } from '@/lib/server/db';
import { formatInZone } from '@/lib/core/challenges/logic/state-machine';
import { createNotifications, mailNotifications, type NotificationInput } from '@/lib/server/notifications/notify';
import { closeSubmissions } from '@/lib/server/challenges/transition-challenge';
import type { ServiceOptions } from '@/lib/server/challenges/service-support';

/** How long before a deadline the reminders go out. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

export interface ClockReport {
  closed: string[];
  reminders: number;
}

/**
 * One tick of the challenge clock (the challenge-clock job runs it every minute):
 * - closes every OPEN challenge whose submission deadline has passed (→ JUDGING, automatic
 *   assignment, judges told), each in its own transaction under the challenge's row lock;
 * - 24 hours before the submission deadline, reminds entrants; 24 hours before the judging
 *   deadline, reminds judges whose scorecards are not all submitted.
 * Safe to run any number of times, also concurrently: closing is a no-op once closed, and each
 * reminder has a dedupe key so it is inserted once.
 */
export async function runChallengeClock(opts: ServiceOptions = {}): Promise<ClockReport> {
  const now = opts.now ?? new Date();
  const report: ClockReport = { closed: [], reminders: 0 };
  const mail: string[] = [];

  const due = await db.challenge.findMany({ where: { state: 'OPEN', submissionsCloseAt: { lte: now } }, select: { id: true, slug: true } });
  for (const ch of due) {
    const result = await db.$transaction((tx) => closeSubmissions(tx, ch.id, null, now), { timeout: 120_000 });
    if (result.closed) {
      report.closed.push(ch.slug);
      mail.push(...result.notificationIds);
    }
  }

  const soon = new Date(now.getTime() + REMINDER_LEAD_MS);
  const entrantReminders = await db.challenge.findMany({
    where: { state: 'OPEN', submissionsCloseAt: { gt: now, lte: soon } },
    select: { id: true, slug: true, title: true, timeZone: true, submissionsCloseAt: true, entries: { where: { status: 'ACTIVE' }, distinct: ['entrantId'], select: { entrantId: true } } },
  });
  const notices: NotificationInput[] = [];
  for (const ch of entrantReminders) {
    const when = formatInZone(ch.submissionsCloseAt, ch.timeZone);
    for (const e of ch.entries) {
      notices.push({
        userId: e.entrantId,
        kind: 'deadline.submissions',
        title: `${ch.title}: submissions close ${when}`,
        body: `Entries for ${ch.title} close on ${when}. Until then you can still withdraw or change what you entered.`,
        link: `/challenges/${ch.slug}`,
        dedupeKey: `deadline.submissions:${ch.id}:${e.entrantId}:${ch.submissionsCloseAt.toISOString()}`,
      });
    }
  }

  const judgeReminders = await db.challenge.findMany({
    where: { state: 'JUDGING', judgingCloseAt: { gt: now, lte: soon } },
    select: {
      id: true,
      slug: true,
      title: true,
      timeZone: true,
      judgingCloseAt: true,
      assignments: { where: { OR: [{ scorecard: { is: null } }, { scorecard: { status: 'DRAFT' } }] }, select: { judgeId: true } },
    },
  });
  for (const ch of judgeReminders) {
    const when = formatInZone(ch.judgingCloseAt, ch.timeZone);
    const open = new Map<string, number>();
    for (const a of ch.assignments) open.set(a.judgeId, (open.get(a.judgeId) ?? 0) + 1);
    for (const [judgeId, n] of open) {
      notices.push({
        userId: judgeId,
        kind: 'deadline.judging',
        title: `${ch.title}: judging closes ${when}`,
        body: `You have ${n} ${n === 1 ? 'entry' : 'entries'} without a submitted scorecard. Judging closes on ${when}; after that scores are frozen.`,
        link: `/judge/${ch.slug}`,
        dedupeKey: `deadline.judging:${ch.id}:${judgeId}:${ch.judgingCloseAt.toISOString()}`,
      });
    }
  }
  const created = await createNotifications(notices);
  report.reminders = created.length;
  mail.push(...created);
  if (opts.mail !== false) await mailNotifications(mail);
  return report;
}
