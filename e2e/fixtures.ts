import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = process.env.E2E_DEMO_PASSWORD ?? 'Demo-Password-2026';
export const DEMO = {
  admin: { email: 'admin@demo.local', password: DEMO_PASSWORD },
  developer: { email: 'dev@demo.local', password: DEMO_PASSWORD },
  judge: { email: 'judge@demo.local', password: DEMO_PASSWORD },
  user: { email: 'user@demo.local', password: DEMO_PASSWORD },
};

export const rid = (n = 4) => randomBytes(n).toString('hex');

export interface Credentials {
  email: string;
  password: string;
  name?: string;
}

/** Signs in through better-auth's HTTP endpoint; the context's cookies then carry the session. */
export async function apiSignIn(request: APIRequestContext, who: Credentials) {
  const res = await request.post('/api/auth/sign-in/email', { data: { email: who.email, password: who.password } });
  expect(res.status(), `sign in as ${who.email}`).toBe(200);
}

/** Creates a fresh account (API) and leaves the context signed in as it. */
export async function apiSignUp(request: APIRequestContext, name = `E2E ${rid(2)}`): Promise<Credentials> {
  const who = { name, email: `e2e-${rid()}@test.local`, password: `Pw-${rid(6)}-Aa1` };
  const res = await request.post('/api/auth/sign-up/email', { data: who });
  expect(res.status(), `sign up ${who.email}`).toBe(200);
  return who;
}

export async function uiSignIn(page: Page, who: Credentials) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export const test = base;
export { expect };
