// Issue 13's "Done when": README's scale-out recipe on one machine — an external PostgreSQL, one
// S3, two app nodes on one build, one worker, a load balancer — and the product works through it:
// every form is submitted to another node than the one that served its page (publishing and a
// whole challenge: open, enter, score, publish), uploads are verified
// by the separate worker, what one node wrote the other one finds, and a rolling restart under a
// steady load loses no request.
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { makeOva, makeOvf, makeRawDisk, rawToStreamOptimizedVmdk } from '../lib/core/appliance-kit';
import { apiSignUp, confirmationLink, wallTime } from '../e2e/fixtures';
import { repoRoot, startTopology, type Topology } from './topology';

const MiB = 1024 * 1024;
const rid = () => Math.random().toString(16).slice(2, 8);

function writeOva(dir: string, stem: string): string {
  const raw = makeRawDisk({ message: `${stem} booted`, sizeBytes: 2 * MiB });
  randomFillSync(raw, MiB);
  const diskName = `${stem}-disk1.vmdk`;
  const vmdk = rawToStreamOptimizedVmdk(raw, { fileName: diskName });
  const ovf = makeOvf({
    name: stem,
    product: stem,
    vendor: 'Topology Labs',
    version: '1.0.0',
    os: { id: 96, vmwOsType: 'debian10_64Guest', description: 'Debian GNU/Linux 10 (64-bit)' },
    cpus: 1,
    memoryMiB: 256,
    disks: [{ fileName: diskName, fileSize: vmdk.length, capacityBytes: raw.length }],
  });
  const file = path.join(dir, `${stem}.ova`);
  writeFileSync(file, makeOva({ ovf, ovfName: `${stem}.ovf`, disks: [{ name: diskName, bytes: vmdk }] }));
  return file;
}

test.describe.configure({ mode: 'serial' });

let topo: Topology;
let dir: string;
/** The developer of the publishing test, still signed in, and the appliance they published. */
let developer: { context: BrowserContext; page: Page; name: string } | undefined;
test.beforeAll(async () => {
  test.setTimeout(900_000);
  dir = mkdtempSync(path.join(os.tmpdir(), 'apx-topology-files-'));
  topo = await startTopology();
});
test.afterAll(async () => {
  test.setTimeout(60_000);
  await developer?.context.close();
  await topo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every form since `logStart` went to another node than the one that served its page, and both nodes took part. */
function expectFormsCrossedNodes(logStart: number, minActions: number) {
  const entries = topo.proxy.log.slice(logStart);
  const actions = entries.filter((e) => e.kind === 'action');
  expect(actions.length).toBeGreaterThanOrEqual(minActions);
  const summary = actions.map((a) => `${a.path} page:${a.pageNode} form:${a.node} ${a.status}`).join('\n');
  for (const a of actions) {
    expect(a.pageNode, `${a.path}: page node known\n${summary}`).toBeDefined();
    expect(a.node, `${a.path}: submitted to another node than its page`).not.toBe(a.pageNode);
    expect(a.status, `${a.path}: answered`).toBeLessThan(400);
  }
  expect(new Set(actions.map((a) => a.node))).toEqual(new Set(['a', 'b']));
  expect(new Set(entries.filter((e) => e.kind === 'page').map((e) => e.node))).toEqual(new Set(['a', 'b']));
  expect(topo.proxy.failures).toEqual([]);
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: topo.proxy.url });
  return { context, page: await context.newPage() };
}

test('a production node without a build refuses to start, and never builds', () => {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...topo.env, NEXT_DIST_DIR: `.next-missing-${rid()}`, PORT: '4090', WORKER: 'off' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('There is no production build');
  expect(r.stderr).toContain('npm run build');
});

