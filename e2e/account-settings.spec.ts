// Account basics and the appliance page's clarity (issue 14, items 6 and 7), in the browser:
// the settings page's flows (name, e-mail confirmed from the new address, password ending other
// sessions, signing out elsewhere, deleting the account), sign-in links that come back to the
// page, and a new publisher's listing with a license, credentials and ports, then deleted with
// the account.
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { makeDemoAppliance } from '../lib/core/appliance-kit';
import { test, expect, DEMO, apiSignIn, apiSignUp, confirmationLink, mailTo, rid } from './fixtures';

type ApiResponse = Awaited<ReturnType<APIRequestContext['post']>>;

async function ok(res: ApiResponse, what: string): Promise<ApiResponse> {
  expect(res.status(), `${what}: ${await res.text()}`).toBeLessThan(300);
  return res;
}
const json = async <T,>(res: ApiResponse, what: string) => (await (await ok(res, what)).json()) as T;

/** A new developer with a published OVA listing (publishing API, worker verification, admin approval). */
async function publishedListing(browser: Browser, page: Page, license: string) {
  const who = await apiSignUp(page.request, `Maker ${rid(2)}`);
  const handle = `maker-${rid(3)}`;
  await page.goto('/publish');
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(`Maker Works ${handle}`);
  await page.getByRole('button', { name: 'Create publisher profile' }).click();
  await expect(page.getByRole('heading', { name: `Maker Works ${handle}` })).toBeVisible();
  const slug = 'clear-box';
  const listing = await json<{ id: string }>(await page.request.post('/api/v1/publish/appliances', { data: { slug, name: 'Clear Box', summary: 'Boots and prints a line.', license } }), 'create listing');
  const version = await json<{ id: string }>(await page.request.post(`/api/v1/publish/appliances/${listing.id}/versions`, { data: { version: '1.0.0' } }), 'create version');
  const kit = makeDemoAppliance({ name: 'Clear Box', vendor: 'Maker Works', version: '1.0.0', message: 'clear box booted' });
  const bytes = Buffer.from(kit.ova.bytes);
  const upload = await json<{ uploadId: string; partSize: number }>(
    await page.request.post('/api/v1/uploads', { data: { versionId: version.id, format: 'OVA', architecture: 'AMD64', fileName: 'clear-box-1.0.0.ova', size: bytes.length } }),
    'create upload',
  );
  const parts: { PartNumber: number; ETag: string }[] = [];
  for (let n = 1, offset = 0; offset < bytes.length; n++, offset += upload.partSize) {
    const { url } = await json<{ url: string }>(await page.request.post(`/api/v1/uploads/${upload.uploadId}/parts/${n}`), 'sign part');
    const put = await ok(await page.request.put(url, { data: bytes.subarray(offset, offset + upload.partSize) }), 'upload part');
    parts.push({ PartNumber: n, ETag: put.headers()['etag'] });
  }
  await ok(await page.request.post(`/api/v1/uploads/${upload.uploadId}/complete`, { data: { parts, sha256: kit.ova.sha256 } }), 'complete upload');
  await expect.poll(async () => (await page.request.post(`/api/v1/publish/versions/${version.id}/release`)).status(), { timeout: 60_000, intervals: [500, 1000, 2000] }).toBe(200);
  await ok(await page.request.post(`/api/v1/publish/appliances/${listing.id}/submit`), 'submit');
  const admin = await browser.newContext();
  await apiSignIn(admin.request, DEMO.admin);
  await ok(await admin.request.post(`/api/v1/moderation/appliances/${listing.id}`, { data: { decision: 'approve' } }), 'approve');
  await admin.close();
  return { who, handle, slug, listingId: listing.id };
}

