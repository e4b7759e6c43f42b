// Verifies the signature of an OVF package as VMware's ovftool writes it: a `name.cert` member holding
// `SHA256(name.mf)= <hex signature of the manifest file>` followed by the PEM certificate chain (leaf
// first). The manifest's digests then vouch for every other member, so one signature covers the package.
import { X509Certificate, verify as verifySignature } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { checkMemberName } from './archive-entry';
import { InspectError } from './errors';
import type { CertificateInfo, SignatureInfo, SignatureTrust } from './signature-types';

const MAX_CERTIFICATES = 10;
// 16384-bit RSA is the largest key anyone uses; its signature is 2048 bytes.
const MAX_SIGNATURE_HEX = 4096;
const MIN_RSA_BITS = 2048;
const MAX_NAME_CHARS = 512;

const SIGNED_DIGESTS = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' } as const;
type SignedDigest = keyof typeof SIGNED_DIGESTS;

// `SHA256(appliance.mf)= 3f…` (ovftool), also with the spacing of `openssl dgst` ("SHA256 (x) = ").
const SIGNATURE_LINE = /^([A-Za-z0-9-]+)\s*\((.+)\)\s*=\s*([0-9A-Fa-f]+)$/;
// Long enough to say "too long" about an oversized signature; short enough that the line regex stays cheap.
const MAX_SIGNATURE_LINE = 64 * 1024;
const PEM_BEGIN = /^-----BEGIN ([A-Z0-9 ]{1,64})-----$/;

/** PEM blocks by label, read line by line (a regex over the whole file could be made to backtrack for minutes). */
function pemBlocks(lines: string[]): { label: string; pem: string }[] {
  const blocks: { label: string; pem: string }[] = [];
  let open: { label: string; lines: string[] } | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (open) {
      open.lines.push(line);
      if (line === `-----END ${open.label}-----`) {
        blocks.push({ label: open.label, pem: `${open.lines.join('\n')}\n` });
        open = undefined;
      }
      continue;
    }
    const begin = PEM_BEGIN.exec(line);
    if (begin) open = { label: begin[1], lines: [line] };
  }
  return blocks;
}

export interface VerifyOptions {
  /** The moment validity is judged at; now by default. */
  now?: Date;
  /** PEM roots a chain must end at to count as publicly trusted; Node's bundled Mozilla store by default. */
  roots?: readonly string[];
}

export interface SignedMember {
  name: string;
  bytes: Uint8Array;
}

interface ParsedCert {
  algorithm: SignedDigest;
  covers: string;
  signature: Buffer;
  certificates: X509Certificate[];
}

function refuse(code: InspectError['code'], reason: string): never {
  throw new InspectError(code, reason);
}

