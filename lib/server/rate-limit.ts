import 'server-only';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/server/db';
import { AppError } from '@/lib/core/errors';

/**
 * A fixed-window counter in Postgres, shared by every app node. One atomic statement: concurrent
 * requests cannot all pass on a stale read. Shares better-auth's RateLimit table, own key space.
 */
export async function consumeRateLimit(key: string, rule: { window: number; max: number }) {
  const now = Date.now();
  const windowStart = now - rule.window * 1000;
  const rows = await db.$queryRaw<{ count: number; lastRequest: bigint }[]>`
    INSERT INTO "RateLimit" ("id", "key", "count", "lastRequest")
    VALUES (${randomUUID()}, ${`apx:${key}`}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."lastRequest" < ${windowStart} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "lastRequest" = CASE WHEN "RateLimit"."lastRequest" < ${windowStart} THEN ${now} ELSE "RateLimit"."lastRequest" END
    RETURNING "count", "lastRequest"`;
  const row = rows[0];
  const allowed = row.count <= rule.max;
  const retryAfter = allowed ? 0 : Math.max(1, Math.ceil((Number(row.lastRequest) + rule.window * 1000 - now) / 1000));
  return { allowed, retryAfter };
}

export async function enforceRateLimit(key: string, rule: { window: number; max: number }, what = 'requests') {
  const { allowed, retryAfter } = await consumeRateLimit(key, rule);
  if (!allowed) {
    throw new AppError('RATE_LIMITED', `Too many ${what}. Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`);
  }
}
