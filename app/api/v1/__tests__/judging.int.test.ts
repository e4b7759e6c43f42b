import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/server/db';
import { createApiToken } from '@/lib/server/api-tokens/tokens';
import type { Actor } from '@/lib/core/auth/roles';
import { createTestUser } from '@/lib/test-support/factories';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { assignJudgeByHand, listReplacementCandidates, reassignJudge } from '@/lib/server/challenges/reassign-judge';
import { declareConflict } from '@/lib/server/challenges/declare-conflict';
import { getJudgeEntry } from '@/lib/server/challenges/get-judge-entry';
import { getJudgeWorkspace } from '@/lib/server/challenges/get-judge-workspace';
import { saveScorecard } from '@/lib/server/challenges/save-scorecard';
import { getJudgeDownloadUrl } from '@/lib/server/challenges/judge-download';
import { entryCode } from '@/lib/core/challenges/logic/entry-code';
import { GET as getEntryApi } from '@/app/api/v1/judging/entries/[entryId]/route';
import { PUT as putScorecardApi } from '@/app/api/v1/judging/entries/[entryId]/scorecard/route';
import { GET as downloadApi } from '@/app/api/v1/judging/entries/[entryId]/files/[fileId]/download/route';
import { GET as workspaceApi } from '@/app/api/v1/judging/challenges/[slug]/route';
import { POST as judgeTryApi } from '@/app/api/v1/judging/entries/[entryId]/files/[fileId]/try/route';
import { makeDemoAppliance } from '@/lib/core/appliance-kit';
import { putObject } from '@/lib/server/storage/s3';
import { openBrowserDisk } from '@/lib/core/try/browser-disk';
import { createAdmin, createJudges, createOpenChallenge, enterDevelopers, loadChallenge } from '@/lib/server/challenges/__tests__/challenge-fixtures';

vi.mock('@/lib/server/queue/boss', async (original) => ({ ...(await original<typeof import('@/lib/server/queue/boss')>()), enqueue: vi.fn(async () => 'job-id') }));

type Admin = Awaited<ReturnType<typeof createAdmin>>;
let admin: Admin;
beforeAll(async () => {
  admin = await createAdmin();
});

async function bearer(actor: Actor) {
  const { token } = await createApiToken(actor, { name: 'test', scopes: ['read', 'publish'] });
  return { authorization: `Bearer ${token}` };
}

function call<P>(handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>, url: string, params: P, init: RequestInit = {}) {
  return handler(new Request(`http://localhost:3999${url}`, init), { params: Promise.resolve(params) });
}

/** A judging challenge: `entries` developers in the first category, `judges` judges, k per entry, closed by the admin. */
async function judgingChallenge(o: { entries: number; judges: number; k: number; blind?: boolean; bytes?: boolean }) {
  const ch = await createOpenChallenge(admin.actor, { k: o.k, blind: o.blind ?? true });
  const devs = await enterDevelopers(ch.id, ch.categories[0].id, o.entries, { bytes: o.bytes });
  const judges = await createJudges(admin.actor, ch.id, o.judges);
  await transitionChallenge(admin.actor, ch.id, 'close');
  const assignments = await db.assignment.findMany({ where: { challengeId: ch.id } });
  return { ch: await loadChallenge(ch.id), devs, judges, assignments };
}

const fullScores = (ch: Awaited<ReturnType<typeof loadChallenge>>, works: number, docs: number) => ({
  values: { [ch.criteria[0].id]: works, [ch.criteria[1].id]: docs },
  comments: {},
  comment: 'Solid work.',
  submit: true,
});

