// One rule for every state-changing request that a browser could be tricked into sending: the
// API's route wrapper (lib/server/http/route.ts) and the proxy (proxy.ts, for server actions and other
// page POSTs) both ask it. Modelled on Go's http.CrossOriginProtection and Rails' origin check:
//
// * GET, HEAD and OPTIONS change nothing and pass.
// * A request carrying `Authorization: Bearer …` is authenticated by that token, never by the
//   ambient cookie, and a page on another site cannot add the header without a CORS preflight
//   that we never grant: it passes.
// * `Sec-Fetch-Site` (sent by every current browser) decides when present: `same-origin` and
//   `none` (typed by the user) pass, `same-site` and `cross-site` are refused. A sibling
//   subdomain is another site for our purposes: it may be a user's page.
// * Otherwise `Origin` decides when present: it must be the site's origin (PUBLIC_URL) or the
//   origin of the Host the request was sent to (with the site's scheme). `null` (sandboxed frames, some redirects) is refused.
// * Neither header: not a browser (every browser since 2020 sends Origin on a cross-origin POST,
//   and Sec-Fetch-Site besides). A program holding a session cookie is no forged request: it
//   passes, as in Go's CrossOriginProtection.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestLike {
  method: string;
  headers: Headers;
}

/** Why a request is refused as a cross-site write, or null when it may proceed. */
export function crossSiteWriteRefusal(request: RequestLike, siteOrigin: string): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const h = request.headers;
  if (/^Bearer\s/i.test(h.get('authorization') ?? '')) return null;

  const fetchSite = h.get('sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite) {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return null;
    return `A ${fetchSite} request may not change anything here: send it from this site, or with an API token.`;
  }

  const origin = h.get('origin')?.trim();
  if (origin) {
    if (sameOrigin(origin, siteOrigin) || originMatchesHost(origin, h.get('host'), siteOrigin)) return null;
    return 'A request from another origin may not change anything here: send it from this site, or with an API token.';
  }

  return null;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** The Host the request was sent to, with the site's scheme: an http:// page may not write to an https:// site. */
function originMatchesHost(origin: string, host: string | null, siteOrigin: string): boolean {
  if (!host) return false;
  try {
    const u = new URL(origin);
    return u.protocol === new URL(siteOrigin).protocol && u.host === host.trim().toLowerCase();
  } catch {
    return false;
  }
}
