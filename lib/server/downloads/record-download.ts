import 'server-only';
import { addressSalt } from '@/lib/config/env';
import { db } from '@/lib/server/db';
import { countDownload, downloadActorKey as actorKeyWithSalt, type DownloadToCount } from '@/lib/core/downloads/count-download';
import { metrics } from '@/lib/server/observability/metrics';

export { forgetCountedDownloads, utcDay } from '@/lib/core/downloads/count-download';

/** Who a download counts for: the signed-in user, or a salted hash of the address (never the address). */
export function downloadActorKey(userId: string | null, ip: string): string {
  return actorKeyWithSalt(userId, ip, addressSalt());
}

/**
 * Counts a download the route handed out, through Prisma, at most once per file, user (or hashed
 * address) and UTC day (lib/core/downloads/count-download.ts). Returns whether it counted.
 */
export async function recordDownload(input: DownloadToCount): Promise<boolean> {
  metrics().downloads.inc({ path: 'app' });
  return countDownload(input, addressSalt(), (sql, params) => db.$executeRawUnsafe(sql, ...params));
}
