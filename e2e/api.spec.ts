import { test, expect, apiSignUp } from './fixtures';

test.describe('API', () => {
  test('personal tokens: created once in settings, scoped, revocable', async ({ page, playwright, baseURL }) => {
    await apiSignUp(page.request);
    await page.goto('/account/tokens');
    await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();

    const create = page.getByRole('form', { name: 'Create a token' });
    await create.getByLabel('Name').fill('laptop');
    await create.getByRole('button', { name: 'Create token' }).click();
    const readToken = (await page.getByTestId('new-token').textContent())!.trim();
    expect(readToken).toMatch(/^apx_[\w-]{20,}$/);
    await expect(page.getByTestId('token-laptop')).toContainText('read');

    await create.getByLabel('Name').fill('ci');
    await create.getByRole('checkbox', { name: /^read/ }).uncheck();
    await create.getByRole('checkbox', { name: /^publish/ }).check();
    await create.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('new-token')).not.toHaveText(readToken);
    const publishToken = (await page.getByTestId('new-token').textContent())!.trim();

    // Shown once: after a reload only the prefix remains.
    await page.reload();
    await expect(page.getByTestId('new-token')).toHaveCount(0);
    expect(await page.content()).not.toContain(readToken);

    const client = async (token: string) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const reader = await client(readToken);
    const writer = await client(publishToken);
    expect((await reader.get('/api/v1/appliances/demo-labs/alpine-minimal')).status()).toBe(200);

    // A read token cannot write; a publish token can.
    const denied = await reader.post('/api/v1/appliances/stackworks/gitea-forge/reviews', { data: { rating: 5, body: 'from a read token' } });
    expect(denied.status()).toBe(403);
    expect(denied.headers()['content-type']).toBe('application/problem+json');
    expect(await denied.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const ok = await writer.post('/api/v1/appliances/stackworks/gitea-forge/reviews', { data: { rating: 4, body: 'from a publish token' } });
    expect(ok.status()).toBe(201);
    const reviews = await (await reader.get('/api/v1/appliances/stackworks/gitea-forge/reviews')).json();
    expect(reviews.items.filter((r: { body: string }) => r.body.startsWith('from a'))).toEqual([expect.objectContaining({ body: 'from a publish token', own: true })]);

    // Revoked in the browser, refused by the API at once.
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('token-laptop').getByRole('button', { name: 'Revoke laptop' }).click();
    await expect(page.getByTestId('token-laptop')).toContainText('revoked');
    const after = await reader.get('/api/v1/appliances/demo-labs/alpine-minimal');
    expect(after.status()).toBe(401);
    expect(after.headers()['www-authenticate']).toContain('Bearer');
    await reader.dispose();
    await writer.dispose();
  });

  test('search pages with opaque cursors, without repeats or gaps', async ({ request }) => {
    const first = await (await request.get('/api/v1/appliances?limit=4&sort=newest')).json();
    const seen: string[] = first.items.map((i: { id: string }) => i.id);
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      const page = await (await request.get(`/api/v1/appliances?limit=4&sort=newest&cursor=${cursor}`)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(first.total);
    const forged = await request.get(`/api/v1/appliances?sort=newest&cursor=${Buffer.from('{"v":1,"s":"newest","k":[],"i":"x"}').toString('base64url')}`);
    expect(forged.status()).toBe(422);
  });

  test('the OpenAPI document is served and the reference page renders it', async ({ request, page }) => {
    const res = await request.get('/api/v1/openapi.json');
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/appliances', '/api/v1/files/{id}/download', '/api/v1/vagrant/{publisher}/{appliance}', '/api/v1/publish/appliances']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[\w.-]+/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();

    await page.goto('/docs/api');
    await expect(page.getByRole('heading', { level: 1, name: 'Appliance Exchange API' })).toBeVisible();
    await expect(page.getByTestId('op-searchAppliances')).toContainText('/api/v1/appliances');
    await expect(page.getByTestId('op-saveReview')).toContainText('Request body');
    await expect(page.locator('#schema-Appliance')).toBeVisible();
    await expect(page.getByRole('link', { name: 'OpenAPI 3.1 JSON' })).toHaveAttribute('href', '/api/v1/openapi.json');
  });

  test('errors are problem+json and guessed ids are simply not found', async ({ request }) => {
    for (const path of ['/api/v1/files/not-a-file', '/api/v1/files/not-a-file/download', '/api/v1/appliances/nobody/nothing', '/api/v1/vagrant/nobody/nothing']) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      expect(res.headers()['content-type'], path).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    const launch = await request.get('/api/v1/files/whatever/launch?player=hyperv');
    expect([404, 422]).toContain(launch.status());
  });
});
