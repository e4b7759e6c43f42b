// The judge's entry page shows what is inside the entry's files; in blind mode nothing in it names
// the entrant, even where the image itself does (a home directory, a filesystem label, a package).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db, Prisma } from '@/lib/server/db';
import type { InsideReport } from '@/lib/core/inside/types';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { getJudgeEntry } from '@/lib/server/challenges/get-judge-entry';
import { createAdmin, createJudges, createOpenChallenge, enterDevelopers, loadChallenge } from '@/lib/server/challenges/__tests__/challenge-fixtures';

vi.mock('@/lib/server/queue/boss', async (original) => ({ ...(await original<typeof import('@/lib/server/queue/boss')>()), enqueue: vi.fn(async () => 'job-id') }));

let admin: Awaited<ReturnType<typeof createAdmin>>;
beforeAll(async () => {
  admin = await createAdmin();
});

async function entryWithInside(blind: boolean) {
  const ch = await createOpenChallenge(admin.actor, { k: 1, blind });
  const [dev] = await enterDevelopers(ch.id, ch.categories[0].id, 1);
  const [judge] = await createJudges(admin.actor, ch.id, 1);
  await transitionChallenge(admin.actor, ch.id, 'close');
  await loadChallenge(ch.id);
  const handle = dev.publisher.handle;
  const report: InsideReport = {
    schemaVersion: 1, status: 'read', disk: { member: `${handle}-disk1.vmdk`, format: 'vmdk-stream', virtualSizeBytes: 1 << 20 },
    filesystems: [{ partition: 1, type: 'ext4', readable: true, sizeBytes: 1 << 20, label: `${dev.publisher.displayName} root` }],
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }, kernels: ['6.1.0-26-amd64'],
    packages: [{ manager: 'dpkg', name: `${handle}-agent`, version: '1.0', purl: `pkg:deb/debian/${handle}-agent@1.0` }, { manager: 'dpkg', name: 'bash', version: '5.2', purl: 'pkg:deb/debian/bash@5.2' }],
    services: [], bytesRead: 4096,
    findings: [{ code: 'authorized-keys', severity: 'medium', title: 'A login key is installed', detail: `For ${dev.user.email}.`, paths: [`/home/${handle}/.ssh/authorized_keys`] }],
  };
  await db.applianceFile.update({ where: { id: dev.file.id }, data: { inside: report as unknown as Prisma.InputJsonValue, insideStatus: 'READ', insideReadAt: new Date() } });
  const entryId = (await db.assignment.findFirstOrThrow({ where: { challengeId: ch.id, judgeId: judge.id } })).entryId;
  return { dev, judge, entryId };
}

describe("what's inside, for judges", () => {
  it('blind: the report is there, and names no entrant', async () => {
    const { dev, judge, entryId } = await entryWithInside(true);
    const view = await getJudgeEntry(judge.actor, entryId);
    const inside = view!.files[0].inside!;
    expect(inside.os?.prettyName).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(inside.packages.map((p) => p.name)).toContain('bash');
    expect(inside.findings[0].paths?.[0]).toMatch(/^\/home\/.+\/\.ssh\/authorized_keys$/);
    const text = JSON.stringify(inside).toLowerCase();
    for (const s of [dev.user.name, dev.user.email, dev.publisher.handle, dev.publisher.displayName]) expect(text, `leaks ${s}`).not.toContain(s.toLowerCase());
  });

  it('not blind: the report is shown as read', async () => {
    const { dev, judge, entryId } = await entryWithInside(false);
    const view = await getJudgeEntry(judge.actor, entryId);
    expect(view!.files[0].inside!.packages.map((p) => p.name)).toContain(`${dev.publisher.handle}-agent`);
  });
});