/** "C=GB\nO=Acme\nCN=Acme Signing" → "CN=Acme Signing, O=Acme, C=GB": the signer's own name first. */
export function distinguishedName(raw: string): string {
  const text = raw
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse()
    .join(', ')
    // Control characters in a name could fake extra lines in a terminal or a log.
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS - 1)}…` : text || '(no name)';
}

function certificateInfo(cert: X509Certificate): CertificateInfo {
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: cert.validFromDate.toISOString(),
    validTo: cert.validToDate.toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

function parseCertFile(cert: SignedMember): ParsedCert {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(cert.bytes).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const firstLine = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  const match = firstLine.length <= MAX_SIGNATURE_LINE ? SIGNATURE_LINE.exec(firstLine) : null;
  if (!match) {
    refuse('CERT_INVALID', `the certificate file ${cert.name} does not start with a signature line of the form "SHA256(name.mf)= hex".`);
  }
  const digest = match[1].toUpperCase().replace('-', '');
  if (digest === 'SHA1') {
    refuse(
      'CERT_INVALID',
      `${cert.name} signs the manifest with SHA-1, which can be forged; sign it again with SHA-256 (ovftool --shaAlgorithm=SHA256).`,
    );
  }
  if (!(digest in SIGNED_DIGESTS)) {
    refuse('CERT_INVALID', `${cert.name} signs the manifest with ${match[1]}; only SHA256, SHA384 and SHA512 are accepted.`);
  }
  const hex = match[3];
  if (hex.length % 2 !== 0 || hex.length > MAX_SIGNATURE_HEX) {
    refuse('CERT_INVALID', `the signature in ${cert.name} is not a whole number of bytes or is longer than any real signature.`);
  }

  const blocks = pemBlocks(lines);
  if (lines.some((line) => line.trimStart().startsWith('-----BEGIN ') && line.includes('PRIVATE KEY'))) {
    refuse('CERT_INVALID', `${cert.name} contains a private key; never ship the signing key. Make a new key, since this one is public now.`);
  }
  const certificates: X509Certificate[] = [];
  for (const block of blocks) {
    if (block.label !== 'CERTIFICATE') continue;
    if (certificates.length === MAX_CERTIFICATES) {
      refuse('CERT_INVALID', `${cert.name} holds more than ${MAX_CERTIFICATES} certificates; a real chain has a handful.`);
    }
    try {
      certificates.push(new X509Certificate(block.pem));
    } catch {
      refuse('CERT_INVALID', `certificate ${certificates.length + 1} in ${cert.name} is not a readable X.509 certificate.`);
    }
  }
  if (!certificates.length) {
    refuse('CERT_INVALID', `${cert.name} has a signature but no PEM certificate ("-----BEGIN CERTIFICATE-----") to check it with.`);
  }
  return { algorithm: digest as SignedDigest, covers: match[2].trim(), signature: Buffer.from(hex, 'hex'), certificates };
}

function isSelfSigned(cert: X509Certificate): boolean {
  return cert.checkIssued(cert) && cert.verify(cert.publicKey);
}

const parsedRoots = new WeakMap<readonly string[], X509Certificate[]>();

function rootsOf(pems: readonly string[]): X509Certificate[] {
  let roots = parsedRoots.get(pems);
  if (!roots) {
    roots = pems.flatMap((pem) => {
      try {
        return [new X509Certificate(pem)];
      } catch {
        return [];
      }
    });
    parsedRoots.set(pems, roots);
  }
  return roots;
}

/** The public root the chain ends at: the top certificate itself, or the one that issued it. */
function findPublicRoot(top: X509Certificate, pems: readonly string[]): X509Certificate | undefined {
  const roots = rootsOf(pems);
  if (isSelfSigned(top)) return roots.find((root) => root.fingerprint256 === top.fingerprint256);
  return roots.find((root) => top.checkIssued(root) && top.verify(root.publicKey));
}

function checkKey(cert: X509Certificate, label: string, member: string): void {
  const key = cert.publicKey;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if ((key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') && bits !== undefined && bits < MIN_RSA_BITS) {
    refuse('CERT_INVALID', `the ${label} in ${member} has a ${bits}-bit RSA key, which can be broken; use ${MIN_RSA_BITS} bits or more.`);
  }
}

/**
 * Checks a package's certificate file against its manifest and returns who signed it, or throws the
 * reason it cannot be believed: the signature does not match the manifest's bytes, it covers another
 * file (or there is no manifest), a certificate is expired or not yet valid, or the chain is broken.
 * A self-signed certificate is accepted but reported as such; nothing here calls it trusted.
 */
export function verifyOvaSignature(cert: SignedMember, manifest: SignedMember | undefined, options: VerifyOptions = {}): SignatureInfo {
  const now = options.now ?? new Date();
  const parsed = parseCertFile(cert);
  if (!manifest) {
    refuse('SIGNATURE_UNCOVERED', `${cert.name} signs ${parsed.covers}, but the package has no manifest (.mf), so the signature vouches for none of its files.`);
  }
  let covers: string;
  try {
    covers = checkMemberName(parsed.covers);
  } catch {
    covers = parsed.covers;
  }
  if (covers !== manifest.name) {
    refuse(
      'SIGNATURE_UNCOVERED',
      `${cert.name} signs "${parsed.covers}", but the package's manifest is ${manifest.name}: the signature does not cover this package's files.`,
    );
  }

  const [leaf, ...issuers] = parsed.certificates;
  const chain = [leaf, ...issuers];
  chain.forEach((c, i) => checkKey(c, i === 0 ? 'signing certificate' : `certificate ${i + 1}`, cert.name));

  let matches = false;
  try {
    const digest = leaf.publicKey.asymmetricKeyType === 'ed25519' || leaf.publicKey.asymmetricKeyType === 'ed448' ? null : SIGNED_DIGESTS[parsed.algorithm];
    matches = verifySignature(digest, manifest.bytes, leaf.publicKey, parsed.signature);
  } catch {
    matches = false;
  }
  if (!matches) {
    refuse(
      'SIGNATURE_INVALID',
      `the signature in ${cert.name} does not match the manifest ${manifest.name}: the manifest was changed after it was signed, or it was signed with a key other than the certificate's (${distinguishedName(leaf.subject)}).`,
    );
  }

  for (let i = 0; i < chain.length; i++) {
    const c = chain[i];
    const who = i === 0 ? `the signing certificate (${distinguishedName(c.subject)})` : `the certificate of ${distinguishedName(c.subject)}`;
    if (now > c.validToDate) {
      refuse('CERT_EXPIRED', `${who} in ${cert.name} expired on ${c.validToDate.toISOString().slice(0, 10)}; the package must be signed again with a current certificate.`);
    }
    if (now < c.validFromDate) {
      refuse('CERT_EXPIRED', `${who} in ${cert.name} is not valid before ${c.validFromDate.toISOString().slice(0, 10)}.`);
    }
    const next = chain[i + 1];
    if (!next) break;
    if (!c.checkIssued(next) || !c.verify(next.publicKey)) {
      refuse(
        'CERT_CHAIN_INVALID',
        `the certificates in ${cert.name} are not a chain: certificate ${i + 1} (${distinguishedName(c.subject)}) was not issued by certificate ${i + 2} (${distinguishedName(next.subject)}). List the signer first, then each issuer in turn.`,
      );
    }
    if (!next.ca) {
      refuse('CERT_CHAIN_INVALID', `certificate ${i + 2} in ${cert.name} (${distinguishedName(next.subject)}) issues another certificate but is not a certificate authority.`);
    }
  }

  const top = chain[chain.length - 1];
  let trust: SignatureTrust;
  if (chain.length === 1 && isSelfSigned(leaf)) trust = 'self-signed';
  else trust = findPublicRoot(top, options.roots ?? rootCertificates) ? 'public-ca' : 'unknown-ca';

  const info = certificateInfo(leaf);
  return {
    member: cert.name,
    manifest: manifest.name,
    algorithm: parsed.algorithm,
    subject: info.subject,
    issuer: info.issuer,
    validFrom: info.validFrom,
    validTo: info.validTo,
    trust,
    chain: chain.map(certificateInfo),
  };
}

/**
 * What the archive walker hands over: the manifest's and the certificate's bytes as they pass by (both
 * are small and already held whole), checked once the whole package has been seen.
 */
export class SignatureCollector {
  private manifest?: SignedMember;
  private cert?: SignedMember;

  noteManifest(name: string, bytes: Uint8Array): void {
    this.manifest = { name, bytes };
  }

  noteCertificate(name: string, bytes: Uint8Array, fileName: string): void {
    if (this.cert) {
      refuse('CERT_INVALID', `${fileName} holds two certificate files (${this.cert.name} and ${name}); a package has at most one.`);
    }
    this.cert = { name, bytes };
  }

  /** The signer, undefined for an unsigned package; throws when the signature cannot be believed. */
  verify(options?: VerifyOptions): SignatureInfo | undefined {
    return this.cert ? verifyOvaSignature(this.cert, this.manifest, options) : undefined;
  }
}
