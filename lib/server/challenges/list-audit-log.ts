import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { requireAdmin } from '@/lib/server/challenges/service-support';

export interface AuditFilter {
  challengeId?: string;
  action?: string;
  /** Part of the actor's e-mail or name; "system" for entries without an actor (the clock). */
  actor?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The audit log for admins, newest first, filtered by challenge (every challenge service puts
 * the challenge id into the entry's data), action and actor; numbered pages.
 */
export async function listAuditLog(actor: Actor, filter: AuditFilter = {}) {
  requireAdmin(actor, 'read the audit log');
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 10), 200);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const who = filter.actor?.trim();
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.challengeId
      ? { OR: [{ targetType: 'Challenge', targetId: filter.challengeId }, { data: { path: ['challengeId'], equals: filter.challengeId } }] }
      : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(who
      ? who.toLowerCase() === 'system'
        ? { actorId: null }
        : { actor: { OR: [{ email: { contains: who, mode: 'insensitive' } }, { name: { contains: who, mode: 'insensitive' } }] } }
      : {}),
  };
  const [total, rows, actions, challenges] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, action: true, targetType: true, targetId: true, reason: true, data: true, createdAt: true, actor: { select: { name: true, email: true } } },
    }),
    db.auditLog.findMany({ distinct: ['action'], orderBy: { action: 'asc' }, select: { action: true } }),
    db.challenge.findMany({ orderBy: { submissionsOpenAt: 'desc' }, select: { id: true, title: true } }),
  ]);
  return {
    total,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    rows: rows.map((r) => ({ ...r, id: r.id.toString() })),
    actions: actions.map((a) => a.action),
    challenges,
  };
}
