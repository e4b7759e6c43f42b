import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, invalid, notFound } from '@/lib/core/errors';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { deleteObject, putObject } from '@/lib/server/storage/s3';
import { findOwnAppliance } from '@/lib/server/appliances/own-appliance';
import { checkImage, encodeFull, encodeThumb } from '@/lib/server/screenshots/check-image';
import { IMAGE_CONTENT_TYPES } from '@/lib/core/screenshots/sniff-image';
import { MAX_SCREENSHOTS } from '@/lib/core/screenshots/limits';

const EXTENSIONS = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;

/** Adds a screenshot to the caller's listing, last in order. */
export async function addScreenshot(actor: Actor, applianceId: string, input: { bytes: Uint8Array; caption?: string }) {
  const appliance = await findOwnAppliance(actor, applianceId, { id: true, _count: { select: { screenshots: true } } });
  if (appliance._count.screenshots >= MAX_SCREENSHOTS) throw conflict(`A listing has at most ${MAX_SCREENSHOTS} screenshots; remove one first.`);
  const caption = (input.caption ?? '').trim();
  if (caption.length > 200) throw invalid('Use a caption of at most 200 characters.', { caption: 'Use at most 200 characters.' });

  const checked = await checkImage(input.bytes);
  const [full, thumb] = await Promise.all([encodeFull(input.bytes, checked.type), encodeThumb(input.bytes)]);
  const stem = `appliances/${appliance.id}/screenshots/${randomBytes(12).toString('hex')}`;
  const objectKey = `${stem}.${EXTENSIONS[checked.type]}`;
  const thumbKey = `${stem}-thumb.webp`;
  await putObject(objectKey, full.data, IMAGE_CONTENT_TYPES[checked.type]);
  await putObject(thumbKey, thumb, 'image/webp');
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.screenshot.aggregate({ where: { applianceId: appliance.id }, _max: { position: true } });
      const row = await tx.screenshot.create({
        data: {
          applianceId: appliance.id,
          objectKey,
          thumbKey,
          contentType: IMAGE_CONTENT_TYPES[checked.type],
          width: full.width,
          height: full.height,
          sizeBytes: full.data.length,
          caption,
          position: (last._max.position ?? -1) + 1,
        },
        select: { id: true, width: true, height: true, caption: true, position: true },
      });
      await recordAudit({ actorId: actor.id, action: 'screenshot.add', targetType: 'Screenshot', targetId: row.id, data: { applianceId: appliance.id } }, tx);
      return row;
    });
  } catch (e) {
    await Promise.all([deleteObject(objectKey), deleteObject(thumbKey)]).catch(() => {});
    throw e;
  }
}

async function findOwnScreenshot(actor: Actor, screenshotId: string) {
  if (!actor.id || !screenshotId) throw notFound('That screenshot');
  const s = await db.screenshot.findFirst({
    where: { id: screenshotId, appliance: { publisher: { ownerId: actor.id } } },
    select: { id: true, applianceId: true, objectKey: true, thumbKey: true, position: true },
  });
  if (!s) throw notFound('That screenshot');
  return s;
}

export async function deleteScreenshot(actor: Actor, screenshotId: string) {
  const s = await findOwnScreenshot(actor, screenshotId);
  await db.screenshot.delete({ where: { id: s.id } });
  await recordAudit({ actorId: actor.id, action: 'screenshot.delete', targetType: 'Screenshot', targetId: s.id, data: { applianceId: s.applianceId } });
  await Promise.all([deleteObject(s.objectKey), deleteObject(s.thumbKey)]).catch(() => {});
}

export async function updateScreenshotCaption(actor: Actor, screenshotId: string, caption: string) {
  const s = await findOwnScreenshot(actor, screenshotId);
  const text = caption.trim();
  if (text.length > 200) throw invalid('Use a caption of at most 200 characters.', { caption: 'Use at most 200 characters.' });
  await db.screenshot.update({ where: { id: s.id }, data: { caption: text } });
}

/** Puts the listing's screenshots in the given order; the list must name each of them once. */
export async function reorderScreenshots(actor: Actor, applianceId: string, orderedIds: string[]) {
  const appliance = await findOwnAppliance(actor, applianceId, { id: true, screenshots: { select: { id: true } } });
  const current = new Set(appliance.screenshots.map((s) => s.id));
  if (orderedIds.length !== current.size || new Set(orderedIds).size !== orderedIds.length || !orderedIds.every((id) => current.has(id))) {
    throw invalid('The new order must list each screenshot of this listing once.');
  }
  await db.$transaction(orderedIds.map((id, position) => db.screenshot.update({ where: { id }, data: { position } })));
}

/** Moves one screenshot a place earlier (-1) or later (+1). */
export async function moveScreenshot(actor: Actor, screenshotId: string, delta: -1 | 1) {
  const s = await findOwnScreenshot(actor, screenshotId);
  const ids = (await db.screenshot.findMany({ where: { applianceId: s.applianceId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } })).map((r) => r.id);
  const from = ids.indexOf(s.id);
  const to = from + delta;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to], ids[from]];
  await reorderScreenshots(actor, s.applianceId, ids);
}