test.describe('account settings', () => {
  test('change name, e-mail (from the link), password ending other sessions, sign out elsewhere, then delete the account', async ({ page, browser }) => {
    const who = await apiSignUp(page.request, `Settings ${rid(2)}`);
    const elsewhere = await browser.newContext();
    await apiSignIn(elsewhere.request, who);

    await page.goto('/account');
    const nameForm = page.getByRole('form', { name: 'Name' });
    await nameForm.getByLabel('Name').fill('Grace Hopper');
    await nameForm.getByRole('button', { name: 'Save name' }).click();
    await expect(nameForm.getByRole('status')).toHaveText('Your name is saved.');
    await expect(page.getByTestId('account-name')).toHaveText('Grace Hopper');

    // E-mail: nothing changes until the link sent to the new address is opened.
    const newEmail = `moved-${rid()}@test.local`;
    const emailForm = page.getByRole('form', { name: 'E-mail address' });
    await emailForm.getByLabel('New e-mail').fill(newEmail);
    await emailForm.getByLabel('Current password').fill('not-my-password');
    await emailForm.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect(emailForm.getByText('That is not your current password.').first()).toBeVisible();
    await emailForm.getByLabel('Current password').fill(who.password);
    await emailForm.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect(emailForm.getByRole('status')).toContainText(`We sent a link to ${newEmail}`);
    const [notice] = await mailTo(who.email, 2).then((m) => m.filter((x) => /about to change/.test(x.subject)));
    expect(notice.text).toContain(newEmail);
    const [confirm] = await mailTo(newEmail);
    await page.goto(/https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(confirm.text)![0]);
    await expect(page).toHaveURL(/\/account\?email=changed$/);
    await expect(page.getByRole('status').first()).toHaveText(`Your e-mail address is now ${newEmail}.`);
    who.email = newEmail;

    // Password, signing out of every other session.
    await expect(page.getByRole('list', { name: 'Sessions' }).getByRole('listitem')).toHaveCount(2);
    const passwordForm = page.getByRole('form', { name: 'Password' });
    await passwordForm.getByLabel('Current password').fill(who.password);
    const newPassword = `Pw-${rid(6)}-Bb2`;
    await passwordForm.getByLabel('New password').fill(newPassword);
    await expect(passwordForm.getByLabel(/Sign out of every other session/)).toBeChecked();
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await expect(passwordForm.getByRole('status')).toHaveText('Password changed. Every other session is signed out.');
    expect((await (await elsewhere.request.get('/api/auth/get-session')).json())).toBeNull();
    await page.reload();
    await expect(page.getByTestId('account-name')).toHaveText('Grace Hopper');
    who.password = newPassword;

    // Another session, then "Sign out of other sessions".
    await apiSignIn(elsewhere.request, who);
    await page.reload();
    await expect(page.getByRole('list', { name: 'Sessions' }).getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: 'Sign out of other sessions' }).click();
    await expect(page.getByText('Signed out of 1 other session.')).toBeVisible();
    expect((await (await elsewhere.request.get('/api/auth/get-session')).json())).toBeNull();
    await elsewhere.close();

    // Delete: the words and the password are both asked for.
    const del = page.getByRole('form', { name: 'Delete account' });
    await expect(page.getByTestId('delete-account')).toContainText('You publish no listings');
    await del.getByLabel('Your password').fill(who.password);
    await del.getByLabel('Type “delete my account”').fill('delete it');
    await del.getByRole('button', { name: 'Delete my account' }).click();
    await expect(del.getByText('Type “delete my account” to confirm.').first()).toBeVisible();
    await del.getByLabel('Your password').fill(who.password);
    await del.getByLabel('Type “delete my account”').fill('delete my account');
    await del.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByRole('heading', { name: 'Your account is deleted' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect((await page.request.post('/api/auth/sign-in/email', { data: { email: who.email, password: who.password } })).status()).toBe(401);
  });

  test('sign-in links bring the person back to the page; a hostile ?next= lands on the home page', async ({ page, baseURL }) => {
    const who = await apiSignUp(page.request, `Next ${rid(2)}`);
    await page.context().clearCookies();
    await page.goto('/appliances/demo-labs/alpine-minimal');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${baseURL}/sign-in?next=${encodeURIComponent('/appliances/demo-labs/alpine-minimal')}`);
    await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', `/sign-up?next=${encodeURIComponent('/appliances/demo-labs/alpine-minimal')}`);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${baseURL}/appliances/demo-labs/alpine-minimal`);

    await page.context().clearCookies();
    await page.goto('/account');
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in?next=%2Faccount');

    // Sign-up keeps it too: the confirmation link leads back to the page.
    await page.context().clearCookies();
    await page.goto(`/sign-up?next=${encodeURIComponent('/browse?q=alpine')}`);
    await expect(page.getByRole('link', { name: 'Sign in' }).last()).toHaveAttribute('href', `/sign-in?next=${encodeURIComponent('/browse?q=alpine')}`);
    const fresh = { name: `Fresh ${rid(2)}`, email: `fresh-${rid()}@test.local`, password: `Pw-${rid(6)}-Cc3` };
    await page.getByLabel('Name').fill(fresh.name);
    await page.getByLabel('E-mail').fill(fresh.email);
    await page.getByLabel('Password').fill(fresh.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByTestId('sign-up-sent')).toBeVisible();
    await page.goto(await confirmationLink(fresh.email));
    await expect(page).toHaveURL(`${baseURL}/browse?q=alpine`);
    await expect(page.getByTestId('account-name')).toHaveText(fresh.name);

    for (const hostile of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/%09/evil.example']) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${encodeURIComponent(hostile)}`);
      await page.getByLabel('E-mail').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      expect(new URL(page.url()).origin, hostile).toBe(baseURL);
      // `/%09/evil.example` is a local path with an encoded tab: it stays on this site.
      if (hostile !== '/%09/evil.example') expect(page.url(), hostile).toBe(`${baseURL}/`);
    }
  });
});

