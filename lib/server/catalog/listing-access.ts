import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { canDownloadFile, canViewListing, hasPrivilegedView, isOwner, type FileFacts, type ListingFacts } from '@/lib/core/appliances/visibility';
import { isAssignedJudge } from '@/lib/server/challenges/is-assigned-judge';

/*
 * Who may see what, decided once for pages, API routes, the Vagrant catalog and downloads. A
 * listing or file the caller may not see is "not found" (null), never "forbidden": its existence
 * stays secret. Assigned judges are looked up only when the listing is not public anyway.
 */

export interface ListingAccess {
  applianceId: string;
  /** Owner, admin or assigned judge: sees drafts, unverified and revoked files, reject reasons. */
  privileged: boolean;
  owner: boolean;
  assignedJudge: boolean;
  facts: ListingFacts;
}

async function decide(actor: Actor | null, applianceId: string, facts: ListingFacts): Promise<ListingAccess | null> {
  // A judge's assignment matters only where the listing would otherwise be hidden from them.
  const judge = !hasPrivilegedView(actor, facts) && !!actor ? await isAssignedJudge(actor, applianceId) : false;
  if (!canViewListing(actor, facts, judge)) return null;
  return { applianceId, privileged: hasPrivilegedView(actor, facts, judge), owner: isOwner(actor, facts), assignedJudge: judge, facts };
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

export interface FileAccess extends ListingAccess {
  /** Whether the caller may fetch the bytes. */
  downloadable: boolean;
  file: { id: string; objectKey: string; fileName: string; status: string; versionStatus: string };
}

/** The facts one file's access depends on: one round trip, by primary keys. */
export interface FileAccessRow {
  id: string;
  status: FileFacts['status'];
  objectKey: string;
  fileName: string;
  versionStatus: FileFacts['versionStatus'];
  applianceId: string;
  listingStatus: ListingFacts['status'];
  ownerId: string;
}

/** Reads a FileAccessRow; its one parameter ($1) is the file id. */
export const FILE_ACCESS_SQL = `SELECT f.id, f.status::text AS status, f."objectKey", f."fileName", v.status::text AS "versionStatus",
       a.id AS "applianceId", a.status::text AS "listingStatus", p."ownerId"
  FROM "ApplianceFile" f
  JOIN "ApplianceVersion" v ON v.id = f."versionId"
  JOIN "Appliance" a ON a.id = v."applianceId"
  JOIN "Publisher" p ON p.id = a."publisherId"
  WHERE f.id = $1`;

/**
 * A file as the caller may see it: the public sees verified files of released versions of
 * published listings; owners, admins and assigned judges see every file of their listing.
 */
export async function findFile(actor: Actor | null, fileId: string): Promise<FileAccess | null> {
  if (!isIdLike(fileId)) return null;
  // The download endpoint runs this for every download. The statement is a constant; the id is a parameter.
  const [file] = await db.$queryRawUnsafe<FileAccessRow[]>(FILE_ACCESS_SQL, fileId);
  return fileAccessOf(actor, file);
}

/** The decision of findFile, on a row read elsewhere (the download fast path reads it with a prepared statement). */
export async function fileAccessOf(actor: Actor | null, file: FileAccessRow | undefined): Promise<FileAccess | null> {
  if (!file) return null;
  const access = await decide(actor, file.applianceId, { status: file.listingStatus, ownerId: file.ownerId });
  if (!access) return null;
  const downloadable = canDownloadFile(actor, access.facts, { status: file.status, versionStatus: file.versionStatus }, access.assignedJudge);
  // The public sees exactly the files it may download; privileged callers see them all.
  if (!access.privileged && !downloadable) return null;
  return { ...access, downloadable, file: { id: file.id, objectKey: file.objectKey, fileName: file.fileName, status: file.status, versionStatus: file.versionStatus } };
}

const SLUG_LIKE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ID_LIKE = /^[A-Za-z0-9_-]{1,64}$/;

/** Guessed or hostile path segments never reach the database. */
export const isSlugLike = (v: string) => SLUG_LIKE.test(v);
export const isIdLike = (v: string) => ID_LIKE.test(v);
