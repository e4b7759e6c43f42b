import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, objectStoreOrigins } from '@/lib/core/http/content-security-policy';
import { strictTransportSecurity } from '@/lib/core/http/security-headers';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

describe('contentSecurityPolicy', () => {
  it('lets scripts run only with the nonce: no unsafe-inline or unsafe-eval for scripts', () => {
    const policy = contentSecurityPolicy('abc123==', { publicUrl: 'http://localhost:3000', s3Endpoint: 'http://127.0.0.1:54330', s3PublicEndpoint: 'http://localhost:54330' });
    const scripts = directive(policy, 'script-src');
    expect(scripts).toContain("'nonce-abc123=='");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain('unsafe-inline');
    expect(scripts).not.toMatch(/'unsafe-eval'/);
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    // The browser talks to the public endpoint, not the internal one.
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' blob: http://localhost:54330");
    expect(policy).not.toContain('127.0.0.1');
    // Over http, upgrading would break the embedded object store.
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('n', { publicUrl: 'https://apx.example.org' })).toContain('upgrade-insecure-requests');
  });

  it('names the object store as presigned URLs do: path style, virtual-hosted style, AWS default', () => {
    expect(objectStoreOrigins({ publicUrl: '', s3Endpoint: 'http://minio:9000/', s3ForcePathStyle: true })).toEqual(['http://minio:9000']);
    expect(objectStoreOrigins({ publicUrl: '', s3Endpoint: 'https://s3.eu-central-1.amazonaws.com', s3Bucket: 'apx-prod', s3ForcePathStyle: false })).toEqual([
      'https://apx-prod.s3.eu-central-1.amazonaws.com',
      'https://s3.eu-central-1.amazonaws.com',
    ]);
    expect(objectStoreOrigins({ publicUrl: '', s3Bucket: 'b', s3Region: 'eu-west-1' })[0]).toBe('https://b.s3.eu-west-1.amazonaws.com');
    expect(objectStoreOrigins({ publicUrl: '', s3Endpoint: 'not a url' })).toEqual([]);
  });

  it('makes a new 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});

describe('strictTransportSecurity', () => {
  it('is sent only when the site is https', () => {
    expect(strictTransportSecurity('https://apx.example.org')).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(strictTransportSecurity('http://localhost:3000')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});
