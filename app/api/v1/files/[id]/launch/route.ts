import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { getLaunchPlan } from '@/lib/server/catalog/get-file-info';

const params = z.object({ id: z.string() });

/** GET /api/v1/files/{id}/launch?player=qemu|virtualbox|vmware|vagrant — the commands to run it. */
export const GET = apiRoute({ scope: 'read', params }, async ({ request, actor, params: { id } }) => {
  const player = new URL(request.url).searchParams.get('player') ?? 'qemu';
  return json(await getLaunchPlan(actor, id, player));
});
