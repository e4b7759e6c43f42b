import type { Actor } from '@/lib/core/auth/roles';
import { isAdmin } from '@/lib/core/auth/roles';

/**
 * Who may see a listing and its files. Published listings are public; everything else (draft, in
 * review, rejected, unlisted) only for its owner and admins — and judges assigned to one of its
 * challenge entries, which callers establish and pass in. Pure: callers load the facts.
 */
export interface ListingFacts {
  status: 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'REJECTED' | 'UNLISTED';
  ownerId: string;
}

export function isOwner(actor: Actor | null, listing: Pick<ListingFacts, 'ownerId'>): boolean {
  return !!actor && !!listing.ownerId && actor.id === listing.ownerId;
}

/** Owner, admin or assigned judge: sees everything of the listing, unpublished files included. */
export function hasPrivilegedView(actor: Actor | null, listing: ListingFacts, assignedJudge = false): boolean {
  return isOwner(actor, listing) || isAdmin(actor) || (assignedJudge && !!actor);
}

export function canViewListing(actor: Actor | null, listing: ListingFacts, assignedJudge = false): boolean {
  return listing.status === 'PUBLISHED' || hasPrivilegedView(actor, listing, assignedJudge);
}

export interface FileFacts {
  status: 'UPLOADING' | 'PENDING' | 'INSPECTING' | 'VERIFIED' | 'REJECTED';
  versionStatus: 'DRAFT' | 'RELEASED' | 'REVOKED';
}

/**
 * Only a verified file of a released version of a published listing is downloadable by the public.
 * Owner, admins and assigned judges may also fetch unverified, rejected or revoked files (to
 * review them) once the bytes exist.
 */
export function canDownloadFile(actor: Actor | null, listing: ListingFacts, file: FileFacts, assignedJudge = false): boolean {
  if (hasPrivilegedView(actor, listing, assignedJudge)) return file.status !== 'UPLOADING';
  return listing.status === 'PUBLISHED' && file.versionStatus === 'RELEASED' && file.status === 'VERIFIED';
}
