import 'server-only';
import { db } from '@/lib/server/db';
import { downloadActorKey, utcDay } from '@/lib/server/downloads/record-download';

/**
 * Counts a try at most once per file, user (or hashed address) and UTC day, apart from
 * downloads (TryEvent). Returns whether it counted.
 */
export async function recordTry(input: { fileId: string; applianceId: string; userId: string | null; ip: string; at?: Date }): Promise<boolean> {
  const actorKey = downloadActorKey(input.userId, input.ip);
  const day = utcDay(input.at ?? new Date());
  const n = await db.$executeRaw`
    INSERT INTO "TryEvent" ("fileId", "applianceId", "userId", "actorKey", "day")
    VALUES (${input.fileId}, ${input.applianceId}, ${input.userId}, ${actorKey}, ${day}::date)
    ON CONFLICT ("fileId", "actorKey", "day") DO NOTHING`;
  return n > 0;
}
