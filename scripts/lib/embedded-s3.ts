// The embedded S3-compatible server (npm s3rver) used when S3_ENDPOINT is unset.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { extendS3rverMultipart } from './s3rver-multipart.ts';
import { extendS3rverRanges } from './s3rver-ranges.ts';
import { verifySigV4 } from './sigv4-verify.ts';

const require = createRequire(import.meta.url);

interface KoaContext {
  method: string;
  req: { url?: string; headers: import('node:http').IncomingHttpHeaders };
  status: number;
  type: string;
  body: unknown;
}
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[];
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;

// What browsers need: presigned PUTs for uploads (the ETag of each part readable by Uppy to complete
// the multipart upload), and Range GETs for "Try in browser" (Content-Range readable). Only from
// the site's own origin when it is given (npm start gives PUBLIC_URL's); tests and benches use '*'.
export function browserCorsXml(allowedOrigin = '*'): string {
  const origin = allowedOrigin.replace(/[<>&"']/g, '');
  return `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <ExposeHeader>Content-Length</ExposeHeader>
    <ExposeHeader>Content-Range</ExposeHeader>
    <ExposeHeader>Accept-Ranges</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;
}

export interface EmbeddedS3Handle {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedS3(options: {
  dir: string;
  port: number;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  host?: string;
  /** The one origin browsers may read and write from (the site's); default any. */
  allowedOrigin?: string;
}): Promise<EmbeddedS3Handle> {
  const dir = path.resolve(options.dir);
  await fs.mkdir(dir, { recursive: true });
  const S3rver = require('s3rver') as S3rverCtor;
  // Resume, abort and clean-up need ListParts, AbortMultipartUpload and ListMultipartUploads.
  extendS3rverMultipart();
  // Suffix, open and unsatisfiable ranges as S3 answers them.
  extendS3rverRanges();
  // s3rver checks signatures against its account registry: register our own key pair.
  const account = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  account.DUMMY_ACCOUNT.createKeyPair(options.accessKeyId, options.secretAccessKey);
  const host = options.host ?? '0.0.0.0';
  const server = new S3rver({
    address: host,
    port: options.port,
    directory: dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [browserCorsXml(options.allowedOrigin)] }],
  });
  // First of all middleware: only requests signed with our key pair get through (see sigv4-verify.ts).
  const keys = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
  server.middleware.unshift(async (ctx, next) => {
    if (ctx.method === 'OPTIONS') return next(); // CORS preflight: carries no credentials by design
    const verdict = verifySigV4({ method: ctx.method, url: ctx.req.url ?? '/', headers: ctx.req.headers }, keys);
    if (verdict.ok) return next();
    ctx.status = 403;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${verdict.code}</Code><Message>${verdict.message}</Message></Error>`;
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => server.close(),
  };
}
