import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { getLaunchPlan } from '@/lib/server/catalog/get-file-info';

/** GET /api/v1/files/{id}/launch?player=qemu|virtualbox|vmware|vagrant — the commands to run it. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  const player = new URL(request.url).searchParams.get('player') ?? 'qemu';
  return jsonResponse(await getLaunchPlan(caller?.actor ?? null, id, player));
});
