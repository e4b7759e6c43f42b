import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, invalid, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { abortMultipartUpload, deleteObject } from '@/lib/server/storage/s3';
import { lockListingForReviews, refreshRating } from '@/lib/server/reviews/refresh-rating';
import { resetCatalogIndex } from '@/lib/server/catalog/catalog-index';
import { sendMail } from '@/lib/server/mail/send-mail';
import { accountDeletedMail } from '@/lib/server/auth/account-mail';
import { verifyOwnPassword } from '@/lib/server/users/account-settings';

/*
 * Deleting an account, the policy (stated on /account):
 * - A publisher's listings go with the account: every version, file and screenshot, and the
 *   bytes in the object store. Nothing stays downloadable without an owner. Because that cannot
 *   be undone, a publisher must say so explicitly (`deleteListings`); without it the deletion is
 *   refused and the account stays as it is.
 * - Challenges keep their record: an entry still in the running, or part of judging or
 *   published results, and a judge's work on a challenge being judged or with published
 *   results, stop the deletion with what to do first. So does being the only administrator.
 * - Reviews, votes, tokens, sessions and notifications go; the listings' ratings are recomputed.
 *   Downloads the person made stay counted, without their name.
 */

export interface DeletionImpact {
  publisher: { handle: string; displayName: string } | null;
  listings: { name: string; slug: string; status: string; files: number }[];
  /** Why the account cannot be deleted right now, each with what to do; empty when it can. */
  blockers: string[];
}

export async function getAccountDeletionImpact(actor: Actor): Promise<DeletionImpact> {
  if (!actor.id) throw notFound('That account');
  const [user, listings, entries, judging] = await Promise.all([
    db.user.findUnique({ where: { id: actor.id }, select: { roles: true, publisher: { select: { handle: true, displayName: true } } } }),
    db.appliance.findMany({
      where: { publisher: { ownerId: actor.id } },
      orderBy: { name: 'asc' },
      select: { name: true, slug: true, status: true, versions: { select: { _count: { select: { files: true } } } } },
    }),
    db.entry.findMany({
      where: {
        OR: [{ entrantId: actor.id }, { appliance: { publisher: { ownerId: actor.id } } }],
        status: { not: 'WITHDRAWN' },
        challenge: { state: { in: ['OPEN', 'JUDGING', 'RESULTS', 'ARCHIVED'] } },
      },
      select: { appliance: { select: { name: true } }, challenge: { select: { title: true, state: true } } },
    }),
    db.assignment.findMany({
      where: {
        judgeId: actor.id,
        OR: [{ challenge: { state: 'JUDGING' } }, { challenge: { state: { in: ['RESULTS', 'ARCHIVED'] } }, scorecard: { status: 'SUBMITTED' } }],
      },
      distinct: ['challengeId'],
      select: { challenge: { select: { title: true, state: true } } },
    }),
  ]);
  if (!user) throw notFound('That account');

  const blockers: string[] = [];
  for (const e of entries) {
    blockers.push(
      e.challenge.state === 'OPEN'
        ? `“${e.appliance.name}” is entered in “${e.challenge.title}”: withdraw the entry on the challenge page first.`
        : `“${e.appliance.name}” is part of the judging or results of “${e.challenge.title}”, which stay as judged: ask an administrator to remove the entry first.`,
    );
  }
  for (const a of judging) {
    blockers.push(
      a.challenge.state === 'JUDGING'
        ? `You judge entries of “${a.challenge.title}”, which is being judged: ask an administrator to hand them to another judge first.`
        : `Your scores are part of the published results of “${a.challenge.title}”: ask an administrator before deleting your account.`,
    );
  }
  if (user.roles.includes('ADMIN') && (await db.user.count({ where: { roles: { has: 'ADMIN' }, id: { not: actor.id } } })) === 0) {
    blockers.push('You are the only administrator: give another account the admin role first.');
  }
  return {
    publisher: user.publisher,
    listings: listings.map((l) => ({ name: l.name, slug: l.slug, status: l.status, files: l.versions.reduce((n, v) => n + v._count.files, 0) })),
    blockers,
  };
}

/**
 * Deletes the caller's account after checking their password and the policy above. The caller's
 * sessions end with it (the rows cascade); clearing the browser's cookie is the action's job.
 */
export async function deleteOwnAccount(actor: Actor, input: { password: string; deleteListings: boolean }, headers: Headers): Promise<{ listings: number }> {
  await verifyOwnPassword(actor, input.password, headers);
  const impact = await getAccountDeletionImpact(actor);
  if (impact.blockers.length > 0) throw conflict(impact.blockers.join(' '));
  if (impact.listings.length > 0 && !input.deleteListings) {
    const n = impact.listings.length;
    throw invalid(`Your account has ${n === 1 ? 'a listing' : `${n} listings`}. Tick the box to delete ${n === 1 ? 'it' : 'them'} with the account, or keep your account.`, {
      deleteListings: `Tick this to delete ${n === 1 ? 'your listing' : `your ${n} listings`} and every file in ${n === 1 ? 'it' : 'them'}.`,
    });
  }

  const objects = await db.$transaction(async (tx) => {
    const [files, screenshots, publisher, uploads, reviewed] = await Promise.all([
      tx.applianceFile.findMany({ where: { version: { appliance: { publisher: { ownerId: actor.id } } } }, select: { objectKey: true } }),
      tx.screenshot.findMany({ where: { appliance: { publisher: { ownerId: actor.id } } }, select: { objectKey: true, thumbKey: true } }),
      tx.publisher.findUnique({ where: { ownerId: actor.id }, select: { avatarKey: true } }),
      tx.upload.findMany({ where: { userId: actor.id, state: 'ACTIVE' }, select: { objectKey: true, s3UploadId: true } }),
      tx.review.findMany({ where: { userId: actor.id, appliance: { publisher: { NOT: { ownerId: actor.id } } } }, select: { applianceId: true } }),
    ]);
    await tx.user.delete({ where: { id: actor.id } });
    for (const { applianceId } of reviewed) {
      await lockListingForReviews(tx, applianceId);
      await refreshRating(tx, applianceId);
    }
    await recordAudit(
      { actorId: null, action: 'user.delete_self', targetType: 'User', targetId: actor.id, data: { listings: impact.listings.map((l) => l.slug), publisher: impact.publisher?.handle ?? null } },
      tx,
    );
    return {
      keys: [...files.map((f) => f.objectKey), ...screenshots.flatMap((s) => [s.objectKey, s.thumbKey]), ...(publisher?.avatarKey ? [publisher.avatarKey] : [])],
      uploads,
    };
  });

  // This node's search index forgets the listings now; other nodes on their next full reload
  // (cards are read with status = PUBLISHED from PostgreSQL, so none of them shows meanwhile).
  resetCatalogIndex();
  // After the commit: a failed delete leaves an unreachable object (no row points at it), never a row without its bytes.
  await Promise.all([
    ...objects.keys.map((key) => deleteObject(key).catch(() => {})),
    ...objects.uploads.map((u) => abortMultipartUpload(u.objectKey, u.s3UploadId).catch(() => {})),
  ]);
  await sendMail(accountDeletedMail(actor.email, impact.listings.length)).catch(() => {});
  return { listings: impact.listings.length };
}