test.describe('appliance page clarity', () => {
  test.describe.configure({ timeout: 180_000 });

  test('license, last update, credentials and ports from the listing form, one Download, no n/a tabs, Vagrant 404; deleted with its publisher', async ({ page, browser }) => {
    const { who, handle, slug, listingId } = await publishedListing(browser, page, 'GPL-2.0-or-later OR MIT');

    // The publisher fills in access details; the form validates.
    await page.goto(`/publish/appliances/${listingId}#access`);
    const form = page.getByRole('form', { name: 'Access details' });
    await form.getByRole('button', { name: 'Add credentials' }).click();
    await form.getByLabel('Where').fill('SSH');
    await form.getByLabel('User name').fill('root');
    await form.getByLabel('Password').fill('changeme');
    await form.getByRole('button', { name: 'Add a port' }).click();
    await form.getByLabel('Port', { exact: true }).fill('70000');
    await form.getByLabel('Service').fill('SSH');
    await form.getByRole('button', { name: 'Save access details' }).click();
    await expect(form.getByText('Ports go from 1 to 65535.')).toBeVisible();
    await form.getByLabel('Port', { exact: true }).fill('22');
    await form.getByRole('button', { name: 'Add a port' }).click();
    await form.getByRole('listitem', { name: 'Port 2' }).getByLabel('Port', { exact: true }).fill('443');
    await form.getByRole('listitem', { name: 'Port 2' }).getByLabel('Service').fill('Web UI (HTTPS)');
    await form.getByRole('button', { name: 'Save access details' }).click();
    await expect(form.getByRole('status')).toHaveText('Access details saved.');
    const listing = await json<{ defaultCredentials: unknown; ports: unknown }>(await page.request.get(`/api/v1/publish/appliances/${listingId}`), 'listing');
    expect(listing.defaultCredentials).toEqual([{ service: 'SSH', username: 'root', password: 'changeme', note: '' }]);
    expect(listing.ports).toEqual([{ port: 22, protocol: 'tcp', service: 'SSH' }, { port: 443, protocol: 'tcp', service: 'Web UI (HTTPS)' }]);
    // The API validates the same way.
    expect((await page.request.patch(`/api/v1/publish/appliances/${listingId}`, { data: { ports: [{ port: 0, protocol: 'sctp', service: '' }] } })).status()).toBe(422);

    // What a visitor sees.
    const visitor = await browser.newContext();
    const v = await visitor.newPage();
    await v.goto(`/appliances/${handle}/${slug}`);
    const license = v.getByTestId('license');
    await expect(license).toContainText('License:');
    await expect(license.getByRole('link', { name: /GNU General Public License v2\.0 or later/ })).toHaveAttribute('href', 'https://spdx.org/licenses/GPL-2.0-or-later.html');
    await expect(license.getByRole('link', { name: /MIT License/ })).toHaveAttribute('href', 'https://spdx.org/licenses/MIT.html');
    await expect(v.getByTestId('last-updated')).toHaveText(/^Updated \w{3} \d{1,2}, \d{4}$/);
    await expect(v.getByTestId('last-updated').locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
    await expect(v.getByRole('link', { name: /^⬇ Download OVA/ })).toHaveCount(1);
    await expect(v.getByRole('heading', { name: 'Get it' })).toHaveCount(0);

    const run = v.locator('#run');
    const tabs = run.getByRole('tab');
    await expect(tabs).toHaveText(['VirtualBox', 'VMware Workstation / Player', 'QEMU']);
    await expect(run.getByText(/n\/a/i)).toHaveCount(0);
    await run.getByText('Not for Vagrant: why').click();
    await expect(run.getByText(/Vagrant runs Vagrant boxes/)).toBeVisible();
    const access = run.getByTestId('access-details');
    await expect(access.getByText('root', { exact: true })).toBeVisible();
    await expect(access.getByText('changeme', { exact: true })).toBeVisible();
    await expect(access.getByText('22/tcp')).toBeVisible();
    await expect(access.getByText('443/tcp')).toBeVisible();
    await expect(v.getByTestId('vagrant-command')).toHaveCount(0);
    expect((await visitor.request.get(`/api/v1/vagrant/${handle}/${slug}`)).status()).toBe(404);
    const fileId = (await (await visitor.request.get(`/api/v1/appliances/${handle}/${slug}/versions/1.0.0/files`)).json()).items[0].id as string;

    // The publisher deletes the account: refused until the listing is chosen to go too.
    await page.goto('/account');
    await expect(page.getByRole('list', { name: 'Listings deleted with the account' })).toContainText('Clear Box');
    const del = page.getByRole('form', { name: 'Delete account' });
    await del.getByLabel('Your password').fill(who.password);
    await del.getByLabel('Type “delete my account”').fill('delete my account');
    await del.getByRole('button', { name: 'Delete my account' }).click();
    await expect(del.getByText(/Tick this to delete your listing/)).toBeVisible();
    expect((await visitor.request.get(`/appliances/${handle}/${slug}`)).status()).toBe(200);
    await del.getByLabel(/Also delete my listing/).check();
    await del.getByLabel('Your password').fill(who.password);
    await del.getByLabel('Type “delete my account”').fill('delete my account');
    await del.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByRole('heading', { name: 'Your account is deleted' })).toBeVisible();
    expect((await visitor.request.get(`/appliances/${handle}/${slug}`)).status()).toBe(404);
    expect((await visitor.request.get(`/api/v1/files/${fileId}/download`, { maxRedirects: 0 })).status()).toBe(404);
    await visitor.close();
  });
});
