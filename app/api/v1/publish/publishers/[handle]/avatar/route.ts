import { apiRoute } from '@/lib/server/api/route';
import { notFound } from '@/lib/core/errors';
import { publisherAvatarUrl } from '@/lib/server/publishers/update-publisher';

export const GET = apiRoute<{ handle: string }>(async (_request, { params }) => {
  const url = await publisherAvatarUrl((await params).handle);
  if (!url) throw notFound('That avatar');
  return new Response(null, { status: 302, headers: { location: url, 'cache-control': 'public, max-age=300' } });
});
