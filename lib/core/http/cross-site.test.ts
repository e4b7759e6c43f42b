import { describe, expect, it } from 'vitest';
import { crossSiteWriteRefusal } from '@/lib/core/http/cross-site';

const SITE = 'https://apx.example.org';
const req = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });
const session = 'theme=dark; __Secure-better-auth.session_token=abc.def';

describe('crossSiteWriteRefusal', () => {
  it('passes reads, whatever their origin', () => {
    for (const m of ['GET', 'HEAD', 'OPTIONS', 'get']) expect(crossSiteWriteRefusal(req(m, { 'sec-fetch-site': 'cross-site', cookie: session }), SITE)).toBeNull();
  });

  it('refuses same-site and cross-site writes by Sec-Fetch-Site, even with a matching Origin', () => {
    for (const site of ['cross-site', 'same-site', 'Cross-Site', 'something-new']) {
      expect(crossSiteWriteRefusal(req('POST', { 'sec-fetch-site': site, origin: SITE, cookie: session }), SITE)).toMatch(/may not change/);
    }
  });

  it('passes same-origin and user-initiated (none) writes', () => {
    expect(crossSiteWriteRefusal(req('DELETE', { 'sec-fetch-site': 'same-origin', cookie: session }), SITE)).toBeNull();
    expect(crossSiteWriteRefusal(req('POST', { 'sec-fetch-site': 'none', cookie: session }), SITE)).toBeNull();
  });

  it('falls back to Origin: the site’s own or its Host’s passes, any other, null or garbage is refused', () => {
    expect(crossSiteWriteRefusal(req('PUT', { origin: SITE, cookie: session }), SITE)).toBeNull();
    expect(crossSiteWriteRefusal(req('PUT', { origin: 'https://10.0.0.5:3000', host: '10.0.0.5:3000', cookie: session }), SITE)).toBeNull();
    for (const origin of ['https://evil.example', 'http://apx.example.org', 'https://apx.example.org.evil.example', 'null', 'not a url', 'file://']) {
      expect(crossSiteWriteRefusal(req('PUT', { origin, host: 'apx.example.org', cookie: session }), SITE), origin).toMatch(/another origin/);
    }
  });

  it('passes a request with neither header (not a browser: no forged request), with or without a cookie', () => {
    expect(crossSiteWriteRefusal(req('PATCH', { cookie: session }), SITE)).toBeNull();
    expect(crossSiteWriteRefusal(req('PATCH', { cookie: 'theme=dark' }), SITE)).toBeNull();
    expect(crossSiteWriteRefusal(req('PATCH', {}), SITE)).toBeNull();
  });

  it('passes a Bearer token from anywhere (not an ambient credential), but not other Authorization schemes', () => {
    expect(crossSiteWriteRefusal(req('POST', { authorization: 'Bearer apx_abc', 'sec-fetch-site': 'cross-site', cookie: session }), SITE)).toBeNull();
    expect(crossSiteWriteRefusal(req('POST', { authorization: 'Basic dXNlcjpwYXNz', 'sec-fetch-site': 'cross-site' }), SITE)).not.toBeNull();
  });
});
