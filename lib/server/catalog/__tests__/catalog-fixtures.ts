// Test data for the catalog's access tests: one listing per status, each with files in every state.
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { createTestAppliance, createTestPublisher, createTestUser, createTestVersion, uid } from '@/lib/test-support/factories';

const sha = () => uid(32);

export async function createTestFile(
  versionId: string,
  data: { format?: 'OVA' | 'QCOW2' | 'VAGRANT_BOX' | 'RAW'; status?: 'VERIFIED' | 'REJECTED' | 'PENDING' | 'UPLOADING'; provider?: string; architecture?: 'AMD64' | 'ARM64' } = {},
) {
  const id = `f${uid(8)}`;
  const status = data.status ?? 'VERIFIED';
  return db.applianceFile.create({
    data: {
      id,
      versionId,
      format: data.format ?? 'QCOW2',
      architecture: data.architecture ?? 'AMD64',
      provider: data.provider ?? '',
      fileName: `disk-${uid(2)}.${(data.format ?? 'QCOW2').toLowerCase()}`,
      sizeBytes: 1024n,
      objectKey: `test/${id}/disk`,
      sha256: status === 'VERIFIED' ? sha() : null,
      status,
      rejectCode: status === 'REJECTED' ? 'BAD_MAGIC' : null,
      rejectReason: status === 'REJECTED' ? 'Not a qcow2 file: secret detail for the owner.' : null,
      inspectedAt: status === 'VERIFIED' || status === 'REJECTED' ? new Date() : null,
    },
  });
}

/** A listing with a released version holding a verified, a rejected and a pending file, a revoked version and a draft version. */
export async function createListingWithFiles(publisherId: string, status: 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'REJECTED' | 'UNLISTED') {
  const appliance = await createTestAppliance(publisherId, { status, publishedAt: status === 'PUBLISHED' ? new Date() : null });
  const released = await createTestVersion(appliance.id, '1.0.0', { status: 'RELEASED', releasedAt: new Date() });
  const revoked = await createTestVersion(appliance.id, '0.9.0', { status: 'REVOKED', releasedAt: new Date(), revokedAt: new Date(), revokeReason: 'Broken boot' });
  const draft = await createTestVersion(appliance.id, '2.0.0-beta', { status: 'DRAFT' });
  const files = {
    verified: await createTestFile(released.id),
    box: await createTestFile(released.id, { format: 'VAGRANT_BOX', provider: 'libvirt' }),
    rejected: await createTestFile(released.id, { format: 'OVA', status: 'REJECTED' }),
    pending: await createTestFile(released.id, { format: 'RAW', status: 'PENDING' }),
    revoked: await createTestFile(revoked.id),
    draft: await createTestFile(draft.id),
  };
  return { appliance, versions: { released, revoked, draft }, files };
}

/** A judge assigned (in a challenge being judged) to an entry of the appliance. */
export async function assignJudge(applianceId: string, versionId: string, entrantId: string): Promise<Actor> {
  const judge = await createTestUser({ roles: ['JUDGE'] });
  const now = Date.now();
  const challenge = await db.challenge.create({
    data: {
      slug: `ch-${uid()}`,
      title: 'Test challenge',
      state: 'JUDGING',
      submissionsOpenAt: new Date(now - 10 * 86_400_000),
      submissionsCloseAt: new Date(now - 86_400_000),
      judgingCloseAt: new Date(now + 10 * 86_400_000),
      assignmentSeed: uid(),
    },
  });
  const category = await db.challengeCategory.create({ data: { challengeId: challenge.id, slug: 'main', name: 'Main' } });
  const entry = await db.entry.create({ data: { challengeId: challenge.id, categoryId: category.id, applianceId, versionId, entrantId } });
  await db.assignment.create({ data: { challengeId: challenge.id, entryId: entry.id, judgeId: judge.id } });
  return judge.actor;
}

export async function catalogCast() {
  const { publisher, owner } = await createTestPublisher();
  const admin = (await createTestUser({ roles: ['ADMIN'] })).actor;
  const stranger = (await createTestUser()).actor;
  const otherJudge = (await createTestUser({ roles: ['JUDGE'] })).actor;
  return { publisher, owner, admin, stranger, otherJudge };
}
