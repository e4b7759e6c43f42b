import { test, expect, DEMO, apiSignIn, apiSignUp, confirmationLink, mailTo, rid, uiSignIn, uiSignUp } from './fixtures';

test.describe('accounts', () => {
  test('sign up, sign out and sign in again in the browser', async ({ page }) => {
    const email = `ui-${rid()}@test.local`;
    const password = `Sturdy-${rid(3)}-Pass9`;
    await uiSignUp(page, { name: 'Una Interface', email, password });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Please sign in' })).toBeVisible();

    await uiSignIn(page, { email, password });
    await page.goto('/account');
    await expect(page.getByText(email)).toBeVisible();
  });

  test('sign-up shows form errors for a weak password, and answers a taken e-mail like a new one', async ({ page }) => {
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Weak');
    await page.getByLabel('E-mail').fill(`weak-${rid()}@test.local`);
    await page.getByLabel('Password').fill('password1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText(/Use at least 10 characters|too common/)).toBeVisible();

    await page.getByLabel('E-mail').fill(DEMO.user.email);
    await page.getByLabel('Password').fill(`Fine-${rid(3)}-Pass9`);
    await page.getByRole('button', { name: 'Create account' }).click();
    const answer = page.getByTestId('sign-up-sent');
    await expect(answer).toBeVisible();
    const takenAnswer = (await answer.innerText()).replace(DEMO.user.email, '<e-mail>');
    // The owner hears about it by mail; the page says nothing an attacker could tell apart.
    expect((await mailTo(DEMO.user.email)).map((m) => m.subject)).toContain('Someone tried to sign up with your e-mail address');

    const fresh = `fresh-${rid()}@test.local`;
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Weak');
    await page.getByLabel('E-mail').fill(fresh);
    await page.getByLabel('Password').fill(`Fine-${rid(3)}-Pass9`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(answer).toBeVisible();
    expect((await answer.innerText()).replace(fresh, '<e-mail>')).toBe(takenAnswer);
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('a new account cannot sign in before it is confirmed from its e-mail, and the refusal reads like a wrong password', async ({ page }) => {
    const who = { name: 'Unconfirmed', email: `unconfirmed-${rid()}@test.local`, password: `Sturdy-${rid(3)}-Pass9` };
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(who.name);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByTestId('sign-up-sent')).toBeVisible();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(/^That e-mail and password do not match a confirmed account\./);
    await page.goto(await confirmationLink(who.email));
    await expect(page.getByTestId('account-name')).toHaveText(who.name);
  });

  test('a wrong password is refused with a message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(DEMO.user.email);
    await page.getByLabel('Password').fill('definitely-wrong-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(/^That e-mail and password do not match a confirmed account\./);
  });
});

test.describe('roles', () => {
  test('navigation shows what each role allows', async ({ browser }) => {
    const expectations: [keyof typeof DEMO | null, string[], string[]][] = [
      [null, ['Browse', 'Challenges'], ['Publish', 'Judge', 'Admin']],
      ['user', ['Browse', 'Challenges', 'Publish'], ['Judge', 'Admin']],
      ['judge', ['Browse', 'Challenges', 'Publish', 'Judge'], ['Admin']],
      ['admin', ['Browse', 'Challenges', 'Publish', 'Admin'], []],
    ];
    for (const [who, visible, hidden] of expectations) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (who) await apiSignIn(page.request, DEMO[who]);
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main', exact: true });
      for (const label of visible) await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
      for (const label of hidden) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
      await context.close();
    }
  });

  test('an admin grants JUDGE in the browser and the user then sees Judge', async ({ browser }) => {
    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    const who = await apiSignUp(userPage.request);

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await apiSignIn(admin.request, DEMO.admin);
    await admin.goto(`/admin/users?q=${encodeURIComponent(who.email)}`);
    const row = admin.getByTestId(`user-row-${who.email}`);
    await row.getByRole('button', { name: `Grant judge for ${who.email}` }).click();
    await expect(row.getByRole('button', { name: `Remove judge for ${who.email}` })).toBeVisible();
    await expect(row.getByText('judge', { exact: true })).toBeVisible();

    await userPage.goto('/');
    await expect(userPage.getByRole('navigation', { name: 'Main', exact: true }).getByRole('link', { name: 'Judge' })).toBeVisible();
    await userPage.goto('/judge');
    await expect(userPage.getByRole('heading', { name: 'Judging' })).toBeVisible();
    await userContext.close();
    await adminContext.close();
  });

  test('a non-admin is refused the admin page and its actions', async ({ browser }) => {
    const target = await (async () => {
      const c = await browser.newContext();
      const p = await c.newPage();
      const who = await apiSignUp(p.request);
      await c.close();
      return who;
    })();

    // The admin's own form, captured as it is rendered, replayed by someone who is not an admin.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await apiSignIn(admin.request, DEMO.admin);
    await admin.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
    const form = admin.getByTestId(`user-row-${target.email}`).locator('form').filter({ has: admin.getByRole('button', { name: /Grant admin/ }) });
    const fields = await form.evaluate((f: HTMLFormElement) => [...new FormData(f).entries()].map(([k, v]) => [k, String(v)] as [string, string]));
    expect(fields.some(([k]) => k.startsWith('$ACTION'))).toBe(true);

    const userContext = await browser.newContext();
    const user = await userContext.newPage();
    await apiSignIn(user.request, DEMO.user);
    const res = await user.goto('/admin');
    expect(res?.status()).toBe(403);
    await expect(user.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    expect((await user.goto('/admin/users'))?.status()).toBe(403);

    const replay = await user.request.post(`/admin/users?q=${encodeURIComponent(target.email)}`, { multipart: Object.fromEntries(fields) });
    expect(replay.status()).toBeLessThan(500);

    // Nothing changed: the target is still a plain user.
    await admin.reload();
    const row = admin.getByTestId(`user-row-${target.email}`);
    await expect(row.getByRole('button', { name: `Grant admin for ${target.email}` })).toBeVisible();
    await expect(row.getByText('admin', { exact: true })).toHaveCount(0);

    // Anonymous callers get the sign-in page's status.
    const anon = await browser.newContext();
    expect((await (await anon.newPage()).goto('/admin'))?.status()).toBe(401);
    await anon.close();
    await adminContext.close();
    await userContext.close();
  });
});

test('the health endpoint reports both stores', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database.ok).toBe(true);
  expect(body.objectStore.ok).toBe(true);
});

test('the home page lists the seeded catalog', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Virtual appliances that just run.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Most downloaded' })).toBeVisible();
  expect(await page.locator('article').count()).toBeGreaterThanOrEqual(6);
  await page.getByRole('link', { name: 'Nginx Web Server' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nginx Web Server' })).toBeVisible();
});
