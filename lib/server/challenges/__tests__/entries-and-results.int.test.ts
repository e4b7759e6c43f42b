import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/server/db';
import { createTestUser } from '@/lib/test-support/factories';
import { createEntry } from '@/lib/server/challenges/create-entry';
import { listEligibleVersions } from '@/lib/server/challenges/list-eligible-versions';
import { withdrawEntry } from '@/lib/server/challenges/withdraw-entry';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { disqualifyEntry, publishResults } from '@/lib/server/challenges/publish-results';
import { saveScorecard } from '@/lib/server/challenges/save-scorecard';
import { getAdminLeaderboard } from '@/lib/server/challenges/get-admin-leaderboard';
import { loadLeaderboard } from '@/lib/server/challenges/load-leaderboard';
import { castVote } from '@/lib/server/challenges/cast-vote';
import { getPublicChallenge } from '@/lib/server/challenges/get-public-challenge';
import { getPublicResults } from '@/lib/server/challenges/get-public-results';
import { TIE_BREAK_RULE } from '@/lib/core/challenges/logic/scoring';
import { createAdmin, createDeveloperWithAppliance, createJudges, createOpenChallenge, DAY, enterDevelopers, HOUR, loadChallenge } from './challenge-fixtures';

vi.mock('@/lib/server/queue/boss', async (original) => ({ ...(await original<typeof import('@/lib/server/queue/boss')>()), enqueue: vi.fn(async () => 'job-id') }));

let admin: Awaited<ReturnType<typeof createAdmin>>;
beforeAll(async () => {
  admin = await createAdmin();
});

