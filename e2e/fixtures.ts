import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** The mail sent to an address so far (the server's MAIL_OUTBOX_DIR), oldest first; waits for at least `count`. */
export async function mailTo(email: string, count = 1, dir = path.join(process.env.E2E_DATA_DIR!, 'outbox')): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect
    .poll(
      () => {
        const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
        found = names.map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as Mail).filter((m) => m.to === email);
        return found.length;
      },
      { message: `mail to ${email}`, timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The confirmation link of an account's sign-up mail (`outbox`: the server's MAIL_OUTBOX_DIR, when not the e2e one). */
export async function confirmationLink(email: string, outbox?: string): Promise<string> {
  const mails = await mailTo(email, 1, outbox);
  const link = mails.map((m) => /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(m.text)?.[0]).find(Boolean);
  expect(link, `confirmation link for ${email}`).toBeTruthy();
  return link!;
}

/** Creates a fresh account (API), confirms it from its mail, and leaves the context signed in as it. */
export async function apiSignUp(request: APIRequestContext, name = `E2E ${rid(2)}`, outbox?: string): Promise<Credentials> {
  const who = { name, email: `e2e-${rid()}@test.local`, password: `Pw-${rid(6)}-Aa1` };
  const res = await request.post('/api/auth/sign-up/email', { data: who });
  expect(res.status(), `sign up ${who.email}`).toBe(200);
  const confirmed = await request.get(await confirmationLink(who.email, outbox));
  expect(confirmed.ok(), `confirm ${who.email}`).toBe(true);
  return who;
}

/** Signs up in the browser and opens the confirmation link: signed in afterwards. */
export async function uiSignUp(page: Page, who: Required<Credentials>) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').getByText(`We sent a message to ${who.email}.`)).toBeVisible();
  await page.goto(await confirmationLink(who.email));
  await expect(page.getByTestId('account-name')).toHaveText(who.name);
}

export async function uiSignIn(page: Page, who: Credentials) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** A datetime-local value: the wall time of `date` in `timeZone`. */
export function wallTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export const test = base;
export { expect };
