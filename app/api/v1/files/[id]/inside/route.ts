import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { getFileInside } from '@/lib/server/inside-reports/get-file-inside';

/** GET /api/v1/files/{id}/inside — what is inside the file's disk, for whoever may download it. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  return jsonResponse(await getFileInside(caller?.actor ?? null, id));
});
