import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { isAdmin } from '@/lib/core/auth/roles';
import { invalid } from '@/lib/core/errors';

export interface ReviewView {
  id: string;
  rating: number;
  body: string;
  author: { name: string };
  createdAt: string;
  updatedAt: string;
  reply: string | null;
  repliedAt: string | null;
  /** Shown only to admins and the author: hidden reviews are gone for everyone else. */
  hidden: boolean;
  hiddenReason: string | null;
  own: boolean;
}

interface ReviewCursor {
  t: number;
  i: string;
}

function encode(c: ReviewCursor) {
  return Buffer.from(JSON.stringify({ v: 1, ...c })).toString('base64url');
}

function decode(value: string): ReviewCursor {
  try {
    const p = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (p.v === 1 && typeof p.t === 'number' && Number.isFinite(p.t) && typeof p.i === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(p.i)) return { t: p.t, i: p.i };
  } catch {
    // fall through
  }
  throw invalid('The cursor is not one this API handed out.', { cursor: 'Invalid cursor.' });
}

/**
 * A listing's reviews, newest first, keyset-paged. The caller must already have been allowed to
 * see the listing. Hidden reviews are left out, except for admins and for their own author.
 */
export async function listReviews(actor: Actor | null, applianceId: string, options: { cursor?: string | null; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const after = options.cursor ? decode(options.cursor) : null;
  const visibility = isAdmin(actor) ? {} : actor ? { OR: [{ hidden: false }, { userId: actor.id }] } : { hidden: false };
  const rows = await db.review.findMany({
    where: {
      applianceId,
      // Two ORs (visibility, position): each in its own AND branch so neither replaces the other.
      AND: [visibility, after ? { OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { gt: after.i } }] } : {}],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: limit + 1,
    select: { id: true, rating: true, body: true, createdAt: true, updatedAt: true, reply: true, repliedAt: true, hidden: true, hiddenReason: true, userId: true, user: { select: { name: true } } },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(
      (r): ReviewView => ({
        id: r.id,
        rating: r.rating,
        body: r.body,
        author: { name: r.user.name },
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        reply: r.reply,
        repliedAt: r.repliedAt?.toISOString() ?? null,
        hidden: r.hidden,
        hiddenReason: r.hidden && (isAdmin(actor) || r.userId === actor?.id) ? r.hiddenReason : null,
        own: !!actor && r.userId === actor.id,
      }),
    ),
    nextCursor: rows.length > limit && last ? encode({ t: last.createdAt.getTime(), i: last.id }) : null,
  };
}

/** The caller's own review of a listing, for the edit form. */
export async function findOwnReview(actor: Actor | null, applianceId: string) {
  if (!actor) return null;
  return db.review.findUnique({
    where: { applianceId_userId: { applianceId, userId: actor.id } },
    select: { id: true, rating: true, body: true, hidden: true, hiddenReason: true },
  });
}

/** How many visible reviews gave each number of stars (index 0 = one star). */
export async function reviewDistribution(applianceId: string): Promise<number[]> {
  const rows = await db.review.groupBy({ by: ['rating'], where: { applianceId, hidden: false }, _count: { _all: true } });
  const out = [0, 0, 0, 0, 0];
  for (const r of rows) if (r.rating >= 1 && r.rating <= 5) out[r.rating - 1] = r._count._all;
  return out;
}
