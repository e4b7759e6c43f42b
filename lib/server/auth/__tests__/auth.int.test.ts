import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { getAuth } from '@/lib/server/auth/auth';
import { actorFromHeaders } from '@/lib/server/auth/session';
import { consumeRateLimit } from '@/lib/server/rate-limit';
import { db } from '@/lib/server/db';
import { uid } from '@/lib/test-support/factories';

const base = () => process.env.PUBLIC_URL!;

function post(path: string, body: unknown, ip: string, cookie?: string) {
  return getAuth().handler(
    new Request(`${base()}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base(), 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

// Set before any module is imported: the settings are read once, when first needed.
const outbox = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { join }, { tmpdir }] = await Promise.all([import('node:fs'), import('node:path'), import('node:os')]);
  const dir = mkdtempSync(join(tmpdir(), 'apx-outbox-'));
  process.env.MAIL_OUTBOX_DIR = dir;
  return dir;
});

/** The messages sent to an address so far (MAIL_OUTBOX_DIR), oldest first. */
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

function get(url: string) {
  return getAuth().handler(new Request(url, { headers: { 'x-forwarded-for': ip() } }));
}

describe('accounts with better-auth', () => {
  it('signs up without a session, mails a link that confirms the address and signs in as a plain USER with an httpOnly cookie', async () => {
    const email = `new-${uid()}@test.local`;
    const res = await post('/sign-up/email', { name: 'New Person', email, password: 'Lovely-Spring-2026', callbackURL: '/account' }, ip());
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/session_token=[^;]/);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(false);
    // Not usable before confirming: sign-in is refused and sends the link again.
    expect((await post('/sign-in/email', { email, password: 'Lovely-Spring-2026' }, ip())).status).toBe(403);

    const [mail] = await waitForMail(email);
    expect(mail.subject).toMatch(/Confirm/);
    const link = /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const verified = await get(link!);
    expect(verified.status).toBe(302);
    expect(verified.headers.get('location')).toMatch(/^\/account/);
    const cookie = verified.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http in tests; https turns Secure on
    const session = /(?:__Secure-)?better-auth\.session_token=[^;]+/.exec(cookie)![0];
    const actor = await actorFromHeaders(new Headers({ cookie: session }));
    expect(actor?.email).toBe(email);
    expect(actor?.roles).toEqual(['USER']);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(true);
    expect((await post('/sign-in/email', { email, password: 'Lovely-Spring-2026' }, ip())).status).toBe(200);
  });

  it('refuses a role smuggled into the sign-up body', async () => {
    const email = `sneaky-${uid()}@test.local`;
    const res = await post('/sign-up/email', { name: 'Sneaky', email, password: 'Lovely-Spring-2026', roles: ['ADMIN'] }, ip());
    const user = await db.user.findUnique({ where: { email } });
    // Either the request is refused or the field is ignored: never an admin.
    if (res.status === 200) expect(user?.roles).toEqual(['USER']);
    else expect(user).toBeNull();
  });

  it('answers a sign-up with a taken e-mail exactly like a new one, changes nothing, and tells the owner by mail', async () => {
    const taken = `dup-${uid()}@test.local`;
    await post('/sign-up/email', { name: 'A', email: taken, password: 'Lovely-Spring-2026' }, ip());
    const before = await db.user.findUniqueOrThrow({ where: { email: taken }, include: { accounts: true } });
    const fresh = `fresh-${uid()}@test.local`;
    const [again, other] = await Promise.all([
      post('/sign-up/email', { name: 'B', email: taken, password: 'Other-Spring-2027' }, ip()),
      post('/sign-up/email', { name: 'B', email: fresh, password: 'Other-Spring-2027' }, ip()),
    ]);
    expect(again.status).toBe(other.status);
    const shape = (body: { token: unknown; user: Record<string, unknown> }) => ({ token: body.token, keys: Object.keys(body.user).sort(), name: body.user.name, emailVerified: body.user.emailVerified });
    expect(shape(await again.json())).toEqual(shape(await other.json()));
    expect(again.headers.get('set-cookie') ?? '').not.toMatch(/session_token=[^;]/);
    // The account is untouched: same name, same password.
    const after = await db.user.findUniqueOrThrow({ where: { email: taken }, include: { accounts: true } });
    expect(after.name).toBe('A');
    expect(after.accounts.map((a) => a.password)).toEqual(before.accounts.map((a) => a.password));
    const mails = await waitForMail(taken, 2);
    expect(mails.map((m) => m.subject)).toEqual(['Confirm your Appliance Exchange account', 'Someone tried to sign up with your e-mail address']);
    expect(mails[1].text).not.toMatch(/verify-email/);
    const wrong = await post('/sign-in/email', { email: taken, password: 'not-the-password' }, ip());
    expect(wrong.status).toBe(401);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const addr = ip();
    const email = `victim-${uid()}@test.local`;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await post('/sign-in/email', { email, password: `guess-${i}` }, addr)).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    // Another address is not affected.
    expect((await post('/sign-in/email', { email, password: 'guess' }, ip())).status).toBe(401);
  });
});

describe('consumeRateLimit', () => {
  it('lets exactly max requests through, even when they arrive at once', async () => {
    const key = `test:${uid()}`;
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(key, { window: 60, max: 7 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(results.find((r) => !r.allowed)?.retryAfter).toBeGreaterThan(0);
  });
});
