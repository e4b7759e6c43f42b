// Issue 5's "Done when", in the browser: an admin creates a challenge that is open now, two new
// developers (real accounts, appliances published through the real publishing API and approved
// by the admin) enter it, three judges are granted, added and assigned automatically when the
// admin closes submissions, they score in the browser (blind: no page names the entrant, and no
// judge sees another's scores before submitting), the admin publishes, and anyone sees the
// winners on the results page, the appliance pages and the home page.
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { makeDemoAppliance } from '../lib/core/appliance-kit';
import { test, expect, DEMO, apiSignIn, apiSignUp, rid, wallTime, type Credentials } from './fixtures';

const ZONE = 'Asia/Tokyo';
const HOUR = 3_600_000;

type ApiResponse = Awaited<ReturnType<APIRequestContext['post']>>;

async function ok(res: ApiResponse, what: string): Promise<ApiResponse> {
  expect(res.status(), `${what}: ${await res.text()}`).toBeLessThan(300);
  return res;
}

async function json<T>(res: ApiResponse, what: string): Promise<T> {
  return (await (await ok(res, what)).json()) as T;
}

interface Developer {
  who: Credentials;
  context: BrowserContext;
  page: Page;
  handle: string;
  displayName: string;
  appliance: { id: string; name: string; slug: string };
}

/**
 * A new developer with a published appliance, the quickest real way: sign-up and publisher
 * profile as a user does them, then the publishing API (listing, version, multipart upload of a
 * real OVA straight to S3, verification by the worker, release, submission), and the admin's
 * approval. The OVA's vendor fields and file name carry the publisher's identity on purpose.
 */
async function newDeveloper(browser: Browser, admin: APIRequestContext, label: string, id: string): Promise<Developer> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const who = await apiSignUp(page.request, `${label} Maker ${id}`);
  const handle = `${label.toLowerCase()}-${id}`;
  const displayName = `${label} Works ${id}`;
  await page.goto('/publish');
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByRole('button', { name: 'Create publisher profile' }).click();
  await expect(page.getByRole('heading', { name: displayName })).toBeVisible();

  const name = `${label} Box ${id}`;
  const slug = `${label.toLowerCase()}-box`;
  const listing = await json<{ id: string }>(
    await page.request.post('/api/v1/publish/appliances', {
      data: { slug, name, summary: 'A tiny appliance that boots and prints a line.', description: `Maintained by ${handle}; questions to ${who.email}.` },
    }),
    'create listing',
  );
  const version = await json<{ id: string }>(
    await page.request.post(`/api/v1/publish/appliances/${listing.id}/versions`, { data: { version: '1.0.0', changelog: 'First release.' } }),
    'create version',
  );
  const kit = makeDemoAppliance({ name: `${label} Box`, vendor: displayName, version: '1.0.0', message: `${label} box booted`, productUrl: `https://example.com/${handle}` });
  const bytes = Buffer.from(kit.ova.bytes);
  const upload = await json<{ uploadId: string; partSize: number }>(
    await page.request.post('/api/v1/uploads', { data: { versionId: version.id, format: 'OVA', architecture: 'AMD64', fileName: `${handle}-box-1.0.0.ova`, size: bytes.length } }),
    'create upload',
  );
  const parts: { PartNumber: number; ETag: string }[] = [];
  for (let n = 1, offset = 0; offset < bytes.length; n++, offset += upload.partSize) {
    const { url } = await json<{ url: string }>(await page.request.post(`/api/v1/uploads/${upload.uploadId}/parts/${n}`), 'sign part');
    const put = await ok(await page.request.put(url, { data: bytes.subarray(offset, offset + upload.partSize) }), 'upload part');
    parts.push({ PartNumber: n, ETag: put.headers()['etag'] });
  }
  await ok(await page.request.post(`/api/v1/uploads/${upload.uploadId}/complete`, { data: { parts, sha256: kit.ova.sha256 } }), 'complete upload');
  // The worker inspects the file; release is refused until it is verified.
  await expect
    .poll(async () => (await page.request.post(`/api/v1/publish/versions/${version.id}/release`)).status(), { timeout: 60_000, intervals: [500, 1000, 2000] })
    .toBe(200);
  await ok(await page.request.post(`/api/v1/publish/appliances/${listing.id}/submit`), 'submit');
  await ok(await admin.post(`/api/v1/moderation/appliances/${listing.id}`, { data: { decision: 'approve' } }), 'approve');
  return { who, context, page, handle, displayName, appliance: { id: listing.id, name, slug } };
}

