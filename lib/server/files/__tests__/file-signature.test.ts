import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/core/api/openapi';
import { describeSignature, fileSignatureSchema, signatureOf } from '@/lib/core/files/file-signature';
import { summarizeInspection } from '@/lib/core/files/inspection-summary';

const stored = (trust: string, extra: Record<string, unknown> = {}) => ({
  disks: [],
  networks: [],
  signature: {
    member: 'app.cert',
    manifest: 'app.mf',
    algorithm: 'SHA256',
    subject: 'CN=Acme Signing, O=Acme Ltd',
    issuer: trust === 'self-signed' ? 'CN=Acme Signing, O=Acme Ltd' : 'CN=Acme Root CA',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-06-30T12:00:00.000Z',
    trust,
    chain: [{ subject: 'CN=Acme Signing, O=Acme Ltd', fingerprint256: 'AB:CD' }],
    ...extra,
  },
});
const before = new Date('2026-12-01T00:00:00Z');

describe('the signature of a stored inspection', () => {
  it('a CA-issued signature reads "Signed by …, issued by …, valid until …" and warns about a private CA', () => {
    const sig = signatureOf(stored('unknown-ca'), before);
    expect(sig).toMatchObject({ subject: 'CN=Acme Signing, O=Acme Ltd', certificate: 'app.cert', manifest: 'app.mf', fingerprint256: 'AB:CD', trust: 'unknown-ca' });
    expect(sig?.text).toBe(
      'Signed by CN=Acme Signing, O=Acme Ltd, issued by CN=Acme Root CA, valid until 2027-06-30. The issuer is not a publicly trusted authority: trust it only if you know it.',
    );
    expect(fileSignatureSchema.parse(sig)).toEqual(sig);
  });

  it('a self-signed signature says so and never reads as trusted', () => {
    const text = signatureOf(stored('self-signed'), before)?.text ?? '';
    expect(text).toContain('self-signed — the signer is not vouched for by anyone');
    expect(text).not.toMatch(/trusted|issued by/);
  });

  it('a public chain says so; a certificate expired since verification says so', () => {
    expect(signatureOf(stored('public-ca'), before)?.text).toContain('(chain to a publicly trusted authority)');
    expect(describeSignature({ subject: 'CN=x', issuer: 'CN=y', validTo: '2020-01-01T00:00:00Z', trust: 'public-ca' }, before)).toContain(
      'valid until 2020-01-01 (expired since the file was verified)',
    );
  });

  it('unsigned, unknown trust levels and damaged JSON give null, never a made-up signer', () => {
    expect(signatureOf({ disks: [], networks: [] })).toBeNull();
    expect(signatureOf(null)).toBeNull();
    expect(signatureOf('signed')).toBeNull();
    expect(signatureOf(stored('trusted-by-us'))).toBeNull();
    expect(signatureOf(stored('unknown-ca', { chain: [] }))).toBeNull();
    expect(signatureOf(stored('unknown-ca', { subject: 42 }))).toBeNull();
  });

  it('the publisher\'s facts carry the same sentence', () => {
    expect(summarizeInspection(stored('self-signed'))?.signature).toContain('Signed by CN=Acme Signing, O=Acme Ltd, self-signed');
    expect(summarizeInspection({ disks: [], networks: [] })?.signature).toBeNull();
  });

  it('the OpenAPI document describes the signature of a file', () => {
    const doc = buildOpenApiDocument() as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const schemas = doc.components.schemas;
    expect(JSON.stringify(schemas.File.properties.signature)).toContain('#/components/schemas/FileSignature');
    expect(schemas.FileSignature.properties.trust).toMatchObject({ enum: ['self-signed', 'public-ca', 'unknown-ca'] });
    expect(Object.keys(schemas.FileSignature.properties)).toEqual(expect.arrayContaining(['subject', 'issuer', 'validTo', 'text']));
  });
});
