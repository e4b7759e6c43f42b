// Next.js Proxy, in front of every page request (not /api: the API's route wrapper applies the
// same cross-site rule, and its bodies should not be buffered here). Two jobs:
//
// 1. A state-changing request to a page is a server action (or a form post to one): another
//    site's page may not send it. Next.js's own origin check throws, which answers 500; we answer
//    403 first, with the rule the API uses (lib/core/http/cross-site.ts).
// 2. A fresh nonce per response and the Content-Security-Policy that allows only scripts carrying
//    it (lib/core/http/content-security-policy.ts). Next.js reads the nonce from the request's policy
//    header and puts it on its own scripts. Every page already renders per request (the header
//    shows who is signed in), so the nonce costs no static rendering we had.
import { NextResponse, type NextRequest } from 'next/server';
import { crossSiteWriteRefusal } from '@/lib/core/http/cross-site';
import { contentSecurityPolicy, createNonce } from '@/lib/core/http/content-security-policy';
import { env, publicUrl } from '@/lib/config/env';

export function proxy(request: NextRequest) {
  const refusal = crossSiteWriteRefusal(request, publicUrl());
  if (refusal) {
    return new NextResponse(`${refusal}\n`, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }

  const nonce = createNonce();
  const settings = env();
  const policy = contentSecurityPolicy(nonce, {
    publicUrl: publicUrl(settings),
    s3Endpoint: settings.S3_ENDPOINT,
    s3PublicEndpoint: settings.S3_PUBLIC_ENDPOINT,
    s3Bucket: settings.S3_BUCKET,
    s3Region: settings.S3_REGION,
    s3ForcePathStyle: settings.S3_FORCE_PATH_STYLE ?? true,
    development: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  // Sign-in links bring the person back here (lib/server/http/current-page.ts); never taken from the client.
  requestHeaders.set('x-page-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    // Everything but the API, Next.js's static files and image optimiser, and icons.
    '/((?!api/|_next/static/|_next/image|favicon.ico|icon|apple-icon).*)',
  ],
};
