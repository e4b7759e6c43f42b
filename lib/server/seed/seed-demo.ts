import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { env } from '@/lib/config/env';
import { db } from '@/lib/server/db';
import { putObject } from '@/lib/server/storage/s3';
import { makeDemoAppliance, type KitFile } from '@/lib/core/appliance-kit';
import { inspectFile } from '@/lib/server/files/inspect-file';
import { fileObjectKey } from '@/lib/core/files/object-key';
import { refreshApplianceFacets } from '@/lib/server/appliances/refresh-facets';
import { versionSortKey } from '@/lib/core/versions';
import { createUserWithPassword } from '@/lib/server/users/create-user-with-password';
import type { RoleName } from '@/lib/core/auth/roles';
import { DEMO_CATEGORIES, DEMO_LISTINGS, DEMO_PUBLISHERS, type DemoListing } from '@/lib/server/seed/demo-catalog';
import { seedDemoChallenges } from '@/lib/server/seed/seed-challenges';
import { insideDemoToolsMissing, makeInsideDemoAppliance } from '@/lib/server/seed/inside-demo-disk';
import { readFileInside } from '@/lib/server/inside-reports/read-file-inside';
import { readInside } from '@/lib/core/inside/read-inside';

export interface SeededAccount {
  role: string;
  email: string;
  password: string;
}

const DAY = 86_400_000;

function demoPassword(): string {
  return env().DEMO_PASSWORD || `${randomBytes(6).toString('base64url')}-${randomBytes(6).toString('base64url')}7`;
}

const CONTENT_TYPES: Record<string, string> = {
  OVA: 'application/x-tar',
  QCOW2: 'application/octet-stream',
  RAW: 'application/octet-stream',
  VAGRANT_BOX: 'application/gzip',
};

/** Seeds the demo accounts, catalog and challenge into an empty database; null when not empty. */
export async function seedIfEmpty(options: { embedded: boolean; log: (m: string) => void }): Promise<{ accounts: SeededAccount[] } | null> {
  if ((await db.user.count()) > 0) return null;
  if (!(env().SEED_DEMO ?? options.embedded)) {
    options.log('The database is empty. Create the first admin with `npm run admin:create -- <email>`, or set SEED_DEMO=true for the demo.');
    return null;
  }
  return seedDemo(options.log);
}

export async function seedDemo(log: (m: string) => void): Promise<{ accounts: SeededAccount[] }> {
  log('Seeding the demo catalog (first start)…');
  const now = Date.now();
  const accounts: SeededAccount[] = [];
  const person = async (name: string, email: string, roles: RoleName[], printed: string | null) => {
    const password = demoPassword();
    const user = await createUserWithPassword({ name, email, password, roles });
    if (printed) accounts.push({ role: printed, email, password });
    return user;
  };

  const admin = await person('Ada Admin', 'admin@demo.local', ['ADMIN'], 'admin');
  const dev = await person('Dana Developer', 'dev@demo.local', ['DEVELOPER'], 'developer');
  await person('Jules Judge', 'judge@demo.local', ['JUDGE'], 'judge');
  const user = await person('Uma User', 'user@demo.local', [], 'user');
  const owners: Record<string, string> = { 'demo-labs': dev.id };
  owners.northwind = (await person('Nora Northwind', 'northwind@demo.local', ['DEVELOPER'], null)).id;
  owners.stackworks = (await person('Sam Stackworks', 'stackworks@demo.local', ['DEVELOPER'], null)).id;
  const reviewers = [user, (await person('Rae Reviewer', 'reviewer@demo.local', [], null))];

  const categories = new Map<string, string>();
  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    const row = await db.category.create({ data: { ...c, position: i } });
    categories.set(c.slug, row.id);
  }
  const publishers = new Map<string, string>();
  for (const p of DEMO_PUBLISHERS) {
    const row = await db.publisher.create({ data: { ...p, ownerId: owners[p.handle] } });
    publishers.set(p.handle, row.id);
  }

  let files = 0;
  const seededIds: string[] = [];
  const rootfsMissing = await insideDemoToolsMissing();
  if (rootfsMissing) log(`The demo appliances with a real root filesystem get a boot sector only: ${rootfsMissing}.`);
  for (const listing of DEMO_LISTINGS) {
    const seeded = await seedListing(listing, { categories, publishers, now, rootfs: !rootfsMissing, log });
    files += seeded.files;
    seededIds.push(seeded.applianceId);
  }
  log(`Seeded ${DEMO_LISTINGS.length} appliances with ${files} verified files.`);

  await seedReviewsAndDownloads(seededIds, reviewers.map((r) => r.id), now);
  await db.auditLog.create({ data: { actorId: admin.id, action: 'system.seed_demo', targetType: 'System', targetId: 'demo' } });
  await seedDemoChallenges(log);

  return { accounts };
}

