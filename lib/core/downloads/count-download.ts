import { hashIp } from '@/lib/core/http/client-ip';

/*
 * Counting a download, the same for the route (through Prisma) and the download edge (its own
 * connections): the statement is one constant, the database runs it through `execute`.
 */

/** Runs a statement with positional parameters; resolves with the number of rows it changed. */
export type Execute = (sql: string, params: unknown[]) => Promise<number>;

export interface DownloadToCount {
  fileId: string;
  applianceId: string;
  userId: string | null;
  ip: string;
  at?: Date;
}

/** Who a download counts for: the signed-in user, or a salted hash of the address (never the address). */
export function downloadActorKey(userId: string | null, ip: string, salt: string): string {
  return userId ? `u:${userId}` : `ip:${hashIp(ip, salt)}`;
}

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

// Downloads this process already counted today: repeats skip the database (the unique key would
// refuse them anyway). On globalThis, so Next.js's bundle and the edge (plain Node) share one set.
// Bounded; other app nodes simply meet the unique key.
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

/**
 * Counts a download at most once per file, user (or hashed address) and UTC day: the
 * DownloadEvent unique key decides, and the listing's counter moves only when the row was new —
 * one statement, so concurrent downloads cannot double-count. Returns whether it counted.
 */
export async function countDownload(input: DownloadToCount, salt: string, execute: Execute): Promise<boolean> {
  const actorKey = downloadActorKey(input.userId, input.ip, salt);
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
