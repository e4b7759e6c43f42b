// The account settings page's services against a real PostgreSQL and S3 and the real better-auth:
// name, e-mail (confirmed from the new address), password, other sessions, and deleting an
// account under its stated policy.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { getAuth } from '@/lib/server/auth/auth';
import { actorFromHeaders } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db';
import { headObject, putObject } from '@/lib/server/storage/s3';
import { findFile } from '@/lib/server/catalog/listing-access';
import { createTestAppliance, createTestPublisher, createTestUser, createTestVersion, TEST_PASSWORD, uid } from '@/lib/test-support/factories';
import { createTestFile } from '@/lib/server/catalog/__tests__/catalog-fixtures';
import { changeOwnName, changeOwnPassword, listOwnSessions, currentSessionId, requestEmailChange, signOutOtherSessions } from '@/lib/server/users/account-settings';
import { deleteOwnAccount, getAccountDeletionImpact } from '@/lib/server/users/delete-account';

const base = () => process.env.PUBLIC_URL!;
// Set before any module is imported: the settings are read once, when first needed.
const outbox = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { join }, { tmpdir }] = await Promise.all([import('node:fs'), import('node:path'), import('node:os')]);
  const dir = mkdtempSync(join(tmpdir(), 'apx-outbox-'));
  process.env.MAIL_OUTBOX_DIR = dir;
  return dir;
});

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function mailsTo(email: string): { to: string; subject: string; text: string }[] {
  return fs
    .readdirSync(outbox)
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(outbox, f), 'utf8')) as { to: string; subject: string; text: string })
    .filter((m) => m.to === email);
}

async function waitForMail(email: string, n = 1) {
  for (let i = 0; i < 100 && mailsTo(email).length < n; i++) await new Promise((r) => setTimeout(r, 50));
  return mailsTo(email);
}

/** Signs in through better-auth's HTTP handler; the headers of a browser holding that session. */
async function signIn(email: string, password = TEST_PASSWORD): Promise<Headers> {
  const res = await getAuth().handler(
    new Request(`${base()}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base(), 'x-forwarded-for': ip() },
      body: JSON.stringify({ email, password }),
    }),
  );
  expect(res.status, `sign in ${email}`).toBe(200);
  const cookie = /(?:__Secure-)?better-auth\.session_token=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return new Headers({ cookie, origin: base() });
}

const signInStatus = async (email: string, password: string) =>
  (
    await getAuth().handler(
      new Request(`${base()}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base(), 'x-forwarded-for': ip() },
        body: JSON.stringify({ email, password }),
      }),
    )
  ).status;

describe('name', () => {
  it('changes the caller’s own name and nobody else’s', async () => {
    const me = await createTestUser({ name: 'Old Name' });
    const other = await createTestUser({ name: 'Other Person' });
    const h = await signIn(me.email);
    await changeOwnName(me.actor, '  Ada Lovelace ', h);
    expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).name).toBe('Ada Lovelace');
    expect((await actorFromHeaders(h))?.name).toBe('Ada Lovelace');
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).name).toBe('Other Person');
  });

  it('refuses an empty or overlong name, and a caller without a session', async () => {
    const me = await createTestUser({ name: 'Kept' });
    const h = await signIn(me.email);
    await expect(changeOwnName(me.actor, '   ', h)).rejects.toMatchObject({ code: 'INVALID', fields: { name: 'Enter your name.' } });
    await expect(changeOwnName(me.actor, 'x'.repeat(101), h)).rejects.toMatchObject({ code: 'INVALID' });
    await expect(changeOwnName(me.actor, 'Sneaky', new Headers())).rejects.toThrow();
    expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).name).toBe('Kept');
  });
});

