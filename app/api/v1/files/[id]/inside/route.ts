import { apiRoute } from '@/lib/api/route';
import { catalogCaller } from '@/lib/catalog/api-caller';
import { jsonResponse } from '@/lib/catalog/api-response';
import { getFileInside } from '@/lib/inside-reports/get-file-inside';

/** GET /api/v1/files/{id}/inside — what is inside the file's disk, for whoever may download it. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  return jsonResponse(await getFileInside(caller?.actor ?? null, id));
});
