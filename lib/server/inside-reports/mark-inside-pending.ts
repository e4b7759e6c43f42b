import 'server-only';
import { db } from '@/lib/server/db';

/** A verified file whose contents are queued to be read: the site says "being read" meanwhile. */
export async function markInsidePending(fileId: string): Promise<void> {
  await db.applianceFile.updateMany({ where: { id: fileId, status: 'VERIFIED' }, data: { insideStatus: 'PENDING', inside: undefined } });
}
