import { test, expect, DEMO, apiSignIn, uiSignIn } from './fixtures';

const EVIL = 'https://evil.example';

function scriptSrc(policy: string): string {
  return policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
}

test.describe('Content-Security-Policy', () => {
  test('every page carries a nonce-based policy, a new nonce each time, on every script Next.js renders', async ({ request }) => {
    const nonces = new Set<string>();
    for (const url of ['/', '/browse', '/appliances/demo-labs/alpine-minimal', '/sign-in', '/challenges']) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      const policy = res.headers()['content-security-policy'] ?? '';
      const scripts = scriptSrc(policy);
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
      expect(nonce, `${url}: ${policy}`).toBeTruthy();
      expect(scripts).not.toContain('unsafe-inline');
      expect(scripts).not.toMatch(/'unsafe-eval'/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      nonces.add(nonce!);
      const html = await res.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length, url).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, url).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(5);
  });

  test('pages still hydrate under it: client components react, server actions work, and no violation is reported', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const reported = async () => (await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).concat(violations);

    // A client component: the sort select navigates on change only when React runs.
    await page.goto('/browse');
    const sort = page.getByRole('combobox', { name: 'Sort by' });
    const options = await sort.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    await sort.selectOption(options[options.length - 1]);
    await expect(page).toHaveURL(new RegExp(`sort=${options[options.length - 1]}`));

    // A server action through the proxy (same origin): signing in.
    await uiSignIn(page, DEMO.user);
    await page.goto('/appliances/demo-labs/alpine-minimal');
    await expect(page.getByRole('heading', { level: 1, name: 'Alpine Minimal' })).toBeVisible();
    await page.goto('/challenges');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await reported()).toEqual([]);
  });
});

test.describe('cross-site writes', () => {
  test('a server action posted from a foreign origin is a 403, not a 500', async ({ request }) => {
    await apiSignIn(request, DEMO.user);
    const attempts: Record<string, string>[] = [
      { origin: EVIL, 'sec-fetch-site': 'cross-site' },
      { origin: EVIL },
      { origin: 'http://evil.localhost', 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      // As React posts an action (next-action header), and as a no-JavaScript form posts one.
      const rsc = await request.post('/sign-in', { headers: { ...headers, 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' }, data: '[]' });
      expect(rsc.status(), JSON.stringify(headers)).toBe(403);
      const form = await request.post('/account', { headers, multipart: { '$ACTION_ID_7f00000000000000000000000000000000000000': '', name: 'x' } });
      expect(form.status(), JSON.stringify(headers)).toBe(403);
    }
  });

  test('a cookie-authenticated API write from a foreign origin is refused through the whole stack; from the site it is not', async ({ request }) => {
    await apiSignIn(request, DEMO.developer);
    const refused = await request.post('/api/v1/publish/appliances', { headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, data: {} });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe('CROSS_SITE');
    const own = await request.post('/api/v1/publish/appliances', { data: {} });
    expect(own.status()).not.toBe(403);
    expect((await own.json()).code).not.toBe('CROSS_SITE');
  });
});
