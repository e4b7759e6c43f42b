import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { redirect } from '@/lib/server/http/respond';
import { notFound } from '@/lib/core/errors';
import { publisherAvatarUrl } from '@/lib/server/publishers/update-publisher';

const params = z.object({ handle: z.string() });

export const GET = apiRoute({ auth: 'none', params }, async ({ params: { handle } }) => {
  const url = await publisherAvatarUrl(handle);
  if (!url) throw notFound('That avatar');
  return redirect(url, { 'cache-control': 'public, max-age=300' });
});
