import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { versionView } from '@/lib/server/catalog/api-views';
import { getApplianceDetail } from '@/lib/server/catalog/get-appliance-detail';
import { invalid, notFound } from '@/lib/core/errors';

const params = z.object({ publisher: z.string(), slug: z.string() });

const MAX_LIMIT = 100;

function readCursor(value: string | null): string | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { v?: unknown; after?: unknown };
    if (parsed.v === 1 && typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through
  }
  throw invalid('The cursor is not one this API handed out.', { cursor: 'Invalid cursor.' });
}

/** GET …/versions — newest first; cursor pagination (opaque). */
export const GET = apiRoute({ scope: 'read', params }, async ({ request, actor, params: { publisher, slug } }) => {
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid(`Use a limit from 1 to ${MAX_LIMIT}.`, { limit: 'Out of range.' });
  const after = readCursor(url.searchParams.get('cursor'));
  const detail = await getApplianceDetail(actor, publisher, slug);
  if (!detail) throw notFound('That appliance');
  const start = after === null ? 0 : detail.versions.findIndex((v) => v.version === after) + 1;
  if (after !== null && start === 0) throw invalid('The cursor is not one this API handed out.', { cursor: 'Unknown position.' });
  const page = detail.versions.slice(start, start + limit);
  const more = start + limit < detail.versions.length;
  return json({
    items: page.map((v) => versionView(detail, v)),
    nextCursor: more ? Buffer.from(JSON.stringify({ v: 1, after: page.at(-1)!.version })).toString('base64url') : null,
  });
});
