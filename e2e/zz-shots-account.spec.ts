import { test, expect, DEMO, apiSignIn } from './fixtures';

for (const width of [1366, 390]) {
  test(`shots at ${width}`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await apiSignIn(ctx.request, DEMO.developer);
    await page.goto('/account');
    await page.screenshot({ path: `/tmp/shots-account/account-${width}.png`, fullPage: true });
    const listings = await (await ctx.request.get('/api/v1/publish/appliances')).json();
    const alpine = listings.items.find((l: { slug: string }) => l.slug === 'alpine-minimal');
    await ctx.request.patch(`/api/v1/publish/appliances/${alpine.id}`, { data: { defaultCredentials: [{ service: 'Serial console', username: 'root', password: 'alpine', note: 'Asked to change it on first sign-in' }], ports: [{ port: 22, protocol: 'tcp', service: 'SSH' }] } });
    await page.goto(`/publish/appliances/${alpine.id}#access`);
    await page.locator('#access').screenshot({ path: `/tmp/shots-account/editor-access-${width}.png` });
    const anon = await browser.newContext({ viewport: { width, height: 900 } });
    const a = await anon.newPage();
    await a.goto('/appliances/demo-labs/alpine-minimal');
    await a.screenshot({ path: `/tmp/shots-account/appliance-${width}.png`, fullPage: true });
    await a.locator('#run').screenshot({ path: `/tmp/shots-account/run-${width}.png` });
    await a.goto('/sign-in?next=%2Fbrowse');
    await a.screenshot({ path: `/tmp/shots-account/sign-in-${width}.png` });
    // Leave the demo listing as it was.
    await ctx.request.patch(`/api/v1/publish/appliances/${alpine.id}`, { data: { defaultCredentials: [], ports: [] } });
    expect(true).toBe(true);
    await ctx.close();
    await anon.close();
  });
}
