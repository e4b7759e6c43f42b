import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import type { ListingFacts } from '@/lib/core/appliances/visibility';
import {
  FILE_ACCESS_SQL,
  fileAccessOf,
  isIdLike,
  judgeAssignmentMatters,
  listingAccessOf,
  type FileAccess,
  type FileAccessRow,
  type ListingAccess,
} from '@/lib/core/appliances/file-access';
import { isAssignedJudge } from '@/lib/server/challenges/is-assigned-judge';

/*
 * Who may see what, decided once for pages, API routes, the Vagrant catalog and downloads. A
 * listing or file the caller may not see is "not found" (null), never "forbidden": its existence
 * stays secret. Assigned judges are looked up only when the listing is not public anyway.
 */

export type { FileAccess, FileAccessRow, ListingAccess } from '@/lib/core/appliances/file-access';
export { isIdLike } from '@/lib/core/appliances/file-access';

async function decide(actor: Actor | null, applianceId: string, facts: ListingFacts): Promise<ListingAccess | null> {
  return listingAccessOf(actor, applianceId, facts, await assignedJudge(actor, applianceId, facts));
}

// A judge's assignment matters only where the listing would otherwise be hidden from them.
async function assignedJudge(actor: Actor | null, applianceId: string, facts: ListingFacts): Promise<boolean> {
  return actor && judgeAssignmentMatters(actor, facts) ? isAssignedJudge(actor, applianceId) : false;
}

/** The listing `publisher/slug` as the caller may see it, or null. */
export async function findListing(actor: Actor | null, publisherHandle: string, slug: string): Promise<ListingAccess | null> {
  if (!isSlugLike(publisherHandle) || !isSlugLike(slug)) return null;
  const row = await db.appliance.findFirst({
    where: { slug, publisher: { handle: publisherHandle } },
    select: { id: true, status: true, publisher: { select: { ownerId: true } } },
  });
  if (!row) return null;
  return decide(actor, row.id, { status: row.status, ownerId: row.publisher.ownerId });
}

/**
 * A file as the caller may see it (lib/core/appliances/file-access.ts decides): one statement,
 * FILE_ACCESS_SQL, which the download edge runs too.
 */
export async function findFile(actor: Actor | null, fileId: string): Promise<FileAccess | null> {
  if (!isIdLike(fileId)) return null;
  // The statement is a constant; the id is a parameter.
  const [file] = await db.$queryRawUnsafe<FileAccessRow[]>(FILE_ACCESS_SQL, fileId);
  if (!file) return null;
  return fileAccessOf(actor, file, await assignedJudge(actor, file.applianceId, { status: file.listingStatus, ownerId: file.ownerId }));
}

const SLUG_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Guessed or hostile path segments never reach the database. */
export const isSlugLike = (v: string) => SLUG_LIKE.test(v);
