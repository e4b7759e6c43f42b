// The shape of a verified OVF/OVA signature as it is stored with the file (inside the inspection JSON).

/**
 * How far the signer can be believed:
 * * `self-signed`: the certificate vouches for itself; anyone can make one with any name in it.
 * * `public-ca`: the chain ends at an authority in Node's bundled (Mozilla) root store.
 * * `unknown-ca`: issued by an authority that is not in that store (a company's own CA, say).
 */
export type SignatureTrust = 'self-signed' | 'public-ca' | 'unknown-ca';

export interface CertificateInfo {
  /** Distinguished name, most specific part first ("CN=…, O=…, C=…"). */
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** Colon-separated hex SHA-256 of the DER certificate, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint256: string;
}

export interface SignatureInfo {
  /** The certificate member (`name.cert`). */
  member: string;
  /** The manifest member the signature covers. */
  manifest: string;
  /** Digest the manifest was signed with. */
  algorithm: 'SHA256' | 'SHA384' | 'SHA512';
  /** The signer: the leaf certificate's subject. */
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  trust: SignatureTrust;
  /** Leaf first, each certificate issued by the next; the root when the package carries it. */
  chain: CertificateInfo[];
}