async function scoreEntry(page: Page, scores: [number, number, number], comment: string) {
  await page.getByRole('radio', { name: `Works out of the box: ${scores[0]}` }).check({ force: true });
  await page.getByRole('radio', { name: `Security: ${scores[1]}` }).check({ force: true });
  await page.getByRole('radio', { name: `Documentation: ${scores[2]}` }).check({ force: true });
  await page.getByLabel('Overall comment').fill(comment);
  await page.getByRole('button', { name: 'Submit scores' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Submitted/ })).toBeVisible();
}

test('a whole contest: create, enter, assign, judge blind, publish, see the winners', async ({ browser }) => {
  test.setTimeout(720_000);
  const id = rid(3);
  const title = `Spring Appliance Cup ${id}`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await apiSignIn(admin.request, DEMO.admin);
  admin.on('dialog', (d) => void d.accept());

  const [alpha, beta] = await Promise.all([newDeveloper(browser, admin.request, 'Alpha', id), newDeveloper(browser, admin.request, 'Beta', id)]);

  const judges: { who: Credentials; context: BrowserContext; page: Page }[] = [];
  for (let i = 1; i <= 3; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    judges.push({ who: await apiSignUp(page.request, `Judge ${i} ${id}`), context, page });
  }

  let slug = '';
  await test.step('the admin creates the challenge, open now, and opens it', async () => {
    await admin.goto('/admin/challenges/new');
    await admin.getByLabel('Title').fill(title);
    await expect(admin.getByLabel('Address')).toHaveValue(`spring-appliance-cup-${id}`);
    slug = await admin.getByLabel('Address').inputValue();
    await admin.getByLabel('Time zone').fill(ZONE);
    const now = Date.now();
    await admin.getByLabel('Submissions open').fill(wallTime(new Date(now - HOUR), ZONE));
    await admin.getByLabel('Submissions close').fill(wallTime(new Date(now + 3 * 24 * HOUR), ZONE));
    await admin.getByLabel('Judging closes').fill(wallTime(new Date(now + 10 * 24 * HOUR), ZONE));
    await admin.getByLabel('Judges per entry (k)').fill('3');
    await admin.getByLabel('Name', { exact: true }).fill('Web');
    await admin.getByLabel('Prize', { exact: true }).fill('A golden server');
    await admin.getByRole('button', { name: '+ Add category' }).click();
    await admin.getByLabel('Name', { exact: true }).nth(1).fill('Data');
    await admin.getByLabel('Grand prize').fill('A trip to ApplianceConf');
    await admin.getByRole('button', { name: 'Create draft' }).click();
    await expect(admin).toHaveURL(new RegExp(`/admin/challenges/${slug}$`));
    await expect(admin.getByTestId('challenge-state')).toHaveText('Draft');
    await admin.getByRole('button', { name: 'Open for entries' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'The challenge is now open.' })).toBeVisible();
    await expect(admin.getByTestId('challenge-state')).toHaveText('Open for entries');
  });

  await test.step('the judges get the role and join the panel', async () => {
    for (const j of judges) {
      await admin.goto(`/admin/users?q=${encodeURIComponent(j.who.email)}`);
      await admin.getByRole('button', { name: `Grant judge for ${j.who.email}` }).click();
      await expect(admin.getByRole('button', { name: `Remove judge for ${j.who.email}` })).toBeVisible();
    }
    await admin.goto(`/admin/challenges/${slug}/judges`);
    for (const j of judges) {
      await admin.getByLabel('Judge’s e-mail address').fill(j.who.email);
      await admin.getByRole('button', { name: 'Add to panel' }).click();
      await expect(admin.getByTestId(`judge-row-${j.who.email}`)).toBeVisible();
    }
  });

  await test.step('two developers enter their appliances', async () => {
    for (const [dev, category] of [[alpha, 'Web'], [beta, 'Data']] as const) {
      await dev.page.goto(`/challenges/${slug}`);
      await expect(dev.page.getByTestId('challenge-state')).toHaveText('Open for entries');
      await dev.page.getByLabel('Appliance version').selectOption({ label: `${dev.appliance.name} 1.0.0 (latest)` });
      await dev.page.getByLabel('Category').selectOption({ label: category });
      await dev.page.getByLabel('Note to the judges').fill('Boot it and watch the serial console.');
      await dev.page.getByRole('button', { name: 'Enter this challenge' }).click();
      await expect(dev.page.getByTestId('my-entry')).toContainText(dev.appliance.name);
      await expect(dev.page.getByTestId('my-entry')).toContainText('active');
    }
    // Before judging starts the public page shows counts only.
    const anon = await browser.newContext();
    const page = await anon.newPage();
    await page.goto(`/challenges/${slug}`);
    await expect(page.getByRole('heading', { name: 'Entries', exact: true })).toHaveCount(0);
    await expect(page.getByText('1 entry').first()).toBeVisible();
    await anon.close();
  });

  await test.step('the admin closes submissions: every judge gets both entries', async () => {
    await admin.goto(`/admin/challenges/${slug}`);
    await admin.getByRole('button', { name: 'Close submissions now' }).click();
    await expect(admin.getByText('Submissions closed. 6 judge assignments made.')).toBeVisible();
    await expect(admin.getByTestId('challenge-state')).toHaveText('Judging');
  });

  const secrets = [alpha, beta].flatMap((d) => [d.who.email, d.who.name ?? '', d.handle, d.displayName]).filter(Boolean);
  const comments = ['Alpha boots instantly — first judge', 'Beta is fine — first judge'];

  await test.step('the first judge scores blind in the browser', async () => {
    const { page } = judges[0];
    await page.goto('/');
    await expect(page.getByTestId('notification-count')).toHaveText('1');
    await page.goto('/judge');
    await page.getByRole('link', { name: new RegExp(title) }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByText(/Your progress/)).toBeVisible();
    for (const [dev, scores, comment] of [[alpha, [9, 8, 4], comments[0]], [beta, [6, 5, 3], comments[1]]] as const) {
      await page.goto(`/judge/${slug}`);
      await page.getByRole('link', { name: new RegExp(dev.appliance.name) }).click();
      await expect(page.getByRole('heading', { level: 1, name: dev.appliance.name })).toBeVisible();
      await expect(page.getByText('Blind judging: the entrant is not shown.')).toBeVisible();
      const html = (await page.content()).toLowerCase();
      for (const s of secrets) expect(html, `the judge's page names ${s}`).not.toContain(s.toLowerCase());
      await expect(page.getByText(/entry-[0-9a-f]{8}-1\.0\.0\.ova/).first()).toBeVisible();
      await scoreEntry(page, [...scores], comment);
    }
  });

  await test.step('the second judge sees no other scores before submitting, then does', async () => {
    const { page } = judges[1];
    for (const [dev, scores] of [[alpha, [8, 9, 5]], [beta, [5, 6, 2]]] as const) {
      await page.goto(`/judge/${slug}`);
      await page.getByRole('link', { name: new RegExp(dev.appliance.name) }).click();
      await expect(page.getByTestId('other-scores')).toContainText('appear here once you have submitted your own');
      expect(await page.content()).not.toContain('first judge');
      await scoreEntry(page, [...scores], `${dev.appliance.name} — second judge`);
      await page.reload();
      await expect(page.getByTestId('other-scores')).toContainText('first judge');
    }
  });

  await test.step('the third judge scores', async () => {
    const { page } = judges[2];
    for (const [dev, scores] of [[alpha, [10, 7, 4]], [beta, [4, 4, 3]]] as const) {
      await page.goto(`/judge/${slug}`);
      await page.getByRole('link', { name: new RegExp(dev.appliance.name) }).click();
      await scoreEntry(page, [...scores], 'Third judge');
    }
    await page.goto(`/judge/${slug}`);
    await expect(page.getByRole('progressbar', { name: 'Scorecards submitted' })).toHaveAttribute('aria-valuenow', '100');
  });

  await test.step('the admin reviews the leaderboard and publishes', async () => {
    await admin.goto(`/admin/challenges/${slug}/results`);
    await expect(admin.getByTestId('tie-break-rule')).toContainText('Ties are broken by the higher average weighted score');
    await expect(admin.getByTestId('leaderboard-web')).toContainText(alpha.appliance.name);
    await expect(admin.getByTestId('leaderboard-data')).toContainText(beta.appliance.name);
    await expect(admin.getByLabel(/Grand prize/)).toHaveValue(/.+/);
    await admin.getByRole('button', { name: 'Publish results' }).click();
    await expect(admin.getByRole('heading', { name: 'Published' })).toBeVisible();
    await admin.goto(`/admin/audit`);
    await expect(admin.getByTestId('audit-row').filter({ hasText: 'results.publish' }).first()).toBeVisible();
  });

  await test.step('anyone sees the winners: results page, appliance pages, home page', async () => {
    const anon = await browser.newContext();
    const page = await anon.newPage();
    await page.goto(`/challenges/${slug}/results`);
    await expect(page.getByTestId('grand-prize')).toContainText(alpha.appliance.name);
    await expect(page.getByTestId('winner-web')).toContainText(alpha.appliance.name);
    await expect(page.getByTestId('winner-web')).toContainText(alpha.displayName);
    await expect(page.getByTestId('winner-data')).toContainText(beta.appliance.name);

    await page.goto(`/appliances/${alpha.handle}/${alpha.appliance.slug}`);
    const alphaAwards = page.getByRole('list', { name: 'Awards' });
    await expect(alphaAwards).toContainText(`Web winner · ${title}`);
    await expect(alphaAwards).toContainText(`Grand prize · ${title}`);
    await page.goto(`/appliances/${beta.handle}/${beta.appliance.slug}`);
    await expect(page.getByRole('list', { name: 'Awards' })).toContainText(`Data winner · ${title}`);

    await page.goto('/');
    await expect(page.locator('article', { hasText: alpha.appliance.name }).first()).toContainText('Web winner');
    await anon.close();
  });

  await test.step('entrants and judges are told', async () => {
    await alpha.page.goto('/notifications');
    await expect(alpha.page.getByTestId('notification').filter({ hasText: `Results of ${title} are out` })).toBeVisible();
  });

  for (const c of [adminContext, alpha.context, beta.context, ...judges.map((j) => j.context)]) await c.close();
});

