import { apiRoute } from '@/lib/api/route';
import { authenticate } from '@/lib/api/authenticate';
import { jsonResponse } from '@/lib/catalog/api-response';
import { getFileInfo } from '@/lib/catalog/get-file-info';

/** GET /api/v1/files/{id} — one file: status, checksum, size, format, disks, hardware. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await authenticate(request, { scope: 'read' });
  const { id } = await params;
  return jsonResponse(await getFileInfo(caller?.actor ?? null, id));
});
