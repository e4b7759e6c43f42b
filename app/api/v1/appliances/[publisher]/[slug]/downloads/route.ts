import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { getDailyDownloads } from '@/lib/server/downloads/daily-downloads';
import { invalid } from '@/lib/core/errors';

const params = z.object({ publisher: z.string(), slug: z.string() });

/** GET …/downloads?days=30 — counted downloads per UTC day, for the owner and admins. */
export const GET = apiRoute({ scope: 'read', params }, async ({ request, actor, params: { publisher, slug } }) => {
  const days = Number(new URL(request.url).searchParams.get('days') ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw invalid('Use days from 1 to 365.', { days: 'Out of range.' });
  return json(await getDailyDownloads(actor, publisher, slug, days));
});
