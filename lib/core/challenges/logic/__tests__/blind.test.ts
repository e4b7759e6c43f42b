import { describe, expect, it } from 'vitest';
import { blindInspection, createRedactor, redactDeep, REDACTED } from '@/lib/core/challenges/logic/redact';
import { anonymousFileName, entryCode, entryLabel } from '@/lib/core/challenges/logic/entry-code';

describe('blind judging helpers', () => {
  const redact = createRedactor(['Dana Developer', 'dev@demo.local', 'demo-labs', 'Demo Labs', 'https://example.com/demo-labs/', null, 'ab']);

  it('replaces every identity, in any letter case, including a URL without its scheme', () => {
    expect(redact('Built by DEMO LABS (demo-labs) — mail dev@demo.local, see example.com/demo-labs')).toBe(
      `Built by ${REDACTED} (${REDACTED}) — mail ${REDACTED}, see ${REDACTED}`,
    );
    // Too short to be told from ordinary words: left alone.
    expect(redact('a lab test')).toBe('a lab test');
  });

  it('treats identities as text, not as patterns', () => {
    const r = createRedactor(['a.b+c (x)']);
    expect(r('axb+c (x) and a.b+c (x)')).toBe(`axb+c (x) and ${REDACTED}`);
  });

  it('drops vendor fields and the EULA from the package and every virtual system', () => {
    const inspection = {
      product: 'Nginx by Demo Labs',
      vendor: 'Demo Labs',
      vendorUrl: 'https://example.com/demo-labs',
      productUrl: 'https://example.com/demo-labs/nginx',
      eula: 'Copyright Demo Labs',
      annotation: 'Maintained by dev@demo.local',
      cpus: 2,
      virtualSystems: [{ name: 'vm', vendor: 'Demo Labs', eula: 'x', productUrl: 'u', cpus: 2 }],
      members: [{ name: 'demo-labs-disk1.vmdk', size: 10 }],
    };
    const blind = blindInspection(inspection, redact)!;
    const text = JSON.stringify(blind);
    for (const secret of ['Demo Labs', 'demo-labs', 'dev@demo.local', 'vendorUrl', 'productUrl', 'Copyright']) {
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(blind).toMatchObject({ product: `Nginx by ${REDACTED}`, hasEula: true, cpus: 2 });
    expect(blind.virtualSystems).toEqual([{ name: 'vm', cpus: 2, hasEula: true }]);
    expect(blindInspection(null, redact)).toBeNull();
    expect(blindInspection([1, 2], redact)).toBeNull();
  });

  it('drops the signer of a signed package, whatever names it holds, keeping only that it is signed', () => {
    const inspection = {
      product: 'Nginx',
      signature: { subject: 'CN=Acme Signing, O=Acme Ltd', issuer: 'CN=Acme CA', trust: 'unknown-ca', chain: [{ fingerprint256: 'AB:CD' }] },
    };
    const blind = blindInspection(inspection, redact)!;
    expect(JSON.stringify(blind)).not.toMatch(/Acme|AB:CD/);
    expect(blind).toEqual({ product: 'Nginx', signed: true });
    expect(blindInspection({ product: 'Nginx' }, redact)).toEqual({ product: 'Nginx' });
  });

  it('redacts deep structures without touching numbers, booleans, nulls or dates', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    expect(redactDeep({ a: ['demo-labs', 1, true, null], when }, redact)).toEqual({ a: [REDACTED, 1, true, null], when });
  });

  it('names entries and their downloads by a stable code only', () => {
    expect(entryCode('cmabc123')).toMatch(/^[0-9A-F]{8}$/);
    expect(entryCode('cmabc123')).toBe(entryCode('cmabc123'));
    expect(entryCode('cmabc123')).not.toBe(entryCode('cmabc124'));
    expect(entryLabel('x')).toBe(`Entry ${entryCode('x')}`);
    const code = entryCode('e1').toLowerCase();
    expect(anonymousFileName({ entryId: 'e1', version: '1.26.1', format: 'OVA', fileName: 'demo-labs-nginx-1.26.1.ova' })).toBe(`entry-${code}-1.26.1.ova`);
    expect(anonymousFileName({ entryId: 'e1', version: '2.0 beta/../x', format: 'VAGRANT_BOX', provider: 'libvirt', fileName: 'a.box' })).toBe(
      `entry-${code}-2.0-beta-..-x-libvirt.box`,
    );
    expect(anonymousFileName({ entryId: 'e1', version: '1', format: 'OVF', fileName: 'x.OVF' })).toBe(`entry-${code}-1.ovf`);
    expect(anonymousFileName({ entryId: 'e1', version: '1', format: 'RAW', fileName: 'demo.img' })).toBe(`entry-${code}-1.img`);
  });
});
