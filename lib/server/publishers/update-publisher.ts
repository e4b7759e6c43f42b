import 'server-only';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { AppError } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { deleteObject, presignGet, putObject } from '@/lib/server/storage/s3';
import { checkImage } from '@/lib/server/screenshots/check-image';
import type { PublisherUpdateInput } from '@/lib/core/publishers/publisher-schema';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

async function ownPublisher(actor: Actor) {
  const p = await db.publisher.findUnique({ where: { ownerId: actor.id }, select: { id: true, avatarKey: true } });
  if (!p) throw new AppError('NOT_FOUND', 'You have no publisher profile yet.');
  return p;
}

export async function updatePublisher(actor: Actor, input: PublisherUpdateInput) {
  const p = await ownPublisher(actor);
  await db.publisher.update({ where: { id: p.id }, data: { displayName: input.displayName, url: input.url, bio: input.bio } });
  await recordAudit({ actorId: actor.id, action: 'publisher.update', targetType: 'Publisher', targetId: p.id });
}

/** A square 256-pixel WebP made from the uploaded image (checked like screenshots). */
export async function setPublisherAvatar(actor: Actor, bytes: Uint8Array) {
  const p = await ownPublisher(actor);
  await checkImage(bytes, AVATAR_MAX_BYTES);
  const avatar = await sharp(bytes, { limitInputPixels: 50_000_000 }).rotate().resize(256, 256, { fit: 'cover', position: 'attention' }).webp({ quality: 85 }).toBuffer();
  const key = `publishers/${p.id}/avatar-${randomBytes(8).toString('hex')}.webp`;
  await putObject(key, avatar, 'image/webp');
  await db.publisher.update({ where: { id: p.id }, data: { avatarKey: key } });
  if (p.avatarKey) await deleteObject(p.avatarKey).catch(() => {});
}

export async function removePublisherAvatar(actor: Actor) {
  const p = await ownPublisher(actor);
  await db.publisher.update({ where: { id: p.id }, data: { avatarKey: null } });
  if (p.avatarKey) await deleteObject(p.avatarKey).catch(() => {});
}

/** Publisher profiles are public, avatars too. Null when the publisher has none. */
export async function publisherAvatarUrl(handle: string): Promise<string | null> {
  const p = await db.publisher.findUnique({ where: { handle }, select: { avatarKey: true } });
  return p?.avatarKey ? presignGet(p.avatarKey, 600) : null;
}
