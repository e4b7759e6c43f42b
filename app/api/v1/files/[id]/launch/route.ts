import { apiRoute } from '@/lib/api/route';
import { catalogCaller } from '@/lib/catalog/api-caller';
import { jsonResponse } from '@/lib/catalog/api-response';
import { getLaunchPlan } from '@/lib/catalog/get-file-info';

/** GET /api/v1/files/{id}/launch?player=qemu|virtualbox|vmware|vagrant — the commands to run it. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  const player = new URL(request.url).searchParams.get('player') ?? 'qemu';
  return jsonResponse(await getLaunchPlan(caller?.actor ?? null, id, player));
});
