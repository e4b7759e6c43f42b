import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { isAdmin } from '@/lib/core/auth/roles';
import { findListing } from '@/lib/server/catalog/listing-access';
import { notFound } from '@/lib/core/errors';
import { utcDay } from '@/lib/server/downloads/record-download';

export interface DailyDownloads {
  /** Downloads and "Try in browser" boots, counted apart (each once per user or address, file and day). */
  days: { day: string; downloads: number; tries: number }[];
  total: number;
  totalTries: number;
}

/**
 * Counted downloads and tries per UTC day for the last `days` days (today included, zeros filled), for the
 * listing's owner and admins only: anyone else gets "not found".
 */
export async function getDailyDownloads(actor: Actor | null, publisherHandle: string, slug: string, days: number): Promise<DailyDownloads> {
  const access = await findListing(actor, publisherHandle, slug);
  if (!access || !(access.owner || isAdmin(actor))) throw notFound('That appliance');
  const today = new Date(`${utcDay(new Date())}T00:00:00Z`);
  const from = new Date(today.getTime() - (days - 1) * 86_400_000);
  const rows = await db.$queryRaw<{ day: string; n: number }[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM "DownloadEvent"
    WHERE "applianceId" = ${access.applianceId} AND "day" >= ${utcDay(from)}::date
    GROUP BY "day"`;
  const tryRows = await db.$queryRaw<{ day: string; n: number }[]>`
    SELECT to_char("day", 'YYYY-MM-DD') AS day, count(*)::int AS n
    FROM "TryEvent"
    WHERE "applianceId" = ${access.applianceId} AND "day" >= ${utcDay(from)}::date
    GROUP BY "day"`;
  const byDay = new Map(rows.map((r) => [r.day, r.n]));
  const triesByDay = new Map(tryRows.map((r) => [r.day, r.n]));
  const out = Array.from({ length: days }, (_, i) => {
    const day = utcDay(new Date(from.getTime() + i * 86_400_000));
    return { day, downloads: byDay.get(day) ?? 0, tries: triesByDay.get(day) ?? 0 };
  });
  return { days: out, total: out.reduce((s, d) => s + d.downloads, 0), totalTries: out.reduce((s, d) => s + d.tries, 0) };
}
