import { describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db';
import { getBoss, QUEUES } from '@/lib/server/queue/boss';
import { inspectionKey, isLiveJob, requeueStrandedInspections } from '@/lib/server/files/requeue-stranded-inspections';
import { createTestAppliance, createTestPublisher, createTestVersion, uid } from '@/lib/test-support/factories';

const MINUTE = 60_000;

async function fileIn(versionId: string, status: 'PENDING' | 'INSPECTING' | 'VERIFIED', minutesAgo: number) {
  const id = uid(8);
  await db.applianceFile.create({
    data: { id, versionId, format: 'ISO', provider: `p${uid(3)}`, fileName: 'x.iso', sizeBytes: 1n, objectKey: `test/${versionId}/${id}`, status, updatedAt: new Date(Date.now() - minutesAgo * MINUTE) },
  });
  return id;
}

async function jobsOf(fileId: string) {
  return (await getBoss()).findJobs(QUEUES.inspectFile, { key: inspectionKey(fileId) });
}

describe('the inspection sweep', () => {
  it('queues again a file left PENDING or INSPECTING without a live job, once, and leaves the others alone', async () => {
    const { publisher } = await createTestPublisher();
    const version = await createTestVersion((await createTestAppliance(publisher.id)).id);
    const stranded = await fileIn(version.id, 'INSPECTING', 30); // its worker was killed
    const lostJob = await fileIn(version.id, 'PENDING', 30); // its job spent its retries
    const waiting = await fileIn(version.id, 'PENDING', 30); // its job is queued, just not run yet
    const fresh = await fileIn(version.id, 'PENDING', 0); // its job may be on its way
    const done = await fileIn(version.id, 'VERIFIED', 30);
    const boss = await getBoss();
    await boss.send(QUEUES.inspectFile, { fileId: waiting }, { singletonKey: inspectionKey(waiting), startAfter: 3600 });
    // A job that ended without verifying the file (failed for good, or cancelled) is not alive.
    const deadId = await boss.send(QUEUES.inspectFile, { fileId: lostJob }, { singletonKey: inspectionKey(lostJob), startAfter: 3600 });
    await boss.cancel(QUEUES.inspectFile, deadId!);

    const fileIds = [stranded, lostJob, waiting, fresh, done];
    const first = await requeueStrandedInspections({ fileIds, graceMs: 10 * MINUTE });
    expect(first.requeued.sort()).toEqual([stranded, lostJob].sort());
    for (const id of [stranded, lostJob]) expect((await jobsOf(id)).filter((j) => j.state === 'created')).toHaveLength(1);
    expect(await jobsOf(fresh)).toHaveLength(0);
    expect(await jobsOf(done)).toHaveLength(0);
    expect(await jobsOf(waiting)).toHaveLength(1);

    // The next sweep finds their new jobs alive and queues nothing twice.
    const second = await requeueStrandedInspections({ fileIds, graceMs: 10 * MINUTE });
    expect(second.requeued).toEqual([]);
  });

  it('counts an active job alive only while it heartbeats', () => {
    const now = Date.now();
    const active = { state: 'active' as const, heartbeatSeconds: 30, expireInSeconds: 3600, startedOn: new Date(now - 10 * MINUTE) };
    expect(isLiveJob({ ...active, heartbeatOn: new Date(now - 20_000) }, now)).toBe(true);
    expect(isLiveJob({ ...active, heartbeatOn: new Date(now - 5 * MINUTE) }, now)).toBe(false);
    // A job from before heartbeats: alive within its expiry only.
    expect(isLiveJob({ ...active, heartbeatSeconds: null, heartbeatOn: null }, now)).toBe(true);
    expect(isLiveJob({ ...active, heartbeatSeconds: null, heartbeatOn: null, startedOn: new Date(now - 2 * 3600_000) }, now)).toBe(false);
    expect(isLiveJob({ ...active, state: 'failed', heartbeatOn: new Date(now) }, now)).toBe(false);
  });
});
