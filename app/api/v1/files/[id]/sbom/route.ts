import { z } from 'zod';
import { apiRoute } from '@/lib/server/http/route';
import { getFileSbom } from '@/lib/server/inside-reports/get-file-sbom';
import { contentDisposition } from '@/lib/server/storage/s3';

const params = z.object({ id: z.string() });

/** GET /api/v1/files/{id}/sbom — the CycloneDX 1.6 SBOM of the file's disk, as an attachment. */
export const GET = apiRoute({ scope: 'read', params }, async ({ actor, params: { id } }) => {
  const { sbom, fileName } = await getFileSbom(actor, id);
  return new Response(`${JSON.stringify(sbom, null, 2)}\n`, {
    status: 200,
    headers: {
      'content-type': 'application/vnd.cyclonedx+json; version=1.6',
      'content-disposition': contentDisposition(fileName),
      'cache-control': 'private, no-store',
    },
  });
});
