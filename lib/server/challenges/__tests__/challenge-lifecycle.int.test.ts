import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/server/db';
import { createTestUser } from '@/lib/test-support/factories';
import { challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge, updateChallenge } from '@/lib/server/challenges/save-challenge';
import { rerunAssignment, transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { publishResults } from '@/lib/server/challenges/publish-results';
import { runChallengeClock } from '@/lib/server/challenges/run-challenge-clock';
import { createEntry } from '@/lib/server/challenges/create-entry';
import { addChallengeJudge } from '@/lib/server/challenges/add-challenge-judge';
import { listAuditLog } from '@/lib/server/challenges/list-audit-log';
import { enqueue } from '@/lib/server/queue/boss';
import { createAdmin, createDeveloperWithAppliance, createJudges, createOpenChallenge, DAY, enterDevelopers, HOUR, loadChallenge } from './challenge-fixtures';

vi.mock('@/lib/server/queue/boss', async (original) => ({ ...(await original<typeof import('@/lib/server/queue/boss')>()), enqueue: vi.fn(async () => 'job-id') }));

let admin: Awaited<ReturnType<typeof createAdmin>>;
beforeAll(async () => {
  admin = await createAdmin();
});

describe('challenge editor and state machine', () => {
  it('stores wall times entered in the challenge zone as UTC', async () => {
    const input = challengeInputSchema.parse({
      title: 'Zoned', slug: `zoned-${Date.now()}`, timeZone: 'America/Los_Angeles',
      submissionsOpenAt: '2026-02-27T09:00', submissionsCloseAt: '2026-06-30T23:59', judgingCloseAt: '2026-08-14T17:00',
      judgesPerEntry: '3', entryLimit: '1', blind: 'on', normalizeScores: 'on',
      categories: [{ name: 'Web & CMS' }, { name: 'Web and CMS 2' }], criteria: [{ name: 'Works', weight: '2', scaleMin: '1', scaleMax: '10' }],
    });
    const { id } = await createChallenge(admin.actor, input);
    const ch = await loadChallenge(id);
    expect(ch.state).toBe('DRAFT');
    expect(ch.judgingCloseAt.toISOString()).toBe('2026-08-15T00:00:00.000Z');
    expect(ch.submissionsOpenAt.toISOString()).toBe('2026-02-27T17:00:00.000Z');
    expect(ch.categories.map((c) => c.slug)).toEqual(['web-and-cms', 'web-and-cms-2']);
    expect(ch.assignmentSeed).toMatch(/^[0-9a-f]{24}$/);
  });

  it('refuses an invalid zone, reversed deadlines and an empty rubric at the edge', () => {
    const base = {
      title: 'Bad', slug: 'bad', timeZone: 'Europe/Berlin', submissionsOpenAt: '2026-03-01T10:00', submissionsCloseAt: '2026-04-01T10:00',
      judgingCloseAt: '2026-05-01T10:00', judgesPerEntry: 3, entryLimit: 1, categories: [{ name: 'Web' }], criteria: [{ name: 'Works', weight: 1, scaleMin: 1, scaleMax: 10 }],
    };
    expect(challengeInputSchema.safeParse(base).success).toBe(true);
    const issues = (o: object) => {
      const r = challengeInputSchema.safeParse({ ...base, ...o });
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues({ timeZone: 'Europe/Atlantis' })).toContain('timeZone');
    expect(issues({ submissionsCloseAt: '2026-02-01T10:00' })).toContain('submissionsCloseAt');
    expect(issues({ judgingCloseAt: '2026-03-15T10:00' })).toContain('judgingCloseAt');
    expect(issues({ criteria: [] })).toContain('criteria');
    expect(issues({ criteria: [{ name: 'X1', weight: 0, scaleMin: 5, scaleMax: 5 }] })).toEqual(expect.arrayContaining(['criteria.0.weight', 'criteria.0.scaleMax']));
    expect(issues({ peoplesChoice: 'on' })).toEqual(expect.arrayContaining(['votingOpensAt', 'votingClosesAt']));
    expect(issues({ slug: 'Not A Slug!' })).toContain('slug');
    expect(issues({ categories: [{ name: 'Web' }, { name: 'web' }] })).toContain('categories.1.name');
  });

  it('refuses every transition, edit and creation by a non-admin, with nothing changed', async () => {
    const ch = await createOpenChallenge(admin.actor, { open: false });
    for (const roles of [[], ['JUDGE'], ['DEVELOPER']] as const) {
      const someone = await createTestUser({ roles: [...roles] });
      for (const action of ['open', 'close', 'publish', 'archive'] as const) {
        await expect(transitionChallenge(someone.actor, ch.id, action)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      await expect(publishResults(someone.actor, ch.id, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(rerunAssignment(someone.actor, ch.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const input = challengeInputSchema.parse({ ...formOf(ch), title: 'Hijacked' });
      await expect(updateChallenge(someone.actor, ch.id, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createChallenge(someone.actor, { ...input, slug: `x-${Date.now()}` })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(addChallengeJudge(someone.actor, ch.id, admin.email)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listAuditLog(someone.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const after = await loadChallenge(ch.id);
    expect(after.state).toBe('DRAFT');
    expect(after.title).toBe(ch.title);
  });

  it('walks DRAFT → OPEN → JUDGING and refuses skipping or going back', async () => {
    const ch = await createOpenChallenge(admin.actor, { open: false, k: 1 });
    await expect(transitionChallenge(admin.actor, ch.id, 'close')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(transitionChallenge(admin.actor, ch.id, 'publish')).rejects.toMatchObject({ code: 'CONFLICT' });
    await transitionChallenge(admin.actor, ch.id, 'open');
    await expect(transitionChallenge(admin.actor, ch.id, 'open')).rejects.toMatchObject({ code: 'CONFLICT' });
    const [dev] = await enterDevelopers(ch.id, ch.categories[0].id, 1);
    await createJudges(admin.actor, ch.id, 1);
    const closed = await transitionChallenge(admin.actor, ch.id, 'close');
    expect(closed.assignment).toMatchObject({ added: 1, shortfall: [] });
    const closedRow = await loadChallenge(ch.id);
    expect(closedRow.state).toBe('JUDGING');
    // Closing early moves the deadline to the moment of closing.
    expect(closedRow.submissionsCloseAt.getTime()).toBeLessThanOrEqual(Date.now());
    await expect(transitionChallenge(admin.actor, ch.id, 'archive')).rejects.toMatchObject({ code: 'CONFLICT' });
    // Nothing is scored: publishing has nothing to announce.
    await expect(transitionChallenge(admin.actor, ch.id, 'publish')).rejects.toMatchObject({ code: 'CONFLICT', message: /nothing to publish/ });
    expect(dev.entryId).toBeTruthy();
    const audit = await listAuditLog(admin.actor, { challengeId: ch.id });
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['challenge.create', 'challenge.transition', 'entry.create', 'judge.add', 'assignment.auto']));
    expect(audit.rows.every((r) => r.actor?.email === admin.email || r.actor?.email === dev.user.email)).toBe(true);
  });

  it('refuses to open a challenge whose deadline already passed', async () => {
    const now = new Date();
    const ch = await createOpenChallenge(admin.actor, { open: false, openAt: new Date(now.getTime() - 3 * DAY), closeAt: new Date(now.getTime() - DAY), judgingCloseAt: new Date(now.getTime() + DAY) });
    await expect(transitionChallenge(admin.actor, ch.id, 'open')).rejects.toMatchObject({ code: 'CONFLICT', message: /move the deadline/ });
  });

  it('locks the rubric, categories and deadlines once judging starts, but not the texts', async () => {
    const ch = await createOpenChallenge(admin.actor, { k: 1 });
    await enterDevelopers(ch.id, ch.categories[0].id, 1);
    await createJudges(admin.actor, ch.id, 1);
    await transitionChallenge(admin.actor, ch.id, 'close');
    const judging = await loadChallenge(ch.id);
    const same = formOf(judging);
    await expect(updateChallenge(admin.actor, ch.id, challengeInputSchema.parse({ ...same, title: 'Renamed during judging', grandPrize: 'Two trophies' }))).resolves.toBeTruthy();
    const heavier = { ...same, criteria: same.criteria.map((c, i) => (i === 0 ? { ...c, weight: 9 } : c)) };
    await expect(updateChallenge(admin.actor, ch.id, challengeInputSchema.parse(heavier))).rejects.toMatchObject({ code: 'CONFLICT', message: /the rubric/ });
    await expect(updateChallenge(admin.actor, ch.id, challengeInputSchema.parse({ ...same, judgesPerEntry: 3 }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateChallenge(admin.actor, ch.id, challengeInputSchema.parse({ ...same, categories: [...same.categories, { name: 'New one' }] }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateChallenge(admin.actor, ch.id, challengeInputSchema.parse({ ...same, slug: 'moved-elsewhere' }))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await loadChallenge(ch.id)).title).toBe('Renamed during judging');
  });
});

describe('the clock', () => {
  it('closes a challenge past its deadline, assigns judges and notifies them, once', async () => {
    const now = new Date();
    const ch = await createOpenChallenge(admin.actor, { k: 2, closeAt: new Date(now.getTime() + 2 * HOUR) });
    const devs = await enterDevelopers(ch.id, ch.categories[0].id, 3);
    const judges = await createJudges(admin.actor, ch.id, 3);

    // Before the deadline nothing closes.
    expect((await runChallengeClock({ now })).closed).not.toContain(ch.slug);

    const later = new Date(now.getTime() + 3 * HOUR);
    // A late entry is refused by the clock's reading of the state, even before the job ran.
    const late = await createDeveloperWithAppliance();
    await expect(createEntry(late.actor, { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: late.version.id }, { now: later })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: /Entries closed on/,
    });

    vi.mocked(enqueue).mockClear();
    const first = await runChallengeClock({ now: later });
    expect(first.closed).toContain(ch.slug);
    const row = await loadChallenge(ch.id);
    expect(row.state).toBe('JUDGING');
    const assignments = await db.assignment.findMany({ where: { challengeId: ch.id } });
    expect(assignments).toHaveLength(6);
    const loads = judges.map((j) => assignments.filter((a) => a.judgeId === j.id).length);
    expect(loads).toEqual([2, 2, 2]);
    for (const d of devs) expect(assignments.filter((a) => a.entryId === d.entryId)).toHaveLength(2);
    const notices = await db.notification.findMany({ where: { userId: { in: judges.map((j) => j.id) }, kind: 'judge.assigned' } });
    expect(notices).toHaveLength(3);
    expect(notices[0].link).toBe(`/judge/${ch.slug}`);
    // Each notice is queued for e-mail.
    expect(vi.mocked(enqueue).mock.calls.filter(([q]) => q === 'send-mail').length).toBeGreaterThanOrEqual(3);
    const audit = await db.auditLog.findFirst({ where: { action: 'challenge.transition', data: { path: ['challengeId'], equals: ch.id }, actorId: null } });
    expect(audit?.data).toMatchObject({ by: 'clock', to: 'JUDGING' });

    const second = await runChallengeClock({ now: new Date(later.getTime() + 60_000) });
    expect(second.closed).not.toContain(ch.slug);
    expect(await db.assignment.count({ where: { challengeId: ch.id } })).toBe(6);
    expect(await db.notification.count({ where: { userId: { in: judges.map((j) => j.id) }, kind: 'judge.assigned' } })).toBe(3);
  });

  it('tells admins when the clock could not find enough judges', async () => {
    const now = new Date();
    const ch = await createOpenChallenge(admin.actor, { k: 2, closeAt: new Date(now.getTime() + HOUR) });
    await enterDevelopers(ch.id, ch.categories[0].id, 1);
    await createJudges(admin.actor, ch.id, 1);
    await runChallengeClock({ now: new Date(now.getTime() + 2 * HOUR) });
    expect(await db.notification.count({ where: { userId: admin.id, kind: 'assignment.incomplete', link: `/admin/challenges/${ch.slug}/judges` } })).toBe(1);
  });

  it('reminds entrants 24 h before submissions close and judges before judging closes, once each', async () => {
    const now = new Date();
    const ch = await createOpenChallenge(admin.actor, { k: 1, closeAt: new Date(now.getTime() + 30 * HOUR), judgingCloseAt: new Date(now.getTime() + 60 * HOUR) });
    const [dev] = await enterDevelopers(ch.id, ch.categories[0].id, 1);
    const [judge] = await createJudges(admin.actor, ch.id, 1);

    await runChallengeClock({ now });
    expect(await db.notification.count({ where: { userId: dev.user.id, kind: 'deadline.submissions' } })).toBe(0);
    const inWindow = new Date(now.getTime() + 8 * HOUR);
    await runChallengeClock({ now: inWindow });
    await runChallengeClock({ now: new Date(inWindow.getTime() + 60_000) });
    await Promise.all([runChallengeClock({ now: inWindow }), runChallengeClock({ now: inWindow })]);
    expect(await db.notification.count({ where: { userId: dev.user.id, kind: 'deadline.submissions' } })).toBe(1);

    await runChallengeClock({ now: new Date(now.getTime() + 31 * HOUR) });
    const judgingSoon = new Date(now.getTime() + 40 * HOUR);
    await runChallengeClock({ now: judgingSoon });
    await runChallengeClock({ now: judgingSoon });
    const reminders = await db.notification.findMany({ where: { userId: judge.id, kind: 'deadline.judging' } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0].body).toMatch(/1 entry without a submitted scorecard/);
  });
});

function formOf(ch: Awaited<ReturnType<typeof loadChallenge>>) {
  return {
    title: ch.title,
    slug: ch.slug,
    summary: ch.summary,
    rules: ch.rules,
    timeZone: ch.timeZone,
    submissionsOpenAt: ch.submissionsOpenAt.toISOString(),
    submissionsCloseAt: ch.submissionsCloseAt.toISOString(),
    judgingCloseAt: ch.judgingCloseAt.toISOString(),
    judgesPerEntry: ch.judgesPerEntry,
    entryLimit: ch.entryLimit,
    blind: ch.blind,
    normalizeScores: ch.normalizeScores,
    peoplesChoice: ch.peoplesChoice,
    votingOpensAt: ch.votingOpensAt?.toISOString() ?? '',
    votingClosesAt: ch.votingClosesAt?.toISOString() ?? '',
    grandPrize: ch.grandPrize,
    categories: ch.categories.map((c) => ({ id: c.id, name: c.name, description: c.description, prize: c.prize })),
    criteria: ch.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax })),
  };
}
