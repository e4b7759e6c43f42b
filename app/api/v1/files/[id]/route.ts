import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { getFileInfo } from '@/lib/server/catalog/get-file-info';

const params = z.object({ id: z.string() });

/** GET /api/v1/files/{id} — one file: status, checksum, size, format, disks, hardware. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { id } }) => json(await getFileInfo(actor, id)));
