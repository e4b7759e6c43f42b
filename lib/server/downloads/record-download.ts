import 'server-only';
import { env } from '@/lib/config/env';
import { db } from '@/lib/server/db';
import { hashIp } from '@/lib/core/http/client-ip';
import { metrics } from '@/lib/server/observability/metrics';

/** Who a download counts for: the signed-in user, or a salted hash of the address (never the address). */
export function downloadActorKey(userId: string | null, ip: string): string {
  return userId ? `u:${userId}` : `ip:${hashIp(ip, env().AUTH_SECRET ?? 'apx')}`;
}

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

// Downloads this process already counted today: repeats skip the database (the unique key would
// refuse them anyway). Bounded; other app nodes simply meet the unique key.
const globalForDownloads = globalThis as unknown as { countedDownloads?: Set<string> };
const counted = (globalForDownloads.countedDownloads ??= new Set<string>());
const MAX_REMEMBERED = 100_000;

const RECORD_DOWNLOAD_SQL = `
    WITH inserted AS (
      INSERT INTO "DownloadEvent" ("fileId", "applianceId", "userId", "actorKey", "day")
      VALUES ($1, $2, $3, $4, $5::date)
      ON CONFLICT ("fileId", "actorKey", "day") DO NOTHING
      RETURNING "applianceId"
    )
    UPDATE "Appliance" SET "downloadCount" = "downloadCount" + 1 WHERE id IN (SELECT "applianceId" FROM inserted)`;

/** Runs a statement with positional parameters; resolves with the number of rows it changed. */
export type Execute = (sql: string, params: unknown[]) => Promise<number>;

const executeWithPrisma: Execute = (sql, params) => db.$executeRawUnsafe(sql, ...params);

/**
 * Counts a download at most once per file, user (or hashed address) and UTC day: the
 * DownloadEvent unique key decides, and the listing's counter moves only when the row was new —
 * one statement, so concurrent downloads cannot double-count. Returns whether it counted.
 * `execute` lets the download fast path run it on its own connections.
 */
export async function recordDownload(
  input: { fileId: string; applianceId: string; userId: string | null; ip: string; at?: Date },
  execute: Execute = executeWithPrisma,
): Promise<boolean> {
  metrics().downloads.inc({ path: execute === executeWithPrisma ? 'app' : 'fast' });
  const actorKey = downloadActorKey(input.userId, input.ip);
  const day = utcDay(input.at ?? new Date());
  const key = `${day}|${input.fileId}|${actorKey}`;
  if (counted.has(key)) return false;
  // The statement is a constant; every value is a parameter.
  const updated = await execute(RECORD_DOWNLOAD_SQL, [input.fileId, input.applianceId, input.userId, actorKey, day]);
  if (counted.size >= MAX_REMEMBERED) counted.clear();
  counted.add(key);
  return updated > 0;
}

/** For tests: forget what this process counted. */
export function forgetCountedDownloads() {
  counted.clear();
}
