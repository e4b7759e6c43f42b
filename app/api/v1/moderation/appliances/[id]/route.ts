import { apiRoute, readJson } from '@/lib/server/api/route';
import { authenticate } from '@/lib/server/api/authenticate';
import { json } from '@/lib/server/publishing/http';
import { AppError, unauthenticated } from '@/lib/core/errors';
import { moderationRequestSchema } from '@/lib/core/publishing/api-schemas';
import { moderateAppliance } from '@/lib/server/appliances/moderate-appliance';

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { required: true });
  if (!caller) throw unauthenticated();
  // Publishing a listing to everyone is done by a person at the admin pages, never by a script.
  if (caller.via !== 'session') throw new AppError('FORBIDDEN', 'Moderation needs a signed-in admin session, not an API token.');
  const input = moderationRequestSchema.parse(await readJson(request));
  return json(await moderateAppliance(caller.actor, (await params).id, input));
});