test('both nodes serve one build', async ({ request }) => {
  const ids = await Promise.all(
    topo.nodes.map(async (n) => {
      const html = await (await request.get(`${n.url}/`)).text();
      return /data-dpl-id="([^"]+)"/.exec(html)?.[1];
    }),
  );
  expect(ids[0]).toMatch(/^apx-[0-9a-f]{16}$/);
  expect(ids[1]).toBe(ids[0]);
  // The banner of a node names the address it serves, not only the load balancer's.
  for (const n of topo.nodes) expect(n.output.join('')).toContain(`This node serves ${n.url}`);
});

test('a developer publishes through the load balancer, every form landing on another node than its page', async ({ browser }) => {
  test.setTimeout(300_000);
  const id = rid();
  const name = `Topo Appliance ${id}`;
  const handle = `topo-${id}`;
  const ova = writeOva(dir, `topo-${id}`);
  const { context, page } = await newPage(browser);
  const logStart = topo.proxy.log.length;

  await test.step('sign up', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Tia Topology');
    await page.getByLabel('E-mail').fill(`tia-${id}@topology.test`);
    await page.getByLabel('Password').fill(`Sturdy-${id}-Pass9`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('status').getByText(`We sent a message to tia-${id}@topology.test.`)).toBeVisible();
    // The confirmation link names the load balancer (PUBLIC_URL), whichever node sent the mail.
    const link = await confirmationLink(`tia-${id}@topology.test`, topo.outbox);
    expect(link.startsWith(`${topo.proxy.url}/`), link).toBe(true);
    await page.goto(link);
    await expect(page.getByTestId('account-name')).toHaveText('Tia Topology');
  });

  await test.step('create the publisher profile and the listing', async () => {
    await page.goto('/publish');
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Display name').fill(`Topo Works ${id}`);
    await page.getByRole('button', { name: 'Create publisher profile' }).click();
    await expect(page.getByRole('heading', { name: `Topo Works ${id}` })).toBeVisible();
    await page.getByRole('link', { name: 'New appliance' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Summary').fill('Published across two nodes.');
    await page.getByRole('button', { name: 'Create listing' }).click();
    await expect(page).toHaveURL(/\/publish\/appliances\/\w+$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  });

  await test.step('create version 1.0.0, upload with Uppy, the worker verifies, release', async () => {
    await page.getByRole('button', { name: 'Create version' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('1.0.0');
    await page.locator('input.uppy-Dashboard-input').first().setInputFiles(ova);
    await expect(page.getByLabel(`Format of ${path.basename(ova)}`)).toHaveValue('OVA');
    await page.getByRole('button', { name: /^Upload 1 file/ }).click();
    await expect(page.getByTestId('upload-row').getByTestId('upload-status')).toContainText(/Uploaded|Verified/, { timeout: 120_000 });
    await expect(page.getByTestId('version-file').getByTestId('file-status')).toHaveText(/Verified/, { timeout: 120_000 });
    await page.getByRole('button', { name: 'Release 1.0.0' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Released');
  });

  await test.step('submit for review; an admin signs in and approves', async () => {
    await page.getByRole('link', { name }).first().click();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByTestId('listing-status')).toHaveText('In review');

    const admin = await newPage(browser);
    await admin.page.goto('/sign-in');
    await admin.page.getByLabel('E-mail').fill(topo.admin.email);
    await admin.page.getByLabel('Password').fill(topo.admin.password);
    await admin.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(admin.page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await admin.page.goto('/admin/moderation');
    const card = admin.page.getByTestId(`moderation-${`topo-appliance-${id}`}`);
    await card.getByRole('button', { name: `Approve and publish ${name}` }).click();
    await expect(card.getByText('Approved and published.')).toBeVisible();
    await admin.context.close();
  });

  await test.step('every form went to another node than its page, and both nodes took part', () => {
    // sign up, profile, listing, version, release, submit, sign in, approve
    expectFormsCrossedNodes(logStart, 8);
  });

  await test.step('what one node wrote, the other one finds: search on each node directly', async () => {
    const created = topo.proxy.log.slice(logStart).find((e) => e.kind === 'action' && e.path === '/publish/new');
    expect(created, 'the listing was created by an action on /publish/new').toBeDefined();
    const other = topo.nodes.find((n) => n.name !== created!.node)!;
    for (const node of [other, ...topo.nodes.filter((n) => n !== other)]) {
      const res = await page.request.get(`${node.url}/api/v1/appliances?q=${encodeURIComponent(name)}`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { items: { name: string }[] };
      expect(body.items.map((i) => i.name), `search on node ${node.name}`).toContain(name);
    }
    const browse = await page.request.get(`${other.url}/browse?q=${encodeURIComponent(name)}`);
    expect(await browse.text()).toContain(name);
  });
  developer = { context, page, name };
});

test('a challenge through the load balancer: the admin opens it, the developer enters, a judge scores, the results are published', async ({ browser }) => {
  test.setTimeout(300_000);
  expect(developer, 'the publishing test ran first and left its appliance').toBeDefined();
  const dev = developer!;
  const id = rid();
  const title = `Topology Cup ${id}`;
  const zone = 'Europe/Berlin';
  const hour = 3_600_000;
  const logStart = topo.proxy.log.length;

  const admin = await newPage(browser);
  admin.page.on('dialog', (d) => void d.accept());
  await admin.page.goto('/sign-in');
  await admin.page.getByLabel('E-mail').fill(topo.admin.email);
  await admin.page.getByLabel('Password').fill(topo.admin.password);
  await admin.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(admin.page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const judge = await newPage(browser);
  const judgeWho = await apiSignUp(judge.page.request, `Topo Judge ${id}`, topo.outbox);

  let slug = '';
  await test.step('the admin creates the challenge and opens it', async () => {
    const page = admin.page;
    await page.goto('/admin/challenges/new');
    await page.getByLabel('Title').fill(title);
    slug = await page.getByLabel('Address').inputValue();
    expect(slug).toBe(`topology-cup-${id}`);
    await page.getByLabel('Time zone').fill(zone);
    const now = Date.now();
    await page.getByLabel('Submissions open').fill(wallTime(new Date(now - hour), zone));
    await page.getByLabel('Submissions close').fill(wallTime(new Date(now + 3 * 24 * hour), zone));
    await page.getByLabel('Judging closes').fill(wallTime(new Date(now + 10 * 24 * hour), zone));
    await page.getByLabel('Judges per entry (k)').fill('1');
    await page.getByLabel('Name', { exact: true }).fill('Servers');
    await page.getByLabel('Prize', { exact: true }).fill('A rack');
    await page.getByLabel('Grand prize').fill('A data centre tour');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/challenges/${slug}$`));
    await page.getByRole('button', { name: 'Open for entries' }).click();
    await expect(page.getByTestId('challenge-state')).toHaveText('Open for entries');
  });

  await test.step('the admin grants the judge role and adds the judge to the panel', async () => {
    const page = admin.page;
    await page.goto(`/admin/users?q=${encodeURIComponent(judgeWho.email)}`);
    await page.getByRole('button', { name: `Grant judge for ${judgeWho.email}` }).click();
    await expect(page.getByRole('button', { name: `Remove judge for ${judgeWho.email}` })).toBeVisible();
    await page.goto(`/admin/challenges/${slug}/judges`);
    await page.getByLabel('Judge’s e-mail address').fill(judgeWho.email);
    await page.getByRole('button', { name: 'Add to panel' }).click();
    await expect(page.getByTestId(`judge-row-${judgeWho.email}`)).toBeVisible();
  });

  await test.step('the developer enters the appliance published through the other test', async () => {
    await dev.page.goto(`/challenges/${slug}`);
    await dev.page.getByLabel('Appliance version').selectOption({ label: `${dev.name} 1.0.0 (latest)` });
    await dev.page.getByLabel('Category').selectOption({ label: 'Servers' });
    await dev.page.getByLabel('Note to the judges').fill('Two nodes, one answer.');
    await dev.page.getByRole('button', { name: 'Enter this challenge' }).click();
    await expect(dev.page.getByTestId('my-entry')).toContainText(dev.name);
  });

  await test.step('the admin closes submissions; the judge scores blind', async () => {
    await admin.page.goto(`/admin/challenges/${slug}`);
    await admin.page.getByRole('button', { name: 'Close submissions now' }).click();
    await expect(admin.page.getByTestId('challenge-state')).toHaveText('Judging');

    const page = judge.page;
    await page.goto(`/judge/${slug}`);
    await page.getByRole('link', { name: new RegExp(dev.name) }).click();
    await expect(page.getByRole('heading', { level: 1, name: dev.name })).toBeVisible();
    await expect(page.getByText('Blind judging: the entrant is not shown.')).toBeVisible();
    await page.getByRole('radio', { name: 'Works out of the box: 9' }).check({ force: true });
    await page.getByRole('radio', { name: 'Security: 7' }).check({ force: true });
    await page.getByRole('radio', { name: 'Documentation: 4' }).check({ force: true });
    await page.getByLabel('Overall comment').fill('Served by two nodes and scored through both.');
    await page.getByRole('button', { name: 'Submit scores' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Submitted/ })).toBeVisible();
    await page.goto(`/judge/${slug}`);
    await expect(page.getByRole('progressbar', { name: 'Scorecards submitted' })).toHaveAttribute('aria-valuenow', '100');
  });

  await test.step('the admin publishes; the results page on each node names the winner', async () => {
    await admin.page.goto(`/admin/challenges/${slug}/results`);
    await expect(admin.page.getByTestId('leaderboard-servers')).toContainText(dev.name);
    await admin.page.getByRole('button', { name: 'Publish results' }).click();
    await expect(admin.page.getByRole('heading', { name: 'Published' })).toBeVisible();
    for (const node of topo.nodes) {
      const html = await (await dev.page.request.get(`${node.url}/challenges/${slug}/results`)).text();
      expect(html, `results on node ${node.name}`).toContain(dev.name);
    }
  });

  await test.step('every form went to another node than its page', () => {
    // sign in, create, open, grant, add to panel, enter, close, score, publish
    expectFormsCrossedNodes(logStart, 9);
  });
  await admin.context.close();
  await judge.context.close();
});

test('a page of another build reloads instead of failing silently; a failed form shows an error', async ({ browser, request }) => {
  // What a node answers for an action id it does not know (a page from another build).
  const unknown = await request.post(`${topo.nodes[0]!.url}/sign-in`, { headers: { 'Next-Action': 'f'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' }, data: '[]' });
  expect(unknown.headers()['x-nextjs-action-not-found']).toBe('1');

  const { context, page } = await newPage(browser);
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill('nobody@topology.test');
  await page.getByLabel('Password').fill('whatever-it-is-1');
  let stale = true;
  await page.route('**/sign-in', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    if (stale) {
      stale = false;
      return route.fulfill({ status: 404, headers: { 'x-nextjs-action-not-found': '1', 'content-type': 'text/plain' }, body: 'Server action not found.' });
    }
    return route.fulfill({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' });
  });
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await reloaded;
  await expect(page.getByLabel('E-mail')).toHaveValue('');

  // After the reload, a form whose submission fails on the server tells the user so.
  await page.getByLabel('E-mail').fill('nobody@topology.test');
  await page.getByLabel('Password').fill('whatever-it-is-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Something went wrong' })).toBeVisible();
  await context.close();
});

test('logs are JSON with the request id, metrics are not public, the worker reports its jobs', async ({ request }) => {
  const node = topo.nodes[0]!;
  const res = await request.get(`${node.url}/api/health/live`, { headers: { 'X-Request-Id': 'topology-req-42' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['x-request-id']).toBe('topology-req-42');
  const generated = (await request.get(`${node.url}/api/health/live`)).headers()['x-request-id'];
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  await expect
    .poll(() => node.output.join('').split('\n').filter((l) => l.includes('"requestId":"topology-req-42"')).length)
    .toBeGreaterThan(0);
  const line = node.output.join('').split('\n').find((l) => l.includes('"requestId":"topology-req-42"'))!;
  expect(JSON.parse(line)).toMatchObject({ requestId: 'topology-req-42', route: '/api/health/live', status: 200 });

  // On the public port only with the token; on METRICS_PORT for the scraper.
  expect((await request.get(`${topo.proxy.url}/metrics`)).status()).toBe(401);
  expect((await request.get(`${topo.proxy.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status()).toBe(401);
  const viaToken = await request.get(`${node.url}/metrics`, { headers: { Authorization: `Bearer ${topo.metricsToken}` } });
  expect(viaToken.status()).toBe(200);
  const scraped = await Promise.all(topo.nodes.map(async (n) => (await request.get(`http://127.0.0.1:${n.metricsPort}/metrics`)).text()));
  const all = scraped.join('\n');
  expect(all).toMatch(/apx_http_requests_total\{method="GET",route="\/api\/v1\/appliances",status="200"\} [1-9]/);
  expect(all).toMatch(/apx_http_request_duration_seconds_bucket\{[^}]*route="\/publish\/appliances\/\[id\]"/);
  expect(all).toMatch(/apx_uploads_completed_total [1-9]/);

  const worker = await request.get(`http://127.0.0.1:${topo.worker.healthPort}/metrics`, { headers: { Authorization: `Bearer ${topo.metricsToken}` } });
  expect(worker.status()).toBe(200);
  const w = await worker.text();
  expect(w).toMatch(/apx_job_duration_seconds_count\{queue="inspect-file",outcome="ok"\} [1-9]/);
  expect(w).toMatch(/apx_job_queue_depth\{queue="inspect-file",state="queued"\} \d+/);
  expect((await request.get(`http://127.0.0.1:${topo.worker.healthPort}/metrics`)).status()).toBe(401);
  expect((await request.get(`http://127.0.0.1:${topo.worker.healthPort}/live`)).status()).toBe(200);
});

test('a rolling restart under a steady load loses no request', async ({ request }) => {
  test.setTimeout(300_000);
  const paths = ['/', '/api/v1/appliances?q=topo', '/browse', '/api/health/live'];
  const results: { path: string; status: number; error?: string }[] = [];
  let running = true;
  const client = async (i: number) => {
    let n = i;
    while (running) {
      const p = paths[n++ % paths.length]!;
      try {
        const res = await fetch(`${topo.proxy.url}${p}`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        results.push({ path: p, status: res.status });
      } catch (e) {
        results.push({ path: p, status: 0, error: (e as Error).message });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const load = Promise.all([0, 1, 2, 3].map(client));

  for (const name of ['a', 'b']) {
    const node = topo.nodes.find((n) => n.name === name)!;
    const before = results.length;
    const code = await topo.stopNode(node);
    expect(code, `node ${name} drained and exited cleanly`).toBe(0);
    expect(node.output.join('')).toContain('draining: readiness now answers 503');
    expect(node.output.join('')).toContain('drained: every request answered');
    expect(results.length, `requests were answered while node ${name} was down`).toBeGreaterThan(before);
    await topo.startNode(name);
    const backend = topo.proxy.backends.find((b) => b.name === name)!;
    await expect.poll(() => backend.ready, { timeout: 10_000 }).toBe(true);
    // Let the restarted node take a share of the load before the next one goes.
    const from = topo.proxy.log.length;
    await expect.poll(() => topo.proxy.log.slice(from).filter((e) => e.node === name).length, { timeout: 20_000 }).toBeGreaterThan(3);
  }
  running = false;
  await load;

  const failed = results.filter((r) => r.status !== 200);
  expect(failed, 'requests lost or failed during the rolling restart').toEqual([]);
  expect(results.length).toBeGreaterThan(50);
  expect(topo.proxy.failures).toEqual([]);
  void request;
});