describe('assignment invariants', () => {
  it('refuses a conflicted judge or the entrant by hand, and logs a valid reassignment with its reason', async () => {
    const { ch, devs, judges, assignments } = await judgingChallenge({ entries: 2, judges: 3, k: 1, blind: false });
    const [first] = assignments;
    const entry = devs.find((d) => d.entryId === first.entryId)!;
    const others = judges.filter((j) => j.id !== first.judgeId);
    // The other judge declares a conflict with the entrant (by their e-mail) before being asked.
    const conflicted = others[0];
    await declareConflict(conflicted.actor, ch.id, { person: entry.user.email, reason: 'We work together' });

    const candidates = await listReplacementCandidates(admin.actor, first.id);
    expect(candidates.map((c) => c.judgeId)).not.toContain(conflicted.id);
    await expect(reassignJudge(admin.actor, first.id, conflicted.id, 'Balance the load')).rejects.toMatchObject({ code: 'CONFLICT', message: /conflict/ });
    await expect(assignJudgeByHand(admin.actor, first.entryId, conflicted.id, 'Extra eyes')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(reassignJudge(admin.actor, first.id, others[1].id, '')).rejects.toMatchObject({ code: 'INVALID' });
    const nonAdmin = judges[0];
    await expect(reassignJudge(nonAdmin.actor, first.id, others[1].id, 'I want it')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The entrant can never judge their own entry, even when added to the panel.
    await db.user.update({ where: { id: entry.user.id }, data: { roles: { set: ['USER', 'DEVELOPER', 'JUDGE'] } } });
    await db.challengeJudge.create({ data: { challengeId: ch.id, userId: entry.user.id } });
    await expect(assignJudgeByHand(admin.actor, first.entryId, entry.user.id, 'Ask the author')).rejects.toMatchObject({ code: 'CONFLICT', message: /own entry/ });

    await reassignJudge(admin.actor, first.id, others[1].id, 'Original judge is travelling');
    const moved = await db.assignment.findFirstOrThrow({ where: { entryId: first.entryId, judgeId: others[1].id } });
    expect(moved).toMatchObject({ manual: true, reason: 'Original judge is travelling' });
    const log = await db.auditLog.findFirstOrThrow({ where: { action: 'assignment.reassign', targetId: first.entryId } });
    expect(log).toMatchObject({ actorId: admin.id, reason: 'Original judge is travelling' });
    expect(log.data).toMatchObject({ from: first.judgeId, to: others[1].id, challengeId: ch.id });
  });

  it('removes an unsubmitted assignment when its judge declares a conflict, and fills the gap', async () => {
    const { ch, judges, assignments } = await judgingChallenge({ entries: 3, judges: 3, k: 2 });
    const victim = assignments[0];
    const judge = judges.find((j) => j.id === victim.judgeId)!;
    await declareConflict(judge.actor, ch.id, { entryId: victim.entryId, reason: 'I reviewed an earlier version for them' });
    const after = await db.assignment.findMany({ where: { challengeId: ch.id, entryId: victim.entryId } });
    expect(after.map((a) => a.judgeId)).not.toContain(judge.id);
    expect(after).toHaveLength(2);
    const conflict = await db.conflict.findFirstOrThrow({ where: { judgeId: judge.id, entryId: victim.entryId } });
    expect(conflict.label).toBe(`Entry ${entryCode(victim.entryId)}`);
  });

  it('keeps a submitted scorecard when its judge declares a conflict afterwards', async () => {
    const { ch, judges, assignments } = await judgingChallenge({ entries: 2, judges: 2, k: 1 });
    const a = assignments[0];
    const judge = judges.find((j) => j.id === a.judgeId)!;
    await saveScorecard(judge.actor, a.entryId, fullScores(ch, 8, 4));
    await declareConflict(judge.actor, ch.id, { entryId: a.entryId });
    expect(await db.assignment.count({ where: { id: a.id } })).toBe(1);
    expect(await db.scorecard.count({ where: { assignmentId: a.id, status: 'SUBMITTED' } })).toBe(1);
  });
});

describe('scoring', () => {
  it('refuses to score an entry the judge is not assigned to (service and API), and non-judges', async () => {
    const { ch, judges, assignments, devs } = await judgingChallenge({ entries: 2, judges: 2, k: 1 });
    const mine = assignments.find((a) => a.judgeId === judges[0].id)!;
    const notMine = devs.map((d) => d.entryId).find((id) => !assignments.some((a) => a.entryId === id && a.judgeId === judges[0].id))!;
    await expect(saveScorecard(judges[0].actor, notMine, fullScores(ch, 5, 3))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const res = await call(putScorecardApi, `/api/v1/judging/entries/${notMine}/scorecard`, { entryId: notMine }, {
      method: 'PUT',
      headers: { ...(await bearer(judges[0].actor)), 'content-type': 'application/json' },
      body: JSON.stringify(fullScores(ch, 5, 3)),
    });
    expect(res.status).toBe(404);
    expect(await db.scorecard.count({ where: { entryId: notMine, judgeId: judges[0].id } })).toBe(0);
    const stranger = await createTestUser({ roles: ['JUDGE'] });
    await expect(saveScorecard(stranger.actor, mine.entryId, fullScores(ch, 5, 3))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getJudgeEntry(stranger.actor, mine.entryId)).toBeNull();
    expect(await getJudgeWorkspace(stranger.actor, ch.slug)).toBeNull();
  });

  it('saves drafts, needs every criterion to submit, refuses values off the scale, and logs submission and change', async () => {
    const { ch, judges, assignments } = await judgingChallenge({ entries: 1, judges: 1, k: 1 });
    const judge = judges[0];
    const entryId = assignments[0].entryId;
    const [works, docs] = ch.criteria;
    await expect(saveScorecard(judge.actor, entryId, { values: { [works.id]: 11 }, comments: {}, comment: '', submit: false })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(saveScorecard(judge.actor, entryId, { values: { 'not-a-criterion': 3 }, comments: {}, comment: '', submit: false })).rejects.toMatchObject({ code: 'INVALID' });
    expect(await saveScorecard(judge.actor, entryId, { values: { [works.id]: 7 }, comments: { [works.id]: 'Boots fast' }, comment: '', submit: false })).toEqual({ status: 'DRAFT', score: null });
    await expect(saveScorecard(judge.actor, entryId, { values: { [works.id]: 7 }, comments: {}, comment: '', submit: true })).rejects.toMatchObject({ code: 'INVALID', fields: { [`score.${docs.id}`]: expect.any(String) } });
    const submitted = await saveScorecard(judge.actor, entryId, fullScores(ch, 7, 4));
    expect(submitted.status).toBe('SUBMITTED');
    // (7−1)/9 × 3 + (4−1)/4 × 1 = 2 + 0.75 over weight 4 → 68.75
    expect(submitted.score).toBeCloseTo(68.75, 6);
    await expect(saveScorecard(judge.actor, entryId, { ...fullScores(ch, 7, 4), submit: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    await saveScorecard(judge.actor, entryId, fullScores(ch, 9, 4));
    const log = await db.auditLog.findMany({ where: { actorId: judge.id, action: { in: ['score.submit', 'score.change'] } }, orderBy: { id: 'asc' } });
    expect(log.map((l) => l.action)).toEqual(['score.submit', 'score.change']);
    expect(log[1].data).toMatchObject({ values: { [works.id]: 9 }, previous: { [works.id]: 7, [docs.id]: 4 } });
    const view = await getJudgeEntry(judge.actor, entryId);
    expect(view?.myScorecard).toMatchObject({ status: 'SUBMITTED', values: { [works.id]: { value: 9 } } });
  });

  it('refuses scores after the judging deadline and after publication', async () => {
    const { ch, judges, assignments } = await judgingChallenge({ entries: 2, judges: 2, k: 1 });
    const [a, b] = assignments;
    const ja = judges.find((j) => j.id === a.judgeId)!;
    const jb = judges.find((j) => j.id === b.judgeId)!;
    await saveScorecard(ja.actor, a.entryId, fullScores(ch, 8, 4));
    const afterDeadline = new Date(ch.judgingCloseAt.getTime() + 1000);
    await expect(saveScorecard(jb.actor, b.entryId, fullScores(ch, 5, 3), { now: afterDeadline })).rejects.toMatchObject({ code: 'CONFLICT', message: /Judging closed on/ });
    await transitionChallenge(admin.actor, ch.id, 'publish');
    await expect(saveScorecard(ja.actor, a.entryId, fullScores(ch, 2, 1))).rejects.toMatchObject({ code: 'CONFLICT', message: /frozen/ });
    const values = await db.criterionScore.findMany({ where: { scorecard: { assignmentId: a.id } } });
    expect(values.map((v) => v.value).sort()).toEqual([4, 8]);
  });
});

describe('score secrecy', () => {
  it('shows other judges’ scores only after the judge submitted their own (service and API)', async () => {
    const { ch, judges, assignments } = await judgingChallenge({ entries: 1, judges: 2, k: 2 });
    const entryId = assignments[0].entryId;
    const [first, second] = judges;
    await saveScorecard(first.actor, entryId, { ...fullScores(ch, 10, 5), comment: 'SECRET-FIRST-JUDGE-COMMENT' });

    const before = await getJudgeEntry(second.actor, entryId);
    expect(before?.others).toBeNull();
    expect(JSON.stringify(before)).not.toContain('SECRET-FIRST-JUDGE-COMMENT');
    const headers = await bearer(second.actor);
    const apiBefore = await call(getEntryApi, `/api/v1/judging/entries/${entryId}`, { entryId }, { headers });
    expect(apiBefore.status).toBe(200);
    const bodyBefore = await apiBefore.text();
    expect(bodyBefore).not.toContain('SECRET-FIRST-JUDGE-COMMENT');
    expect(JSON.parse(bodyBefore).others).toBeNull();

    // A draft does not count as having submitted.
    await saveScorecard(second.actor, entryId, { values: { [ch.criteria[0].id]: 3 }, comments: {}, comment: '', submit: false });
    expect((await getJudgeEntry(second.actor, entryId))?.others).toBeNull();

    await saveScorecard(second.actor, entryId, fullScores(ch, 3, 2));
    const after = await getJudgeEntry(second.actor, entryId);
    expect(after?.others).toHaveLength(1);
    expect(after?.others?.[0]).toMatchObject({ label: 'Judge A', comment: 'SECRET-FIRST-JUDGE-COMMENT', score: 100 });
    const apiAfter = await call(getEntryApi, `/api/v1/judging/entries/${entryId}`, { entryId }, { headers });
    expect(await apiAfter.text()).toContain('SECRET-FIRST-JUDGE-COMMENT');
  });
});

describe('blind judging', () => {
  it('never names the entrant to a judge: service, API and the download’s file name', async () => {
    const { ch, judges, assignments, devs } = await judgingChallenge({ entries: 1, judges: 1, k: 1, bytes: true });
    const dev = devs[0];
    const judge = judges[0];
    const entryId = assignments[0].entryId;
    const secrets = [dev.user.name, dev.user.email, dev.publisher.handle, dev.publisher.displayName];
    const expectBlind = (text: string) => {
      for (const s of secrets) expect(text.toLowerCase(), `leaks ${s}`).not.toContain(s.toLowerCase());
    };

    const view = await getJudgeEntry(judge.actor, entryId);
    expect(view?.entrant).toBeNull();
    expect(view?.appliance.href).toBeNull();
    expectBlind(JSON.stringify(view));
    expect(JSON.stringify(view)).not.toMatch(/vendorUrl|productUrl|"vendor"/);
    expectBlind(JSON.stringify(await getJudgeWorkspace(judge.actor, ch.slug)));

    const headers = await bearer(judge.actor);
    const api = await call(getEntryApi, `/api/v1/judging/entries/${entryId}`, { entryId }, { headers });
    expect(api.status).toBe(200);
    expectBlind(await api.text());
    const ws = await call(workspaceApi, `/api/v1/judging/challenges/${ch.slug}`, { slug: ch.slug }, { headers });
    expectBlind(await ws.text());

    const fileId = dev.file.id;
    const res = await call(downloadApi, `/api/v1/judging/entries/${entryId}/files/${fileId}/download`, { entryId, fileId }, { headers });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expectBlind(decodeURIComponent(location));
    const object = await fetch(location);
    expect(object.status).toBe(200);
    const disposition = object.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`entry-${entryCode(entryId).toLowerCase()}-1.0.0.ova`);
    expectBlind(disposition);
    expect(await object.text()).toBe('not really an ova');

    // Not assigned: the same route is a 404, for a judge of another entry and for the entrant.
    const stranger = await createTestUser({ roles: ['JUDGE'] });
    const denied = await call(downloadApi, `/api/v1/judging/entries/${entryId}/files/${fileId}/download`, { entryId, fileId }, { headers: await bearer(stranger.actor) });
    expect(denied.status).toBe(404);
    await expect(getJudgeDownloadUrl(dev.actor, entryId, fileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a judge tries an entry’s OVA in the browser: the session reads the anonymous copy and names nobody', async () => {
    const { judges, assignments, devs } = await judgingChallenge({ entries: 1, judges: 1, k: 1, bytes: true });
    const dev = devs[0];
    const entryId = assignments[0].entryId;
    const fileId = dev.file.id;
    const secrets = [dev.user.name, dev.user.email, dev.publisher.handle, dev.publisher.displayName];
    // A real OVA (boot sector in a streamOptimized VMDK) in place of the fixture's placeholder bytes.
    const kit = makeDemoAppliance({ name: 'Entry Kit', vendor: 'Entry Kit Vendor', version: '1.0.0', message: 'entry booted' });
    const { objectKey } = await db.applianceFile.findUniqueOrThrow({ where: { id: fileId }, select: { objectKey: true } });
    await putObject(objectKey, kit.ova.bytes, 'application/x-tar');
    await db.applianceFile.update({ where: { id: fileId }, data: { sizeBytes: BigInt(kit.ova.sizeBytes) } });

    const res = await call(judgeTryApi, `/api/v1/judging/entries/${entryId}/files/${fileId}/try`, { entryId, fileId }, { method: 'POST', headers: await bearer(judges[0].actor) });
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const s of secrets) expect(decodeURIComponent(text).toLowerCase(), `leaks ${s}`).not.toContain(s.toLowerCase());
    const session = JSON.parse(text) as { url: string; format: string; sizeBytes: number; medium: string };
    expect(session).toMatchObject({ format: 'OVA', medium: 'hda', sizeBytes: kit.ova.sizeBytes });
    expect(new URL(session.url).pathname).toContain(`/judging/${entryId}/`);

    // What the judge's browser then does: the disk inside the OVA, read by Range from that copy.
    const disk = await openBrowserDisk({ format: session.format, sizeBytes: session.sizeBytes, url: session.url });
    expect(disk.container).toBe('vmdk-stream');
    const mbr = await new Promise<Uint8Array>((resolve) => disk.v86.get(0, 512, resolve));
    expect(mbr).toEqual(kit.raw.bytes.slice(0, 512));

    // Anyone not assigned: not found.
    const stranger = await createTestUser({ roles: ['JUDGE'] });
    const denied = await call(judgeTryApi, `/api/v1/judging/entries/${entryId}/files/${fileId}/try`, { entryId, fileId }, { method: 'POST', headers: await bearer(stranger.actor) });
    expect(denied.status).toBe(404);
  });

  it('names the entrant when the challenge is not blind', async () => {
    const { judges, assignments, devs } = await judgingChallenge({ entries: 1, judges: 1, k: 1, blind: false });
    const view = await getJudgeEntry(judges[0].actor, assignments[0].entryId);
    expect(view?.entrant?.publisher.handle).toBe(devs[0].publisher.handle);
    expect(view?.files[0].downloadName).toBe(devs[0].file.fileName);
  });
});