test('refusals over HTTP: non-admins cannot move a challenge, judges cannot read unassigned entries', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await apiSignIn(page.request, DEMO.user);
  for (const action of ['open', 'close', 'publish', 'archive']) {
    const res = await page.request.post('/api/v1/challenges/homelab-sprint/transitions', { data: { action } });
    expect(res.status(), action).toBe(403);
  }
  expect((await page.goto('/admin/challenges'))?.status()).toBe(403);
  expect((await page.goto('/judge/ultimate-2026'))?.status()).toBe(403);
  await context.close();

  // The demo judge judges the seeded Ultimate challenge, but not every entry (k = 2 of 3 judges).
  const judge = await browser.newContext();
  const jp = await judge.newPage();
  await apiSignIn(jp.request, DEMO.judge);
  const ws = await json<{ assignments: { entryId: string }[] }>(await jp.request.get('/api/v1/judging/challenges/ultimate-2026'), 'workspace');
  expect(ws.assignments.length).toBeGreaterThan(0);
  const results = await json<{ categories: { ranking: { entryId: string }[] }[] }>(await jp.request.get('/api/v1/challenges/ultimate-2026/results'), 'results');
  const all = results.categories.flatMap((c) => c.ranking.map((r) => r.entryId));
  const mine = new Set(ws.assignments.map((a) => a.entryId));
  const other = all.find((e) => !mine.has(e))!;
  expect((await jp.request.get(`/api/v1/judging/entries/${other}`)).status()).toBe(404);
  expect((await jp.goto(`/judge/ultimate-2026/entries/${other}`))?.status()).toBe(404);
  const scored = await jp.request.put(`/api/v1/judging/entries/${other}/scorecard`, { data: { values: {}, submit: false } });
  expect(scored.status()).toBe(404);
  // Results are published: even an assigned entry's scores are frozen.
  const [own] = mine;
  const frozen = await jp.request.put(`/api/v1/judging/entries/${own}/scorecard`, { data: { values: {}, submit: false } });
  expect(frozen.status()).toBe(409);
  await judge.close();
});
