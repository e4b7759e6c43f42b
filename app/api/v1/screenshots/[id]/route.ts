import { z } from 'zod';
import { apiRoute } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { notFound } from '@/lib/core/errors';
import { screenshotUrl } from '@/lib/server/screenshots/screenshot-url';

const querySchema = z.object({ size: z.enum(['thumb', 'full']).default('full') });

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await authenticate(request);
  const { size } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const url = await screenshotUrl(caller?.actor ?? null, (await params).id, size);
  if (!url) throw notFound('That screenshot');
  return new Response(null, { status: 302, headers: { location: url, 'cache-control': 'private, max-age=240' } });
});
