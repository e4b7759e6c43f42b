import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import { enqueue, QUEUES } from '@/lib/server/queue/boss';

export type NotificationKind =
  | 'judge.assigned'
  | 'deadline.submissions'
  | 'deadline.judging'
  | 'results.published'
  | 'entry.disqualified'
  | 'assignment.incomplete';

export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  /** A path on this site, e.g. /judge/ultimate-2026. */
  link?: string | null;
  /** Notices that must go out once carry a key; a second insert with it is skipped. */
  dedupeKey?: string | null;
}

type Tx = Pick<Prisma.TransactionClient, 'notification'>;

/**
 * Writes in-app notifications inside the caller's transaction; returns the ids actually created
 * (duplicates by dedupeKey are skipped), to hand to `mailNotifications` after the commit.
 */
export async function createNotifications(items: NotificationInput[], tx: Tx = db): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await tx.notification.createManyAndReturn({
    data: items.map((n) => ({
      userId: n.userId,
      kind: n.kind,
      title: n.title.slice(0, 200),
      body: (n.body ?? '').slice(0, 2000),
      link: n.link ?? null,
      dedupeKey: n.dedupeKey ?? null,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Queues one e-mail per notification (the send-mail job sends it, or logs it without SMTP).
 * Called after the transaction committed; a queue outage loses the e-mail, never the notice.
 */
export async function mailNotifications(ids: string[]): Promise<void> {
  for (const id of ids) {
    try {
      await enqueue(QUEUES.sendMail, { notificationId: id }, { singletonKey: `notification:${id}` });
    } catch (e) {
      console.error(`[mail] could not queue notification ${id}:`, e instanceof Error ? e.message : e);
      return;
    }
  }
}

export async function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(userId: string, opts: { take?: number; before?: string | null } = {}) {
  const take = Math.min(Math.max(opts.take ?? 30, 1), 100);
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    ...(opts.before ? { cursor: { id: opts.before }, skip: 1 } : {}),
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
  return { items: rows.slice(0, take), nextCursor: rows.length > take ? rows[take - 1].id : null };
}

/** Marks the user's notifications read: all of them, or the listed ones (others' ids do nothing). */
export async function markNotificationsRead(userId: string, ids?: string[]): Promise<number> {
  const result = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
