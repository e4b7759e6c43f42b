// Who signed a file, read defensively from the stored inspection JSON, and the one sentence that says
// it (the appliance page, the API's readers and `apx info` all say the same). Pure: safe anywhere.
import { z } from 'zod';

export const SIGNATURE_TRUST = ['self-signed', 'public-ca', 'unknown-ca'] as const;

export const fileSignatureSchema = z
  .object({
    subject: z.string().meta({ description: "The signer: the signing certificate's distinguished name", example: 'CN=Example Appliances Signing, O=Example Ltd, C=GB' }),
    issuer: z.string().meta({ description: 'Who issued the signing certificate (the signer itself when self-signed)' }),
    validFrom: z.string().meta({ description: 'ISO 8601 date-time (UTC)' }),
    validTo: z.string().meta({ description: 'ISO 8601 date-time (UTC); the certificate was valid when the file was verified' }),
    trust: z.enum(SIGNATURE_TRUST).meta({
      description:
        '`self-signed`: the certificate vouches for itself, so the name in it is not vouched for by anyone. `unknown-ca`: issued by an authority that is not publicly trusted. `public-ca`: the chain ends at a publicly trusted root (Mozilla\'s list as bundled with Node.js).',
    }),
    algorithm: z.string().meta({ description: 'Digest the manifest was signed with', example: 'SHA256' }),
    certificate: z.string().meta({ description: 'The certificate member of the package', example: 'appliance.cert' }),
    manifest: z.string().meta({ description: 'The manifest member the signature covers; its digests cover every other member', example: 'appliance.mf' }),
    fingerprint256: z.string().meta({ description: 'SHA-256 fingerprint of the signing certificate' }),
    text: z.string().meta({ description: 'The same facts as one sentence, as the site and `apx info` show them' }),
  })
  .meta({ id: 'FileSignature', description: 'The verified signature of a signed OVA/OVF package (ovftool .cert)' });

export type FileSignature = z.infer<typeof fileSignatureSchema>;

const storedSchema = z.object({
  signature: z.object({
    member: z.string(),
    manifest: z.string(),
    algorithm: z.string(),
    subject: z.string(),
    issuer: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    trust: z.enum(SIGNATURE_TRUST),
    chain: z.array(z.object({ fingerprint256: z.string() })).min(1),
  }),
});

function isoDay(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().slice(0, 10);
}

/** "Signed by …, issued by …, valid until …" plus what the issuer is worth; never calls a self-signed certificate trusted. */
export function describeSignature(sig: Pick<FileSignature, 'subject' | 'issuer' | 'validTo' | 'trust'>, now: Date = new Date()): string {
  const until = `valid until ${isoDay(sig.validTo)}${new Date(sig.validTo) < now ? ' (expired since the file was verified)' : ''}`;
  switch (sig.trust) {
    case 'self-signed':
      return `Signed by ${sig.subject}, self-signed — the signer is not vouched for by anyone; ${until}.`;
    case 'unknown-ca':
      return `Signed by ${sig.subject}, issued by ${sig.issuer}, ${until}. The issuer is not a publicly trusted authority: trust it only if you know it.`;
    case 'public-ca':
      return `Signed by ${sig.subject}, issued by ${sig.issuer} (chain to a publicly trusted authority), ${until}.`;
  }
}

/** The signature of a file as stored by inspection, or null when the file is unsigned or not inspected. */
export function signatureOf(inspection: unknown, now?: Date): FileSignature | null {
  const parsed = storedSchema.safeParse(inspection);
  if (!parsed.success) return null;
  const s = parsed.data.signature;
  const signature = {
    subject: s.subject,
    issuer: s.issuer,
    validFrom: s.validFrom,
    validTo: s.validTo,
    trust: s.trust,
    algorithm: s.algorithm,
    certificate: s.member,
    manifest: s.manifest,
    fingerprint256: s.chain[0].fingerprint256,
  };
  return { ...signature, text: describeSignature(signature, now) };
}
