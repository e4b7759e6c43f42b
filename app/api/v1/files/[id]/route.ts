import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { jsonResponse } from '@/lib/core/catalog/api-response';
import { getFileInfo } from '@/lib/server/catalog/get-file-info';

/** GET /api/v1/files/{id} — one file: status, checksum, size, format, disks, hardware. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  return jsonResponse(await getFileInfo(caller?.actor ?? null, id));
});