describe('e-mail address', () => {
  it('changes only once the link mailed to the new address is opened, and tells the old address', async () => {
    const me = await createTestUser();
    const h = await signIn(me.email);
    const newEmail = `moved-${uid()}@test.local`;
    await requestEmailChange(me.actor, { newEmail, password: TEST_PASSWORD }, h);
    expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).email).toBe(me.email);

    const [confirm] = await waitForMail(newEmail);
    expect(confirm.subject).toBe('Confirm your new e-mail address for Appliance Exchange');
    const [notice] = await waitForMail(me.email);
    expect(notice.subject).toMatch(/about to change/);
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toMatch(/verify-email/);

    const link = /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(confirm.text)![0];
    expect(new URL(link).searchParams.get('callbackURL')).toBe('/account?email=changed');
    const opened = await getAuth().handler(new Request(link, { headers: { cookie: h.get('cookie')!, 'x-forwarded-for': ip() } }));
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/account?email=changed');
    const after = await db.user.findUniqueOrThrow({ where: { id: me.id } });
    expect(after.email).toBe(newEmail);
    expect(after.emailVerified).toBe(true);
    expect(await signInStatus(newEmail, TEST_PASSWORD)).toBe(200);
    expect(await signInStatus(me.email, TEST_PASSWORD)).toBe(401);
  });

  it('needs the current password, refuses the same address, and does not tell whether another one is taken', async () => {
    const me = await createTestUser();
    const taken = await createTestUser();
    const h = await signIn(me.email);
    await expect(requestEmailChange(me.actor, { newEmail: `x-${uid()}@test.local`, password: 'not-my-password' }, h)).rejects.toMatchObject({ code: 'INVALID', fields: { password: 'That is not your current password.' } });
    await expect(requestEmailChange(me.actor, { newEmail: me.email, password: TEST_PASSWORD }, h)).rejects.toMatchObject({ code: 'INVALID' });
    // A taken address answers like a free one; its owner gets no link and the account stays.
    await expect(requestEmailChange(me.actor, { newEmail: taken.email, password: TEST_PASSWORD }, h)).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(taken.email)).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).email).toBe(me.email);
  });

  it('cannot be changed over better-auth’s own HTTP endpoint, which would skip the password', async () => {
    const me = await createTestUser();
    const h = await signIn(me.email);
    const res = await getAuth().handler(
      new Request(`${base()}/api/auth/change-email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base(), cookie: h.get('cookie')!, 'x-forwarded-for': ip() },
        body: JSON.stringify({ newEmail: `direct-${uid()}@test.local` }),
      }),
    );
    expect(res.status).toBe(404);
    // Deleting is ours too: better-auth's endpoint is off.
    const del = await getAuth().handler(
      new Request(`${base()}/api/auth/delete-user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base(), cookie: h.get('cookie')!, 'x-forwarded-for': ip() },
        body: JSON.stringify({ password: TEST_PASSWORD }),
      }),
    );
    expect(del.status).toBe(404);
    expect(await db.user.findUnique({ where: { id: me.id } })).toMatchObject({ email: me.email });
  });

  it('refuses a password check made with someone else’s session', async () => {
    const me = await createTestUser();
    const victim = await createTestUser();
    const h = await signIn(me.email);
    await expect(requestEmailChange(victim.actor, { newEmail: `steal-${uid()}@test.local`, password: TEST_PASSWORD }, h)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db.user.findUniqueOrThrow({ where: { id: victim.id } })).email).toBe(victim.email);
  });
});

