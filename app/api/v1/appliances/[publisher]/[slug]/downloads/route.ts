import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { getDailyDownloads } from '@/lib/server/downloads/daily-downloads';
import { invalid } from '@/lib/core/errors';

type Params = { publisher: string; slug: string };

/** GET …/downloads?days=30 — counted downloads per UTC day, for the owner and admins. */
export const GET = apiRoute<Params>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { publisher, slug } = await params;
  const days = Number(new URL(request.url).searchParams.get('days') ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw invalid('Use days from 1 to 365.', { days: 'Out of range.' });
  return jsonResponse(await getDailyDownloads(caller?.actor ?? null, publisher, slug, days));
});