describe('entering a challenge', () => {
  it('accepts a released, verified version of the developer’s own published appliance, and lists it as theirs', async () => {
    const ch = await createOpenChallenge(admin.actor);
    const dev = await createDeveloperWithAppliance();
    expect((await listEligibleVersions(dev.actor, ch.id)).map((a) => a.id)).toEqual([dev.appliance.id]);
    const entry = await createEntry(dev.actor, { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: dev.version.id, statement: 'Please try it' });
    expect(await db.entry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ entrantId: dev.user.id, status: 'ACTIVE', statement: 'Please try it' });
    expect(await listEligibleVersions(dev.actor, ch.id)).toEqual([]);
  });

  it('refuses someone else’s appliance', async () => {
    const ch = await createOpenChallenge(admin.actor);
    const owner = await createDeveloperWithAppliance();
    const thief = await createDeveloperWithAppliance();
    await expect(createEntry(thief.actor, { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: owner.version.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.entry.count({ where: { challengeId: ch.id } })).toBe(0);
  });

  it('refuses an unverified, unreleased or revoked version', async () => {
    const ch = await createOpenChallenge(admin.actor);
    for (const opts of [{ fileStatus: 'PENDING' as const }, { fileStatus: 'REJECTED' as const }, { versionStatus: 'DRAFT' as const }, { versionStatus: 'REVOKED' as const }]) {
      const dev = await createDeveloperWithAppliance(opts);
      await expect(createEntry(dev.actor, { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: dev.version.id }), JSON.stringify(opts)).rejects.toMatchObject({ code: 'CONFLICT' });
    }
    expect(await db.entry.count({ where: { challengeId: ch.id } })).toBe(0);
  });

  it('refuses entries beyond the per-developer limit, counting withdrawn ones out', async () => {
    const ch = await createOpenChallenge(admin.actor, { entryLimit: 1 });
    const dev = await createDeveloperWithAppliance();
    const second = await db.appliance.create({ data: { publisherId: dev.publisher.id, slug: `second-${Date.now()}`, name: 'Second', status: 'PUBLISHED' } });
    const v2 = await db.applianceVersion.create({ data: { applianceId: second.id, version: '2.0.0', sortKey: '2', status: 'RELEASED', files: { create: { format: 'QCOW2', fileName: 'x.qcow2', sizeBytes: 1n, objectKey: `k-${Date.now()}`, status: 'VERIFIED' } } } });
    const first = await createEntry(dev.actor, { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: dev.version.id });
    await expect(createEntry(dev.actor, { challengeId: ch.id, categoryId: ch.categories[1].id, versionId: v2.id })).rejects.toMatchObject({ code: 'CONFLICT', message: /limit of 1 entry/ });
    await withdrawEntry(dev.actor, first.id);
    await expect(createEntry(dev.actor, { challengeId: ch.id, categoryId: ch.categories[1].id, versionId: v2.id })).resolves.toBeTruthy();
    // Re-entering the withdrawn appliance revives its row, and is again over the limit.
    await expect(createEntry(dev.actor, { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: dev.version.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses entries after the deadline and before the opening, and withdrawals after the deadline', async () => {
    const now = new Date();
    // Far from now: the clock tests in other files tick only hours ahead.
    const closeAt = new Date(now.getTime() + 30 * DAY);
    const ch = await createOpenChallenge(admin.actor, { closeAt, judgingCloseAt: new Date(now.getTime() + 40 * DAY) });
    const dev = await createDeveloperWithAppliance();
    const input = { challengeId: ch.id, categoryId: ch.categories[0].id, versionId: dev.version.id };
    await expect(createEntry(dev.actor, input, { now: closeAt })).rejects.toMatchObject({ code: 'CONFLICT', message: /Entries closed on .*(CET|CEST|GMT\+1|GMT\+2)/ });
    const entry = await createEntry(dev.actor, input, { now: new Date(closeAt.getTime() - 1000) });
    await expect(withdrawEntry(dev.actor, entry.id, { now: new Date(closeAt.getTime() + HOUR) })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await createDeveloperWithAppliance();
    await expect(withdrawEntry(other.actor, entry.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const future = await createOpenChallenge(admin.actor, { openAt: new Date(now.getTime() + DAY), closeAt: new Date(now.getTime() + 2 * DAY) });
    const dev2 = await createDeveloperWithAppliance();
    await expect(createEntry(dev2.actor, { challengeId: future.id, categoryId: future.categories[0].id, versionId: dev2.version.id })).rejects.toMatchObject({ message: /Entries open on/ });
    const draft = await createOpenChallenge(admin.actor, { open: false });
    await expect(createEntry(dev2.actor, { challengeId: draft.id, categoryId: draft.categories[0].id, versionId: dev2.version.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists entries publicly only once judging starts, without names while blind', async () => {
    const ch = await createOpenChallenge(admin.actor, { k: 1, blind: true });
    const [dev] = await enterDevelopers(ch.id, ch.categories[0].id, 1);
    const open = await getPublicChallenge(null, ch.slug);
    expect(open?.showEntries).toBe(false);
    expect(open?.entries).toEqual([]);
    expect(open?.categories[0].entries).toBe(1);
    await createJudges(admin.actor, ch.id, 1);
    await transitionChallenge(admin.actor, ch.id, 'close');
    const judging = await getPublicChallenge(null, ch.slug);
    expect(judging?.entries).toHaveLength(1);
    expect(judging?.entries[0]).toMatchObject({ publisher: null, href: null });
    expect(JSON.stringify(judging)).not.toContain(dev.publisher.handle);
  });
});

describe('leaderboard, publication and disqualification (database-backed)', () => {
  it('ranks from submitted scores only, publishes awards, freezes scores, and moves awards after a disqualification', async () => {
    const ch = await createOpenChallenge(admin.actor, { k: 2, normalize: false, blind: false, categories: ['Web', 'Databases'] });
    const web = await enterDevelopers(ch.id, ch.categories[0].id, 3);
    const dbs = await enterDevelopers(ch.id, ch.categories[1].id, 1);
    const judges = await createJudges(admin.actor, ch.id, 2);
    await transitionChallenge(admin.actor, ch.id, 'close');
    const row = await loadChallenge(ch.id);
    const [works, docs] = row.criteria;
    // Both judges judge every entry (k = 2, two judges).
    const plan: [string, number, number, boolean][] = [
      [web[0].entryId, 10, 5, true], // 100 from each judge
      [web[1].entryId, 8, 4, true],
      [web[2].entryId, 1, 1, false], // drafts only: must not count
      [dbs[0].entryId, 4, 2, true],
    ];
    for (const judge of judges) {
      for (const [entryId, w, d, submit] of plan) {
        await saveScorecard(judge.actor, entryId, { values: { [works.id]: w, [docs.id]: d }, comments: {}, comment: '', submit });
      }
    }
    const board = await loadLeaderboard(ch.id);
    const webRows = board.rows.filter((r) => r.categoryId === row.categories[0].id);
    expect(webRows.map((r) => r.entryId)).toEqual([web[0].entryId, web[1].entryId, web[2].entryId]);
    expect(webRows[0]).toMatchObject({ rank: 1, weightedMean: 100, scoreCount: 2, spread: 0 });
    // (8−1)/9·3 + (4−1)/4·1 = 2.333… + 0.75 → /4 = 77.083…
    expect(webRows[1].weightedMean).toBeCloseTo(((7 / 9) * 3 + 0.75) / 4 * 100, 9);
    expect(webRows[2]).toMatchObject({ scoreCount: 0, weightedMean: 0 });

    const admin2 = await getAdminLeaderboard(admin.actor, ch.slug);
    expect(admin2.tieBreakRule).toBe(TIE_BREAK_RULE);
    expect(admin2.progress).toEqual({ submitted: 6, assigned: 8 });
    const someone = await createTestUser({ roles: ['JUDGE'] });
    await expect(getAdminLeaderboard(someone.actor, ch.slug)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await expect(publishResults(admin.actor, ch.id, { grandPrizeEntryId: web[1].entryId })).rejects.toMatchObject({ code: 'INVALID' });
    await publishResults(admin.actor, ch.id, { grandPrizeEntryId: dbs[0].entryId });
    const published = await loadChallenge(ch.id);
    expect(published.state).toBe('RESULTS');
    expect(published.resultsPublishedAt).not.toBeNull();
    const awards = await db.award.findMany({ where: { challengeId: ch.id } });
    expect(awards.map((a) => [a.kind, a.entryId]).sort()).toEqual(
      [['CATEGORY_WINNER', web[0].entryId], ['CATEGORY_WINNER', dbs[0].entryId], ['GRAND_PRIZE', dbs[0].entryId]].sort(),
    );
    expect(await db.notification.count({ where: { kind: 'results.published', link: `/challenges/${ch.slug}/results` } })).toBe(6);

    // Frozen: no score changes after publication.
    await expect(saveScorecard(judges[0].actor, web[1].entryId, { values: { [works.id]: 10, [docs.id]: 5 }, comments: {}, comment: '', submit: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(transitionChallenge(admin.actor, ch.id, 'publish')).rejects.toMatchObject({ code: 'CONFLICT' });

    // Disqualification: admin only, with a reason; the web award moves to the next entry.
    await expect(disqualifyEntry(judges[0].actor, web[0].entryId, 'Plagiarised image')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(disqualifyEntry(admin.actor, web[0].entryId, '')).rejects.toMatchObject({ code: 'INVALID' });
    const result = await disqualifyEntry(admin.actor, web[0].entryId, 'The image is a copy of another entry');
    expect(result.awardsChanged).toBe(true);
    const after = await db.award.findMany({ where: { challengeId: ch.id } });
    expect(after.find((a) => a.kind === 'CATEGORY_WINNER' && a.categoryId === row.categories[0].id)?.entryId).toBe(web[1].entryId);
    expect(after.find((a) => a.kind === 'GRAND_PRIZE')?.entryId).toBe(dbs[0].entryId);
    const log = await db.auditLog.findFirstOrThrow({ where: { action: 'entry.disqualify', targetId: web[0].entryId } });
    expect(log).toMatchObject({ actorId: admin.id, reason: 'The image is a copy of another entry' });
    expect(await db.notification.count({ where: { userId: web[0].user.id, kind: 'entry.disqualified' } })).toBe(1);

    const results = await getPublicResults(ch.slug);
    const webResults = results!.categories.find((c) => c.id === row.categories[0].id)!;
    expect(webResults.winner?.entry?.entryId).toBe(web[1].entryId);
    expect(webResults.ranking.map((r) => r.entryId)).not.toContain(web[0].entryId);
    expect(results!.disqualified).toEqual([expect.objectContaining({ entryId: web[0].entryId, reason: 'The image is a copy of another entry', afterPublication: true })]);
    expect(results!.tieBreakRule).toBe(TIE_BREAK_RULE);

    // The grand prize winner disqualified too: the grand prize moves to the best remaining winner.
    await disqualifyEntry(admin.actor, dbs[0].entryId, 'Broke the licence rules');
    const last = await db.award.findMany({ where: { challengeId: ch.id } });
    expect(last.find((a) => a.kind === 'GRAND_PRIZE')?.entryId).toBe(web[1].entryId);
    expect(last.filter((a) => a.categoryId === row.categories[1].id)).toEqual([]);

    await transitionChallenge(admin.actor, ch.id, 'archive');
    expect((await loadChallenge(ch.id)).state).toBe('ARCHIVED');
    await expect(transitionChallenge(admin.actor, ch.id, 'open')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('People’s Choice', () => {
  it('keeps one vote per user and category (a second vote moves it), hides counts until results, and refuses outside the window', async () => {
    const now = new Date();
    const ch = await createOpenChallenge(admin.actor, { k: 1, peoplesChoice: { opensAt: new Date(now.getTime() - HOUR), closesAt: new Date(now.getTime() + 20 * DAY) } });
    const [a, b] = await enterDevelopers(ch.id, ch.categories[0].id, 2);
    const voter = await createTestUser();
    await castVote(voter.actor, ch.id, a.entryId);
    await castVote(voter.actor, ch.id, b.entryId);
    const votes = await db.vote.findMany({ where: { challengeId: ch.id, userId: voter.id } });
    expect(votes).toHaveLength(1);
    expect(votes[0].entryId).toBe(b.entryId);
    const view = await getPublicChallenge(voter.actor, ch.slug);
    expect(view?.voting).toMatchObject({ open: true, countsVisible: false, mine: { [ch.categories[0].id]: b.entryId } });
    expect(view?.entries.every((e) => e.votes === null)).toBe(true);

    await expect(castVote(voter.actor, ch.id, a.entryId, { now: new Date(now.getTime() + 21 * DAY) })).rejects.toMatchObject({ code: 'CONFLICT', message: /closed/ });
    await expect(castVote(voter.actor, ch.id, a.entryId, { now: new Date(now.getTime() - 2 * HOUR) })).rejects.toMatchObject({ code: 'CONFLICT', message: /not opened/ });
    expect((await db.vote.findFirstOrThrow({ where: { challengeId: ch.id, userId: voter.id } })).entryId).toBe(b.entryId);

    // Rate limit: a burst of votes is cut off.
    const spammer = await createTestUser();
    let limited = 0;
    for (let i = 0; i < 25; i++) {
      await castVote(spammer.actor, ch.id, i % 2 ? a.entryId : b.entryId).catch((e: { code?: string }) => {
        if (e.code === 'RATE_LIMITED') limited++;
      });
    }
    expect(limited).toBeGreaterThan(0);
    await castVote((await createTestUser()).actor, ch.id, b.entryId);

    // Publication turns the tally into a People's Choice award and shows the counts.
    await createJudges(admin.actor, ch.id, 1);
    await transitionChallenge(admin.actor, ch.id, 'close');
    const row = await loadChallenge(ch.id);
    const judge = (await db.challengeJudge.findFirstOrThrow({ where: { challengeId: ch.id }, include: { user: true } })).user;
    const judgeActor = { id: judge.id, name: judge.name, email: judge.email, roles: judge.roles };
    for (const e of [a, b]) {
      await saveScorecard(judgeActor, e.entryId, { values: { [row.criteria[0].id]: 5, [row.criteria[1].id]: 3 }, comments: {}, comment: '', submit: true });
    }
    await expect(castVote(voter.actor, ch.id, a.entryId, { now: new Date(now.getTime() + 30 * DAY) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await publishResults(admin.actor, ch.id, {});
    await expect(castVote(voter.actor, ch.id, a.entryId)).rejects.toMatchObject({ code: 'CONFLICT' });
    const pc = await db.award.findFirstOrThrow({ where: { challengeId: ch.id, kind: 'PEOPLES_CHOICE' } });
    // b has the voter's and the second voter's votes; a at most the spammer's one.
    expect(pc).toMatchObject({ entryId: b.entryId, categoryId: ch.categories[0].id });
    expect(await db.vote.count({ where: { challengeId: ch.id, userId: spammer.id } })).toBe(1);
    const visible = await getPublicChallenge(null, ch.slug);
    expect(visible?.voting?.countsVisible).toBe(true);
    expect(visible?.entries.reduce((sum, e) => sum + (e.votes ?? 0), 0)).toBe(3);
  });
});
