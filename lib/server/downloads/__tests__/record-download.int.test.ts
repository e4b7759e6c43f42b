import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { downloadActorKey, forgetCountedDownloads, recordDownload } from '@/lib/server/downloads/record-download';
import { getDailyDownloads } from '@/lib/server/downloads/daily-downloads';
import { createTestUser } from '@/lib/test-support/factories';
import { catalogCast, createListingWithFiles } from '@/lib/server/catalog/__tests__/catalog-fixtures';

async function setup() {
  const cast = await catalogCast();
  const listing = await createListingWithFiles(cast.publisher.id, 'PUBLISHED');
  return { cast, listing, applianceId: listing.appliance.id, fileId: listing.files.verified.id };
}

const count = async (applianceId: string) => (await db.appliance.findUniqueOrThrow({ where: { id: applianceId } })).downloadCount;

// The in-process memo would hide the database's own refusal: these tests check the unique key.
beforeEach(() => forgetCountedDownloads());

describe('recordDownload', () => {
  it('counts a user at most once per file per UTC day, whatever the time of day', async () => {
    const { applianceId, fileId } = await setup();
    const user = await createTestUser();
    const morning = new Date('2026-03-01T00:00:01Z');
    const night = new Date('2026-03-01T23:59:59Z');
    expect(await recordDownload({ fileId, applianceId, userId: user.id, ip: '10.0.0.1', at: morning })).toBe(true);
    forgetCountedDownloads();
    expect(await recordDownload({ fileId, applianceId, userId: user.id, ip: '10.0.0.2', at: night })).toBe(false);
    expect(await recordDownload({ fileId, applianceId, userId: user.id, ip: '10.0.0.1', at: new Date('2026-03-02T00:00:00Z') })).toBe(true);
    expect(await count(applianceId)).toBe(2);
  });

  it('counts anonymous callers per hashed address and never stores the address', async () => {
    const { applianceId, fileId } = await setup();
    const at = new Date('2026-03-05T12:00:00Z');
    expect(await recordDownload({ fileId, applianceId, userId: null, ip: '203.0.113.7', at })).toBe(true);
    forgetCountedDownloads();
    expect(await recordDownload({ fileId, applianceId, userId: null, ip: '203.0.113.7', at })).toBe(false);
    expect(await recordDownload({ fileId, applianceId, userId: null, ip: '203.0.113.8', at })).toBe(true);
    const keys = (await db.downloadEvent.findMany({ where: { fileId } })).map((e) => e.actorKey);
    expect(keys.join(' ')).not.toContain('203.0.113');
    expect(keys).toContain(downloadActorKey(null, '203.0.113.7'));
    expect(await count(applianceId)).toBe(2);
  });

  it('counts once under concurrent downloads of the same file by the same caller', async () => {
    const { applianceId, fileId } = await setup();
    const at = new Date('2026-03-06T08:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => recordDownload({ fileId, applianceId, userId: null, ip: '198.51.100.1', at })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await count(applianceId)).toBe(1);
  });

  it('each file counts separately for the same caller', async () => {
    const { applianceId, listing } = await setup();
    const at = new Date('2026-03-07T08:00:00Z');
    await recordDownload({ fileId: listing.files.verified.id, applianceId, userId: null, ip: '1.2.3.4', at });
    await recordDownload({ fileId: listing.files.box.id, applianceId, userId: null, ip: '1.2.3.4', at });
    expect(await count(applianceId)).toBe(2);
  });

  it('feeds the daily chart, for the owner and admins only', async () => {
    const { cast, listing, applianceId, fileId } = await setup();
    const today = new Date();
    await recordDownload({ fileId, applianceId, userId: null, ip: '9.9.9.9', at: today });
    await recordDownload({ fileId, applianceId, userId: null, ip: '9.9.9.8', at: today });
    await recordDownload({ fileId, applianceId, userId: null, ip: '9.9.9.9', at: new Date(today.getTime() - 86_400_000) });
    const chart = await getDailyDownloads(cast.owner, cast.publisher.handle, listing.appliance.slug, 7);
    expect(chart.days).toHaveLength(7);
    expect(chart.days.at(-1)).toEqual({ day: today.toISOString().slice(0, 10), downloads: 2, tries: 0 });
    expect(chart.days.at(-2)?.downloads).toBe(1);
    expect(chart.total).toBe(3);
    await expect(getDailyDownloads(cast.admin, cast.publisher.handle, listing.appliance.slug, 7)).resolves.toMatchObject({ total: 3 });
    for (const who of [null, cast.stranger]) {
      await expect(getDailyDownloads(who, cast.publisher.handle, listing.appliance.slug, 7)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
