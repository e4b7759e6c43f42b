import type { Actor } from '@/lib/core/auth/roles';
import { canDownloadFile, canViewListing, hasPrivilegedView, isOwner, type FileFacts, type ListingFacts } from '@/lib/core/appliances/visibility';

/*
 * Who may see a listing or one of its files, decided on facts already read. The one decision for
 * pages, API routes, the Vagrant catalog, the download route and the download edge
 * (lib/server/downloads/download-edge.ts). A listing or file the caller may not see is null.
 */

export interface ListingAccess {
  applianceId: string;
  /** Owner, admin or assigned judge: sees drafts, unverified and revoked files, reject reasons. */
  privileged: boolean;
  owner: boolean;
  assignedJudge: boolean;
  facts: ListingFacts;
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

/** Reads a FileAccessRow; its one parameter ($1) is the file id. The route and the edge both run it. */
export const FILE_ACCESS_SQL = `SELECT f.id, f.status::text AS status, f."objectKey", f."fileName", v.status::text AS "versionStatus",
       a.id AS "applianceId", a.status::text AS "listingStatus", p."ownerId"
  FROM "ApplianceFile" f
  JOIN "ApplianceVersion" v ON v.id = f."versionId"
  JOIN "Appliance" a ON a.id = v."applianceId"
  JOIN "Publisher" p ON p.id = a."publisherId"
  WHERE f.id = $1`;

/** Whether the caller's judge assignment could change the decision (only then is it looked up). */
export function judgeAssignmentMatters(actor: Actor | null, facts: ListingFacts): boolean {
  return !!actor && !hasPrivilegedView(actor, facts);
}

export function listingAccessOf(actor: Actor | null, applianceId: string, facts: ListingFacts, assignedJudge: boolean): ListingAccess | null {
  if (!canViewListing(actor, facts, assignedJudge)) return null;
  return { applianceId, privileged: hasPrivilegedView(actor, facts, assignedJudge), owner: isOwner(actor, facts), assignedJudge, facts };
}

/**
 * A file as the caller may see it: the public sees verified files of released versions of
 * published listings; owners, admins and assigned judges see every file of their listing.
 */
export function fileAccessOf(actor: Actor | null, file: FileAccessRow | undefined, assignedJudge: boolean): FileAccess | null {
  if (!file) return null;
  const access = listingAccessOf(actor, file.applianceId, { status: file.listingStatus, ownerId: file.ownerId }, assignedJudge);
  if (!access) return null;
  const downloadable = canDownloadFile(actor, access.facts, { status: file.status, versionStatus: file.versionStatus }, assignedJudge);
  // The public sees exactly the files it may download; privileged callers see them all.
  if (!access.privileged && !downloadable) return null;
  return { ...access, downloadable, file: { id: file.id, objectKey: file.objectKey, fileName: file.fileName, status: file.status, versionStatus: file.versionStatus } };
}

const ID_LIKE = /^[A-Za-z0-9_-]{1,64}$/;

/** Guessed or hostile file ids never reach the database. */
export const isIdLike = (v: string) => ID_LIKE.test(v);
