// Data for the challenge integration tests: published appliances with verified files, and
// challenges created and moved through their states by the real services.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { putObject } from '@/lib/server/storage/s3';
import { createTestPublisher, createTestUser, createTestVersion, uid } from '@/lib/test-support/factories';
import { challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge } from '@/lib/server/challenges/save-challenge';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { addChallengeJudge } from '@/lib/server/challenges/add-challenge-judge';
import { createEntry } from '@/lib/server/challenges/create-entry';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A developer (new account and publisher) with one published appliance whose version 1.0.0 is released with a verified OVA. */
export async function createDeveloperWithAppliance(opts: { name?: string; applianceName?: string; bytes?: boolean; versionStatus?: 'RELEASED' | 'DRAFT' | 'REVOKED'; fileStatus?: 'VERIFIED' | 'PENDING' | 'REJECTED' } = {}) {
  const user = await createTestUser({ roles: ['DEVELOPER'], name: opts.name ?? `Dev ${uid(3)}` });
  const { publisher } = await createTestPublisher({ ownerId: user.id });
  const appliance = await db.appliance.create({
    data: {
      publisherId: publisher.id,
      slug: `app-${uid()}`,
      name: opts.applianceName ?? `Appliance ${uid(2)}`,
      summary: `A small appliance made by ${publisher.displayName}`,
      description: `Maintained by ${publisher.handle}. Contact ${user.email}.`,
      homepage: `https://example.com/${publisher.handle}`,
      status: 'PUBLISHED',
      publishedAt: new Date(),
      minCpus: 1,
      minMemoryMiB: 512,
    },
  });
  const version = await createTestVersion(appliance.id, '1.0.0', { status: opts.versionStatus ?? 'RELEASED', releasedAt: new Date(), changelog: `Release by ${publisher.displayName}` });
  const fileId = randomUUID().replaceAll('-', '');
  const fileName = `${publisher.handle}-appliance-1.0.0.ova`;
  const objectKey = `appliances/${appliance.id}/${version.id}/${fileId}/${fileName}`;
  if (opts.bytes) await putObject(objectKey, new TextEncoder().encode('not really an ova'), 'application/x-tar');
  const file = await db.applianceFile.create({
    data: {
      id: fileId,
      versionId: version.id,
      format: 'OVA',
      fileName,
      sizeBytes: BigInt(17),
      objectKey,
      sha256: 'a'.repeat(64),
      status: opts.fileStatus ?? 'VERIFIED',
      inspection: {
        product: appliance.name,
        vendor: publisher.displayName,
        vendorUrl: `https://example.com/${publisher.handle}`,
        productUrl: `https://example.com/${publisher.handle}/product`,
        eula: `Copyright ${publisher.displayName}`,
        annotation: `Built by ${user.name} <${user.email}>`,
        cpus: 1,
        memoryMiB: 512,
        disks: [{ capacityBytes: 1048576, href: 'disk1.vmdk' }],
        networks: [],
        members: [
          { name: `${publisher.handle}.ovf`, size: 100 },
          { name: 'disk1.vmdk', size: 100, format: 'VMDK' },
        ],
        virtualSystems: [{ name: 'vm', vendor: publisher.displayName, productUrl: 'x', networkAdapters: 1, diskDrives: 1 }],
      },
    },
  });
  return { user, actor: user.actor, publisher, appliance, version, file };
}

export interface ChallengeOptions {
  openAt?: Date;
  closeAt?: Date;
  judgingCloseAt?: Date;
  k?: number;
  blind?: boolean;
  entryLimit?: number;
  normalize?: boolean;
  peoplesChoice?: { opensAt: Date; closesAt: Date };
  allowSelfVote?: boolean;
  categories?: string[];
  open?: boolean;
  now?: Date;
}

/** A challenge made through the editor's schema and service; OPEN unless `open: false`. */
export async function createOpenChallenge(admin: Actor, o: ChallengeOptions = {}) {
  const now = o.now ?? new Date();
  const input = challengeInputSchema.parse({
    title: `Test Challenge ${uid(2)}`,
    slug: `test-${uid()}`,
    summary: 'For tests',
    rules: 'Be nice.',
    timeZone: 'Europe/Berlin',
    submissionsOpenAt: (o.openAt ?? new Date(now.getTime() - DAY)).toISOString(),
    submissionsCloseAt: (o.closeAt ?? new Date(now.getTime() + 7 * DAY)).toISOString(),
    judgingCloseAt: (o.judgingCloseAt ?? new Date(now.getTime() + 14 * DAY)).toISOString(),
    judgesPerEntry: o.k ?? 2,
    entryLimit: o.entryLimit ?? 1,
    blind: o.blind ?? true,
    normalizeScores: o.normalize ?? true,
    peoplesChoice: !!o.peoplesChoice,
    allowSelfVote: o.allowSelfVote ?? false,
    votingOpensAt: o.peoplesChoice?.opensAt.toISOString() ?? '',
    votingClosesAt: o.peoplesChoice?.closesAt.toISOString() ?? '',
    grandPrize: 'A trophy',
    categories: (o.categories ?? ['Web', 'Databases']).map((name) => ({ name, prize: `${name} prize` })),
    criteria: [
      { name: 'Works', weight: 3, scaleMin: 1, scaleMax: 10 },
      { name: 'Docs', weight: 1, scaleMin: 1, scaleMax: 5 },
    ],
  });
  const created = await createChallenge(admin, input, { now });
  if (o.open !== false) await transitionChallenge(admin, created.id, 'open', { now });
  return loadChallenge(created.id);
}

export async function loadChallenge(id: string) {
  return db.challenge.findUniqueOrThrow({
    where: { id },
    include: { categories: { orderBy: { position: 'asc' } }, criteria: { orderBy: { position: 'asc' } } },
  });
}

export async function createJudges(admin: Actor, challengeId: string, n: number) {
  const judges = [];
  for (let i = 0; i < n; i++) {
    const judge = await createTestUser({ roles: ['JUDGE'], name: `Judge ${uid(2)}` });
    await addChallengeJudge(admin, challengeId, judge.email);
    judges.push(judge);
  }
  return judges;
}

/** n developers, each entering their appliance into the given category. */
export async function enterDevelopers(challengeId: string, categoryId: string, n: number, opts: { bytes?: boolean; now?: Date } = {}) {
  const devs = [];
  for (let i = 0; i < n; i++) {
    const dev = await createDeveloperWithAppliance({ bytes: opts.bytes });
    const entry = await createEntry(dev.actor, { challengeId, categoryId, versionId: dev.version.id }, { now: opts.now });
    devs.push({ ...dev, entryId: entry.id });
  }
  return devs;
}

export const createAdmin = () => createTestUser({ roles: ['ADMIN'], name: `Admin ${uid(2)}` });
