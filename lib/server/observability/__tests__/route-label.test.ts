import { describe, expect, it } from 'vitest';
import { routeLabeler } from '@/lib/server/observability/route-label';

// Shaped like Next.js's routes-manifest.json.
const label = routeLabeler({
  staticRoutes: [{ page: '/' }, { page: '/browse' }, { page: '/api/v1/appliances' }],
  dynamicRoutes: [
    { page: '/api/v1/files/[id]/download', regex: '^/api/v1/files/([^/]+?)/download(?:/)?$' },
    { page: '/appliances/[publisher]/[slug]', regex: '^/appliances/([^/]+?)/([^/]+?)(?:/)?$' },
    { page: '/broken', regex: '(' },
  ],
});

describe('routeLabeler', () => {
  it('names static routes as themselves, trailing slash or not', () => {
    expect(label('/')).toBe('/');
    expect(label('/browse')).toBe('/browse');
    expect(label('/browse/')).toBe('/browse');
  });

  it('names dynamic paths by their pattern, never by the ids in them', () => {
    expect(label('/api/v1/files/cmx123/download')).toBe('/api/v1/files/[id]/download');
    expect(label('/appliances/demo-labs/alpine')).toBe('/appliances/[publisher]/[slug]');
  });

  it('keeps unknown and hostile paths to a fixed label, so labels stay few', () => {
    expect(label('/no/such/page')).toBe('unmatched');
    expect(label(`/${'x'.repeat(5000)}`)).toBe('unmatched');
    expect(label('/_next/static/chunks/abc.js')).toBe('/_next/static');
    expect(label('/_next/image')).toBe('/_next/other');
  });
});
