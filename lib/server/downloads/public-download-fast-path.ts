import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { databaseTimeouts } from '@/lib/config/database-timeouts';
import { env } from '@/lib/config/env';
import type { Actor } from '@/lib/core/auth/roles';
import { FILE_ACCESS_SQL, fileAccessOf, isIdLike, type FileAccess, type FileAccessRow } from '@/lib/server/catalog/listing-access';
import { isPlainlyAnonymous } from '@/lib/core/http/anonymous';
import { securityHeaders } from '@/lib/core/http/security-headers';
import { clientIpOf } from '@/lib/core/http/client-ip';
import { prepareDownload } from './prepare-download';
import { recordDownload, type Execute } from './record-download';

// What next.config.ts adds to every answer, then the route's own headers (no-referrer wins).
const BASE_HEADERS: Record<string, string> = Object.fromEntries(securityHeaders.map((h) => [h.key.toLowerCase(), h.value]));

const DOWNLOAD_PATH = /^\/api\/v1\/files\/([A-Za-z0-9_-]{1,64})\/download$/;

// A few connections of its own, so the access query can be a named prepared statement (parsed and
// planned once per connection instead of once per download). This copy of lib/ never uses Prisma:
// the client belongs to Next.js's copy (see scripts/serve.ts).
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

/** findFile (lib/server/catalog/listing-access.ts) with the same statement and the same decision. */
async function findFilePrepared(actor: Actor | null, fileId: string): Promise<FileAccess | null> {
  if (!isIdLike(fileId)) return null;
  const { rows } = await connections().query<FileAccessRow>({ name: 'apx-file-access', text: FILE_ACCESS_SQL, values: [fileId] });
  return fileAccessOf(actor, rows[0]);
}

/**
 * The hottest request there is — an anonymous GET /api/v1/files/{id}/download — answered by our
 * own server (scripts/serve.ts) before Next.js, with the same code the route runs
 * (app/api/v1/files/[id]/download/route.ts): the same access decision for an anonymous caller, the
 * same presigned URL, the same counting after the answer. Only the plain success is answered here:
 * anything else (a session or token, another method, a file that is not downloadable, any error)
 * returns false and Next.js answers as it always does, so errors keep one shape.
 */
export function servePublicDownload(req: IncomingMessage, res: ServerResponse): Promise<boolean> | false {
  // Decided synchronously, so every other request goes to Next.js without a detour.
  if (req.method !== 'GET' || !req.url) return false;
  const query = req.url.indexOf('?');
  const match = DOWNLOAD_PATH.exec(query === -1 ? req.url : req.url.slice(0, query));
  if (!match) return false;
  if (!isPlainlyAnonymous(req.headers.authorization, req.headers.cookie)) return false;
  return answer(req, res, match[1]);
}

async function answer(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<boolean> {
  let target;
  try {
    target = await prepareDownload(null, fileId, findFilePrepared);
  } catch {
    return false;
  }
  res.writeHead(302, { ...BASE_HEADERS, location: target.url, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer', 'content-length': '0' });
  res.end();
  // serve.ts has already put the socket's address (or the trusted proxy's list) in X-Forwarded-For.
  const ip = clientIpOf(req.headers['x-forwarded-for']);
  recordDownload({ fileId: target.fileId, applianceId: target.applianceId, userId: null, ip }, execute).catch((e: unknown) => console.error('[downloads] counting failed:', e));
  return true;
}
