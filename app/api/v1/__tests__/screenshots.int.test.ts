import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { getObjectStream, headObject } from '@/lib/server/storage/s3';
import { addScreenshot, moveScreenshot } from '@/lib/server/screenshots/manage-screenshots';
import * as screenshotRoute from '@/app/api/v1/screenshots/[id]/route';
import { createTestAppliance, createTestPublisher } from '@/lib/test-support/factories';
import { call, sessionCookie } from '@/lib/server/publishing/__tests__/api-helpers';
import { HTML, SVG, XMP, gif, jpeg, jpegWithSegment, png, pngWithText } from '@/lib/server/screenshots/__tests__/image-fixtures';

async function bytesOf(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await getObjectStream(key)) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

async function listingOf() {
  const { publisher, owner } = await createTestPublisher();
  const appliance = await createTestAppliance(publisher.id);
  return { owner, appliance };
}

describe('screenshots', () => {
  it('stores a re-encoded copy and a 640×400 WebP thumbnail, metadata stripped', async () => {
    const { owner, appliance } = await listingOf();
    const input = jpegWithSegment(await jpeg(1280, 800), 0xe1, XMP);
    const shot = await addScreenshot(owner, appliance.id, { bytes: input, caption: ' The login screen ' });
    expect(shot).toMatchObject({ width: 1280, height: 800, caption: 'The login screen', position: 0 });
    const row = await db.screenshot.findUniqueOrThrow({ where: { id: shot.id } });
    expect(row.contentType).toBe('image/jpeg');
    const full = await bytesOf(row.objectKey);
    expect(full.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect((await headObject(row.objectKey))?.contentType).toBe('image/jpeg');
    const thumb = await sharp(await bytesOf(row.thumbKey)).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 640, height: 400 });
  });

  it.each([
    ['an SVG renamed .png', async () => SVG, /only PNG, JPEG and WebP.*SVG drawing/i],
    ['an HTML page renamed .jpg', async () => HTML, /HTML page/],
    ['a GIF', gif, /GIF image/],
    ['a PNG with a page appended (polyglot)', async () => Buffer.concat([await png(), HTML]), /extra data after its end/],
    ['a PNG with a script in a text chunk', async () => pngWithText(await png(), '<script>alert(1)</script>'), /markup/],
    ['a JPEG with an HTML comment segment', async () => jpegWithSegment(await jpeg(), 0xfe, Buffer.from('<html><script>alert(1)</script>')), /markup/],
    ['random bytes', async () => randomBytes(5000), /not an image we accept/],
    ['a PNG header on garbage', async () => Buffer.concat([(await png()).subarray(0, 33), randomBytes(2000)]), /cut short|damaged|could not be read|no end/],
    ['a tiny image', async () => png(20, 20), /at least 64×64/],
    ['more than 5 MiB', async () => Buffer.concat([await png(), Buffer.alloc(5 * 1024 * 1024)]), /at most 5(\.0)? MiB/],
  ])('refuses %s, storing nothing', async (_name, make, message) => {
    const { owner, appliance } = await listingOf();
    await expect(addScreenshot(owner, appliance.id, { bytes: await make() })).rejects.toMatchObject({ message: expect.stringMatching(message) });
    expect(await db.screenshot.count({ where: { applianceId: appliance.id } })).toBe(0);
  });

  it('only the owner adds or moves screenshots; at most eight', async () => {
    const a = await listingOf();
    const b = await listingOf();
    await expect(addScreenshot(b.owner, a.appliance.id, { bytes: await png() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const shots = [];
    for (let i = 0; i < 8; i++) shots.push(await addScreenshot(a.owner, a.appliance.id, { bytes: await png(100 + i, 100) }));
    await expect(addScreenshot(a.owner, a.appliance.id, { bytes: await png() })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(moveScreenshot(b.owner, shots[1].id, -1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await moveScreenshot(a.owner, shots[1].id, -1);
    const order = await db.screenshot.findMany({ where: { applianceId: a.appliance.id }, orderBy: { position: 'asc' }, select: { id: true } });
    expect(order.slice(0, 3).map((s) => s.id)).toEqual([shots[1].id, shots[0].id, shots[2].id]);
  });

  it('serves images of unpublished listings only to their owner; published ones to everyone', async () => {
    const a = await listingOf();
    const b = await listingOf();
    const shot = await addScreenshot(a.owner, a.appliance.id, { bytes: await png(400, 250) });
    const params = { id: shot.id };
    expect((await call(screenshotRoute.GET, { params, path: `/api/v1/screenshots/${shot.id}?size=thumb` })).status).toBe(404);
    expect((await call(screenshotRoute.GET, { params, cookie: await sessionCookie(b.owner.email) })).status).toBe(404);
    const own = await call(screenshotRoute.GET, { params, cookie: await sessionCookie(a.owner.email), path: `/api/v1/screenshots/${shot.id}?size=full` });
    expect(own.status).toBe(302);
    const res = await fetch(own.headers.get('location')!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');

    await db.appliance.update({ where: { id: a.appliance.id }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
    const anon = await call(screenshotRoute.GET, { params, path: `/api/v1/screenshots/${shot.id}?size=thumb` });
    expect(anon.status).toBe(302);
    const thumb = await fetch(anon.headers.get('location')!);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await call(screenshotRoute.GET, { params: { id: 'nope' } })).status).toBe(404);
    expect((await call(screenshotRoute.GET, { params, path: `/api/v1/screenshots/${shot.id}?size=huge` })).status).toBe(422);
  });
});
