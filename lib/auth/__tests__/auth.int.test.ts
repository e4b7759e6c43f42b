import { describe, expect, it } from 'vitest';
import { getAuth } from '@/lib/auth/auth';
import { actorFromHeaders } from '@/lib/auth/session';
import { consumeRateLimit } from '@/lib/rate-limit';
import { db } from '@/lib/db';
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

describe('accounts with better-auth', () => {
  it('signs up, gets an httpOnly session cookie, and is a plain USER', async () => {
    const email = `new-${uid()}@test.local`;
    const res = await post('/sign-up/email', { name: 'New Person', email, password: 'Lovely-Spring-2026' }, ip());
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http in tests; https turns Secure on
    const session = cookie.split(';')[0];
    const actor = await actorFromHeaders(new Headers({ cookie: session }));
    expect(actor?.email).toBe(email);
    expect(actor?.roles).toEqual(['USER']);
    const row = await db.session.findFirst({ where: { user: { email } } });
    expect(row).not.toBeNull();
  });

  it('refuses a role smuggled into the sign-up body', async () => {
    const email = `sneaky-${uid()}@test.local`;
    const res = await post('/sign-up/email', { name: 'Sneaky', email, password: 'Lovely-Spring-2026', roles: ['ADMIN'] }, ip());
    const user = await db.user.findUnique({ where: { email } });
    // Either the request is refused or the field is ignored: never an admin.
    if (res.status === 200) expect(user?.roles).toEqual(['USER']);
    else expect(user).toBeNull();
  });

  it('rejects a taken e-mail and a wrong password', async () => {
    const email = `dup-${uid()}@test.local`;
    expect((await post('/sign-up/email', { name: 'A', email, password: 'Lovely-Spring-2026' }, ip())).status).toBe(200);
    const again = await post('/sign-up/email', { name: 'B', email, password: 'Lovely-Spring-2026' }, ip());
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    const wrong = await post('/sign-in/email', { email, password: 'not-the-password' }, ip());
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
