import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { json } from '@/lib/server/http/respond';
import { getFileInside } from '@/lib/server/inside-reports/get-file-inside';

const params = z.object({ id: z.string() });

/** GET /api/v1/files/{id}/inside — what is inside the file's disk, for whoever may download it. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { id } }) => json(await getFileInside(actor, id)));
