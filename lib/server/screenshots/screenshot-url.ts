import 'server-only';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { storage } from '@/lib/server/storage/s3';
import { canViewListing } from '@/lib/core/appliances/visibility';
import { isAssignedJudge } from '@/lib/server/challenges/is-assigned-judge';

const BUCKET_SECONDS = 300;

/**
 * A short-lived URL for a screenshot's image, or null when the caller may not see its listing. The
 * signature time is rounded down to five minutes so the same image has the same URL for a while
 * and browsers can cache it; the type is forced to the image type we stored.
 */
export async function screenshotUrl(actor: Actor | null, screenshotId: string, size: 'thumb' | 'full'): Promise<string | null> {
  const s = await db.screenshot.findUnique({
    where: { id: screenshotId },
    select: { objectKey: true, thumbKey: true, contentType: true, applianceId: true, appliance: { select: { status: true, publisher: { select: { ownerId: true } } } } },
  });
  if (!s) return null;
  const listing = { status: s.appliance.status, ownerId: s.appliance.publisher.ownerId };
  if (!canViewListing(actor, listing) && !canViewListing(actor, listing, await isAssignedJudge(actor, s.applianceId))) return null;
  const { presigner, bucket } = storage();
  const now = Date.now();
  const signingDate = new Date(now - (now % (BUCKET_SECONDS * 1000)));
  const command = new GetObjectCommand({
    Bucket: bucket,
    Key: size === 'thumb' ? s.thumbKey : s.objectKey,
    ResponseContentType: size === 'thumb' ? 'image/webp' : s.contentType,
    ResponseContentDisposition: 'inline',
  });
  return getSignedUrl(presigner, command, { expiresIn: BUCKET_SECONDS * 2, signingDate });
}
