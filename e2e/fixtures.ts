import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

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

/** The WCAG rule sets every page must pass, at any impact. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's violations on the page as it is now, one line each (rule, impact, where); empty when none.
 * The same rules on the same page as AxeBuilder's default, about three times faster: legacy mode
 * runs axe in the page itself instead of opening a blank page to merge each frame's results (the
 * site embeds no frames of other origins, the one thing that mode leaves out), and only
 * violations are listed in full (passes and the rest are reported by one node each). It is also
 * stricter here: it reported landmarks sharing a role and name (two unnamed search forms, the API
 * reference's "Fields" tables) that the default run let through.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  return results.violations.map((v) => {
    const where = v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1, 2).join('').trim()}]` : ''}`);
    const more = v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : '';
    return `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${where.join('; ')}${more}`;
  });
}

const isHtmlPage = (page: Page) =>
  /^https?:/.test(page.url()) && page.evaluate(() => document.contentType === 'text/html').catch(() => false);

/** A navigation or a closed page while axe ran: the page is gone, not inaccessible. */
const pageWentAway = (e: unknown) => /Execution context was destroyed|Target page, context or browser has been closed|navigat|frame was detached/i.test(String(e));

/**
 * Runs axe on every page a test opens, whatever context it is in: after each `goto` and `reload`
 * that loads an HTML page, before a context the test made is closed, and at the end of the test
 * on each page still open. Any violation of any impact fails the test, with every page's list.
 */
function axeOnEveryPage(browser: Browser, context: BrowserContext) {
  const failures: string[] = [];
  const contexts = new Set<BrowserContext>();
  const ownWithoutJs = new WeakSet<BrowserContext>();
  const audit = async (page: Page, when: string) => {
    if (page.isClosed() || !(await isHtmlPage(page))) return;
    let found: string[];
    try {
      found = await axeViolations(page);
    } catch (e) {
      if (pageWentAway(e)) return;
      throw e;
    }
    if (found.length) failures.push(`${page.url()} (${when}):\n    ${found.join('\n    ')}`);
  };
  const watchPage = (page: Page) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (response && /text\/html/.test(response.headers()['content-type'] ?? '')) await audit(page, `after goto ${url}`);
      return response;
    };
    page.reload = async (options) => {
      const response = await reload(options);
      if (response) await audit(page, 'after reload');
      return response;
    };
  };
  const watchContext = (ctx: BrowserContext, own: boolean) => {
    // axe runs as a script in the page: a context without JavaScript is a test of the page without it.
    if (own && ownWithoutJs.has(ctx)) return;
    contexts.add(ctx);
    ctx.pages().forEach(watchPage);
    ctx.on('page', watchPage);
    if (!own) return;
    const close = ctx.close.bind(ctx);
    ctx.close = async (options) => {
      for (const p of ctx.pages()) await audit(p, 'before its context closed');
      contexts.delete(ctx);
      return close(options);
    };
  };
  watchContext(context, false);
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    if (options?.javaScriptEnabled === false) ownWithoutJs.add(ctx);
    watchContext(ctx, true);
    return ctx;
  };
  browser.newPage = async (options) => {
    const page = await newPage(options);
    if (options?.javaScriptEnabled === false) ownWithoutJs.add(page.context());
    watchContext(page.context(), true);
    return page;
  };
  return {
    failures,
    async finish(testPassed: boolean) {
      browser.newContext = newContext;
      browser.newPage = newPage;
      if (!testPassed) return;
      for (const ctx of contexts) for (const p of ctx.pages()) await audit(p, 'at the end of the test');
    },
  };
}

export const test = base.extend<{ auditEveryPage: boolean; axeOnEveryPage: void }>({
  /** `test.use({ auditEveryPage: false })` in a spec that runs axe itself, on purpose. */
  auditEveryPage: [true, { option: true }],
  axeOnEveryPage: [
    async ({ browser, context, auditEveryPage, javaScriptEnabled }, use, testInfo) => {
      if (!auditEveryPage || javaScriptEnabled === false) return use();
      const watcher = axeOnEveryPage(browser, context);
      await use();
      await watcher.finish(testInfo.status === testInfo.expectedStatus);
      expect(watcher.failures, 'axe found accessibility violations on pages this test visited').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
