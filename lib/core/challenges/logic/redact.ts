/**
 * Blind judging: what a judge is shown about an entry must not name who entered it. Two layers:
 * fields that exist to name a vendor are dropped (the OVF ProductSection's Vendor, VendorUrl,
 * ProductUrl and the EULA text, which usually says whose it is), and every remaining string has
 * the entrant's known identities (name, e-mail, publisher handle, display name, URLs) replaced.
 */

export const REDACTED = '[redacted]';

/** Identities too short to be told apart from ordinary words are left alone. */
const MIN_IDENTITY_LENGTH = 3;

export function createRedactor(identities: (string | null | undefined)[]): (text: string) => string {
  const list = [...new Set(identities.map((s) => s?.trim() ?? '').filter((s) => s.length >= MIN_IDENTITY_LENGTH))]
    // Longest first, so "Demo Labs" goes before a handle it contains.
    .sort((a, b) => b.length - a.length);
  // URLs are also matched without their scheme and trailing slash: "example.com/acme".
  const variants = new Set<string>();
  for (const s of list) {
    variants.add(s);
    const bare = s.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    if (bare.length >= MIN_IDENTITY_LENGTH) variants.add(bare);
  }
  if (variants.size === 0) return (text) => text;
  const pattern = new RegExp([...variants].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gi');
  return (text) => text.replace(pattern, REDACTED);
}

/** Applies `redact` to every string inside a JSON-like value (keys stay as they are). */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

const VENDOR_FIELDS = ['vendor', 'vendorUrl', 'productUrl', 'eula'] as const;

/**
 * The inspection report as a blind judge may see it: the vendor fields and the EULA text are
 * gone (a flag says whether there was a EULA), from the package summary and every virtual
 * system; all other strings pass through `redact`.
 */
export function blindInspection(inspection: unknown, redact: (text: string) => string): Record<string, unknown> | null {
  if (!inspection || typeof inspection !== 'object' || Array.isArray(inspection)) return null;
  const strip = (obj: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...obj };
    const hadEula = typeof out.eula === 'string' && out.eula.trim() !== '';
    for (const f of VENDOR_FIELDS) delete out[f];
    if (hadEula) out.hasEula = true;
    return out;
  };
  const top = strip(inspection as Record<string, unknown>);
  // A package's signer is who made it (subject, issuer, fingerprint): only the fact that it is signed stays.
  if (top.signature !== undefined) {
    delete top.signature;
    top.signed = true;
  }
  if (Array.isArray(top.virtualSystems)) {
    top.virtualSystems = top.virtualSystems.map((vs) => (vs && typeof vs === 'object' && !Array.isArray(vs) ? strip(vs as Record<string, unknown>) : vs));
  }
  return redactDeep(top, redact);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