async function seedListing(
  listing: DemoListing,
  ctx: { categories: Map<string, string>; publishers: Map<string, string>; now: number; rootfs: boolean; log: (m: string) => void },
): Promise<{ applianceId: string; files: number }> {
  const newest = Math.min(...listing.versions.map((v) => v.daysAgo));
  const appliance = await db.appliance.create({
    data: {
      publisherId: ctx.publishers.get(listing.publisher)!,
      slug: listing.slug,
      name: listing.name,
      summary: listing.summary,
      description: listing.description,
      categoryId: ctx.categories.get(listing.category),
      tags: listing.tags,
      license: listing.license,
      homepage: `https://example.com/${listing.publisher}/${listing.slug}`,
      status: 'PUBLISHED',
      featured: listing.featured ?? false,
      submittedAt: new Date(ctx.now - (newest + 1) * DAY),
      publishedAt: new Date(ctx.now - newest * DAY),
    },
  });
  const vendor = DEMO_ALL_PUBLISHERS[listing.publisher];
  let count = 0;
  for (const v of listing.versions) {
    const releasedAt = new Date(ctx.now - v.daysAgo * DAY);
    const status = v.status ?? 'RELEASED';
    const version = await db.applianceVersion.create({
      data: {
        applianceId: appliance.id,
        version: v.version,
        sortKey: versionSortKey(v.version),
        changelog: v.changelog,
        status,
        releasedAt: status === 'DRAFT' ? null : releasedAt,
        revokedAt: status === 'REVOKED' ? new Date(releasedAt.getTime() + 5 * DAY) : null,
        revokeReason: v.revokeReason ?? null,
        createdAt: releasedAt,
      },
    });
    const kit = makeDemoAppliance({
      name: listing.name,
      vendor,
      version: v.version,
      message: `${listing.name} ${v.version} booted`.slice(0, 60),
      cpus: listing.cpus,
      memoryMiB: listing.memoryMiB,
      osId: listing.osId,
      vmwOsType: listing.vmwOsType,
      osDescription: listing.osDescription,
      productUrl: `https://example.com/${listing.publisher}/${listing.slug}`,
      annotation: listing.summary,
      ...(listing.disk ? { sizeBytes: listing.disk.sizeMiB * 1024 * 1024, fill: listing.disk.fill, echo: listing.disk.echo } : {}),
    });
    // Only the forms this version offers are made (a box is made when first asked for).
    const byFormat: Record<string, () => KitFile> = { OVA: () => kit.ova, QCOW2: () => kit.qcow2, RAW: () => kit.raw, VAGRANT_BOX: () => kit.box };
    if (v.rootfs && ctx.rootfs) {
      try {
        const rootfs = await makeInsideDemoAppliance({
            name: listing.name,
            vendor,
            version: v.version,
            message: `${listing.name} ${v.version} booted`.slice(0, 60),
            packages: v.rootfs,
            cpus: listing.cpus,
            memoryMiB: listing.memoryMiB,
            os: { id: listing.osId, vmwOsType: listing.vmwOsType, description: listing.osDescription },
            annotation: listing.summary,
            productUrl: `https://example.com/${listing.publisher}/${listing.slug}`,
          });
        Object.assign(byFormat, { RAW: () => rootfs.raw, QCOW2: () => rootfs.qcow2, OVA: () => rootfs.ova });
      } catch (e) {
        ctx.log(`${listing.name} ${v.version}: no real root filesystem (${(e as Error).message.split('\n')[0]}); seeding the boot sector only.`);
      }
    }
    for (const format of v.files) {
      const f = byFormat[format]();
      const fileId = randomUUID().replaceAll('-', '');
      const objectKey = fileObjectKey({ applianceId: appliance.id, versionId: version.id, fileId, fileName: f.fileName });
      await putObject(objectKey, f.bytes, CONTENT_TYPES[format]);
      await db.applianceFile.create({
        data: {
          id: fileId,
          versionId: version.id,
          format,
          architecture: listing.architecture ?? 'AMD64',
          provider: f.provider ?? '',
          fileName: f.fileName,
          sizeBytes: BigInt(f.sizeBytes),
          objectKey,
          clientSha256: f.sha256,
          status: 'PENDING',
        },
      });
      // The same verification every upload gets; the demo files must pass it like any other.
      const report = await inspectFile(fileId);
      if (report?.verdict !== 'VERIFIED') throw new Error(`Demo file ${f.fileName} failed inspection: ${report?.reason}`);
      // What's inside, as the worker reads it after every verification.
      await readFileInside(fileId, readInside);
      count++;
    }
  }
  await refreshApplianceFacets(appliance.id);
  return { applianceId: appliance.id, files: count };
}

