// The download edge: the hottest request there is — an anonymous GET /api/v1/files/{id}/download —
// answered by our own server (scripts/serve.ts) before Next.js, because Next.js's request pipeline
// alone cannot meet the download goal here (README, "Benchmarks"). This one module is all of it:
// plain Node loads it, not Next.js's bundle, so it imports only pure modules (lib/core), settings
// (lib/config) and the process-wide metrics, never server-only services. It shares with the route
// (app/api/v1/files/[id]/download/route.ts) the access statement and decision
// (lib/core/appliances/file-access.ts), the reused presigned URL (lib/core/downloads/download-url.ts)
// and the counting statement (lib/core/downloads/count-download.ts); its database connections and
// URL signer are its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import pg from 'pg';
import { databaseTimeouts } from '@/lib/config/database-timeouts';
import { addressSalt, env } from '@/lib/config/env';
import { objectStoreSettings, s3ClientConfig } from '@/lib/config/object-store';
import { FILE_ACCESS_SQL, fileAccessOf, isIdLike, type FileAccessRow } from '@/lib/core/appliances/file-access';
import { countDownload, type Execute } from '@/lib/core/downloads/count-download';
import { downloadUrl, type SignDownload } from '@/lib/core/downloads/download-url';
import { isPlainlyAnonymous } from '@/lib/core/http/anonymous';
import { clientIpOf } from '@/lib/core/http/client-ip';
import { contentDisposition } from '@/lib/core/http/content-disposition';
import { securityHeaders } from '@/lib/core/http/security-headers';
import { metrics } from '@/lib/server/observability/metrics';

// What next.config.ts adds to every answer, then the route's own headers (no-referrer wins).
const BASE_HEADERS: Record<string, string> = Object.fromEntries(securityHeaders.map((h) => [h.key.toLowerCase(), h.value]));

const DOWNLOAD_PATH = /^\/api\/v1\/files\/([A-Za-z0-9_-]{1,64})\/download$/;

// A few connections of its own (DOWNLOAD_POOL_SIZE), so the access query can be a named prepared
// statement: parsed and planned once per connection instead of once per download.
let pool: pg.Pool | null = null;
function connections(): pg.Pool {
  if (!pool) {
    const e = env();
    pool = new pg.Pool({ connectionString: e.DATABASE_URL, max: e.DOWNLOAD_POOL_SIZE, ...databaseTimeouts() });
    pool.on('error', (e) => console.error('[downloads] idle connection failed:', e.message));
  }
  return pool;
}

const execute: Execute = async (sql, params) => (await connections().query(sql, params)).rowCount ?? 0;

let signer: { client: S3Client; bucket: string } | null = null;
const sign: SignDownload = (objectKey, fileName, expiresIn) => {
  if (!signer) {
    const s = objectStoreSettings();
    signer = { client: new S3Client(s3ClientConfig(s.publicEndpoint ?? s.endpoint)), bucket: s.bucket };
  }
  const command = new GetObjectCommand({ Bucket: signer.bucket, Key: objectKey, ResponseContentDisposition: contentDisposition(fileName) });
  return getSignedUrl(signer.client, command, { expiresIn });
};

/**
 * Answers an anonymous download of a file the public may download, exactly as the route would.
 * Only the plain success is answered here: anything else (a session or token, another method, a
 * file that is not downloadable, any error) returns false and Next.js answers as it always does,
 * so errors keep one shape.
 */
export function serveDownloadAtTheEdge(req: IncomingMessage, res: ServerResponse): Promise<boolean> | false {
  // Decided synchronously, so every other request goes to Next.js without a detour.
  if (req.method !== 'GET' || !req.url) return false;
  const query = req.url.indexOf('?');
  const match = DOWNLOAD_PATH.exec(query === -1 ? req.url : req.url.slice(0, query));
  if (!match || !isIdLike(match[1])) return false;
  if (!isPlainlyAnonymous(req.headers.authorization, req.headers.cookie)) return false;
  return answer(req, res, match[1]);
}

async function answer(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<boolean> {
  let url: string;
  let applianceId: string;
  try {
    const { rows } = await connections().query<FileAccessRow>({ name: 'apx-file-access', text: FILE_ACCESS_SQL, values: [fileId] });
    // Anonymous: no judge assignment to look up.
    const access = fileAccessOf(null, rows[0], false);
    if (!access?.downloadable) return false;
    url = await downloadUrl(access.file.objectKey, access.file.fileName, sign);
    applianceId = access.applianceId;
  } catch {
    return false;
  }
  res.writeHead(302, { ...BASE_HEADERS, location: url, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer', 'content-length': '0' });
  res.end();
  metrics().downloads.inc({ path: 'fast' });
  // serve.ts has already put the socket's address (or the trusted proxy's list) in X-Forwarded-For.
  const ip = clientIpOf(req.headers['x-forwarded-for']);
  countDownload({ fileId, applianceId, userId: null, ip }, addressSalt(), execute).catch((e: unknown) =>
    console.error('[downloads] counting failed:', e),
  );
  return true;
}
