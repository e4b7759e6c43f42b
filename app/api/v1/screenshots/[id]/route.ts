import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { redirect } from '@/lib/server/http/respond';
import { notFound } from '@/lib/core/errors';
import { screenshotUrl } from '@/lib/server/screenshots/screenshot-url';

const params = z.object({ id: z.string() });
const query = z.object({ size: z.enum(['thumb', 'full']).default('full') });

export const GET = apiRoute({ params, query }, async ({ actor, params: { id }, query: { size } }) => {
  const url = await screenshotUrl(actor, id, size);
  if (!url) throw notFound('That screenshot');
  return redirect(url, { 'cache-control': 'private, max-age=240' });
});