const DEMO_ALL_PUBLISHERS = Object.fromEntries(DEMO_PUBLISHERS.map((p) => [p.handle, p.displayName]));

const REVIEW_TEXTS = [
  { rating: 5, body: 'Booted first time under QEMU, checksum matched. Exactly what I needed.' },
  { rating: 4, body: 'Solid defaults. The launch panel commands worked as shown.' },
  { rating: 3, body: 'Does the job; would like an arm64 build.' },
];

async function seedReviewsAndDownloads(applianceIds: string[], reviewerIds: string[], now: number) {
  const appliances = await db.appliance.findMany({
    where: { id: { in: applianceIds } },
    select: { id: true, versions: { select: { files: { where: { status: 'VERIFIED' }, select: { id: true } } } } },
    orderBy: { slug: 'asc' },
  });
  for (const [i, a] of appliances.entries()) {
    const reviews = reviewerIds.slice(0, (i % 3) === 2 ? 1 : 2).map((userId, j) => ({ userId, ...REVIEW_TEXTS[(i + j) % REVIEW_TEXTS.length] }));
    for (const r of reviews) {
      await db.review.create({ data: { applianceId: a.id, userId: r.userId, rating: r.rating, body: r.body, createdAt: new Date(now - (i + 2) * DAY) } });
    }
    const ratingAvg = reviews.reduce((s, r) => s + r.rating, 0) / reviews.length;
    // A plausible download history for the publisher's chart: one row per (file, actor, day).
    const fileIds = a.versions.flatMap((v) => v.files.map((f) => f.id));
    const events: { fileId: string; applianceId: string; actorKey: string; day: Date }[] = [];
    const perDay = 1 + ((i * 7) % 9);
    for (let d = 0; fileIds.length > 0 && d < 30; d++) {
      const day = new Date(Math.floor((now - d * DAY) / DAY) * DAY);
      const n = Math.max(0, perDay + ((d * 5 + i) % 4) - 2);
      for (let k = 0; k < n; k++) events.push({ fileId: fileIds[k % fileIds.length], applianceId: a.id, actorKey: `seed:${d}:${k}`, day });
    }
    if (events.length) await db.downloadEvent.createMany({ data: events, skipDuplicates: true });
    await db.appliance.update({ where: { id: a.id }, data: { ratingAvg, ratingCount: reviews.length, downloadCount: events.length } });
  }
}