describe('password and sessions', () => {
  it('changes the password and, when asked, ends every other session', async () => {
    const me = await createTestUser();
    const laptop = await signIn(me.email);
    const phone = await signIn(me.email);
    await expect(changeOwnPassword(me.actor, { currentPassword: 'wrong-one', newPassword: 'Brand-New-Secret-9', signOutOthers: true }, laptop)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await actorFromHeaders(phone)).not.toBeNull();

    await changeOwnPassword(me.actor, { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Secret-9', signOutOthers: true }, laptop);
    expect(await actorFromHeaders(phone)).toBeNull();
    expect((await actorFromHeaders(laptop))?.id).toBe(me.id);
    expect(await db.session.count({ where: { userId: me.id } })).toBe(1);
    expect(await signInStatus(me.email, TEST_PASSWORD)).toBe(401);
    expect(await signInStatus(me.email, 'Brand-New-Secret-9')).toBe(200);
  });

  it('keeps other sessions when not asked to end them', async () => {
    const me = await createTestUser();
    const laptop = await signIn(me.email);
    const phone = await signIn(me.email);
    await changeOwnPassword(me.actor, { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Secret-9', signOutOthers: false }, laptop);
    expect(await actorFromHeaders(phone)).not.toBeNull();
    expect(await actorFromHeaders(laptop)).not.toBeNull();
  });

  it('lists the caller’s sessions without tokens and signs out of the others, keeping this one', async () => {
    const me = await createTestUser();
    const stranger = await createTestUser();
    const strangerSession = await signIn(stranger.email);
    const laptop = await signIn(me.email);
    const phone = await signIn(me.email);
    const sessions = await listOwnSessions(me.actor, await currentSessionId(laptop));
    expect(sessions).toHaveLength(2);
    expect(sessions[0].current).toBe(true);
    expect(JSON.stringify(sessions)).not.toContain(laptop.get('cookie')!.split('=')[1].split('.')[0]);
    expect(await signOutOtherSessions(me.actor, laptop)).toBe(1);
    expect(await actorFromHeaders(phone)).toBeNull();
    expect((await actorFromHeaders(laptop))?.id).toBe(me.id);
    expect(await actorFromHeaders(strangerSession)).not.toBeNull();
  });
});

async function publisherWithListing() {
  const { publisher, owner } = await createTestPublisher();
  const appliance = await createTestAppliance(publisher.id, { status: 'PUBLISHED', publishedAt: new Date() });
  const version = await createTestVersion(appliance.id, '1.0.0', { status: 'RELEASED', releasedAt: new Date() });
  const file = await createTestFile(version.id);
  await putObject(file.objectKey, 'disk bytes', 'application/octet-stream');
  const shot = await db.screenshot.create({
    data: { applianceId: appliance.id, objectKey: `test/shots/${uid()}.png`, thumbKey: `test/shots/${uid()}-t.webp`, contentType: 'image/png', width: 1, height: 1, sizeBytes: 1 },
  });
  await putObject(shot.objectKey, 'png', 'image/png');
  await putObject(shot.thumbKey, 'webp', 'image/webp');
  return { publisher, owner, appliance, file, shot };
}

describe('deleting an account', () => {
  it('a user without listings: needs the password, then everything of theirs goes and ratings follow', async () => {
    const me = await createTestUser();
    const { appliance } = await publisherWithListing();
    await db.review.create({ data: { applianceId: appliance.id, userId: me.id, rating: 1 } });
    await db.appliance.update({ where: { id: appliance.id }, data: { ratingAvg: 1, ratingCount: 1 } });
    const h = await signIn(me.email);
    await expect(deleteOwnAccount(me.actor, { password: 'wrong', deleteListings: false }, h)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await db.user.findUnique({ where: { id: me.id } })).not.toBeNull();

    await expect(deleteOwnAccount(me.actor, { password: TEST_PASSWORD, deleteListings: false }, h)).resolves.toEqual({ listings: 0 });
    expect(await db.user.findUnique({ where: { id: me.id } })).toBeNull();
    expect(await db.session.count({ where: { userId: me.id } })).toBe(0);
    expect(await actorFromHeaders(h)).toBeNull();
    expect(await db.appliance.findUniqueOrThrow({ where: { id: appliance.id }, select: { ratingAvg: true, ratingCount: true } })).toEqual({ ratingAvg: 0, ratingCount: 0 });
    expect(await db.auditLog.count({ where: { action: 'user.delete_self', targetId: me.id } })).toBe(1);
    expect((await waitForMail(me.email)).map((m) => m.subject)).toContain('Your Appliance Exchange account was deleted');
  });

  it('a publisher is refused until they choose to delete their listings, then nothing of them stays downloadable', async () => {
    const { owner, appliance, file, shot } = await publisherWithListing();
    const impact = await getAccountDeletionImpact(owner);
    expect(impact.listings).toEqual([{ name: appliance.name, slug: appliance.slug, status: 'PUBLISHED', files: 1 }]);
    expect(impact.blockers).toEqual([]);
    const h = await signIn(owner.email);

    await expect(deleteOwnAccount(owner, { password: TEST_PASSWORD, deleteListings: false }, h)).rejects.toMatchObject({ code: 'INVALID', fields: { deleteListings: expect.stringContaining('your listing') } });
    expect(await db.appliance.findUnique({ where: { id: appliance.id } })).not.toBeNull();
    expect(await headObject(file.objectKey)).not.toBeNull();

    await expect(deleteOwnAccount(owner, { password: TEST_PASSWORD, deleteListings: true }, h)).resolves.toEqual({ listings: 1 });
    expect(await db.appliance.findUnique({ where: { id: appliance.id } })).toBeNull();
    expect(await db.applianceFile.findUnique({ where: { id: file.id } })).toBeNull();
    expect(await findFile(null, file.id)).toBeNull();
    for (const key of [file.objectKey, shot.objectKey, shot.thumbKey]) expect(await headObject(key), key).toBeNull();
  });

  it('is refused while an entry is in the running or judged, while judging, and for the only admin', async () => {
    const now = Date.now();
    const challenge = (state: 'OPEN' | 'JUDGING' | 'RESULTS') =>
      db.challenge.create({
        data: { slug: `ch-${uid()}`, title: `Challenge ${uid(2)}`, state, submissionsOpenAt: new Date(now - 864e5 * 10), submissionsCloseAt: new Date(now + 864e5), judgingCloseAt: new Date(now + 864e5 * 10), assignmentSeed: uid() },
      });
    const enter = async (state: 'OPEN' | 'JUDGING' | 'RESULTS') => {
      const { owner, appliance } = await publisherWithListing();
      const ch = await challenge(state);
      const cat = await db.challengeCategory.create({ data: { challengeId: ch.id, slug: 'main', name: 'Main' } });
      const version = await db.applianceVersion.findFirstOrThrow({ where: { applianceId: appliance.id } });
      const entry = await db.entry.create({ data: { challengeId: ch.id, categoryId: cat.id, applianceId: appliance.id, versionId: version.id, entrantId: owner.id } });
      return { owner, ch, entry };
    };

    const open = await enter('OPEN');
    expect((await getAccountDeletionImpact(open.owner)).blockers).toEqual([expect.stringContaining('withdraw the entry')]);
    await expect(deleteOwnAccount(open.owner, { password: TEST_PASSWORD, deleteListings: true }, await signIn(open.owner.email))).rejects.toMatchObject({ code: 'CONFLICT' });
    await db.entry.update({ where: { id: open.entry.id }, data: { status: 'WITHDRAWN', withdrawnAt: new Date() } });
    expect((await getAccountDeletionImpact(open.owner)).blockers).toEqual([]);

    const judged = await enter('RESULTS');
    expect((await getAccountDeletionImpact(judged.owner)).blockers).toEqual([expect.stringContaining('stay as judged')]);

    const judge = await createTestUser({ roles: ['JUDGE'] });
    await db.assignment.create({ data: { challengeId: judged.ch.id, entryId: judged.entry.id, judgeId: judge.id } });
    expect((await getAccountDeletionImpact(judge.actor)).blockers).toEqual([]); // nothing submitted for published results
    const judging = await enter('JUDGING');
    await db.assignment.create({ data: { challengeId: judging.ch.id, entryId: judging.entry.id, judgeId: judge.id } });
    expect((await getAccountDeletionImpact(judge.actor)).blockers).toEqual([expect.stringContaining('being judged')]);
    await expect(deleteOwnAccount(judge.actor, { password: TEST_PASSWORD, deleteListings: false }, await signIn(judge.email))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.user.findUnique({ where: { id: judge.id } })).not.toBeNull();

    // The only admin: simulated by asking about the admins there are (other tests create admins too).
    const admin = await createTestUser({ roles: ['ADMIN'] });
    const otherAdmins = await db.user.count({ where: { roles: { has: 'ADMIN' }, id: { not: admin.id } } });
    const blockers = (await getAccountDeletionImpact(admin.actor)).blockers;
    expect(blockers.some((b) => b.includes('only administrator'))).toBe(otherAdmins === 0);
    await createTestUser({ roles: ['ADMIN'] });
    expect((await getAccountDeletionImpact(admin.actor)).blockers).toEqual([]);
  });
});
