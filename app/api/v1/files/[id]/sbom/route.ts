import { apiRoute } from '@/lib/server/api/route';
import { catalogCaller } from '@/lib/server/catalog/api-caller';
import { getFileSbom } from '@/lib/server/inside-reports/get-file-sbom';
import { contentDisposition } from '@/lib/server/storage/s3';

/** GET /api/v1/files/{id}/sbom — the CycloneDX 1.6 SBOM of the file's disk, as an attachment. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const caller = await catalogCaller(request);
  const { id } = await params;
  const { sbom, fileName } = await getFileSbom(caller?.actor ?? null, id);
  return new Response(`${JSON.stringify(sbom, null, 2)}\n`, {
    status: 200,
    headers: {
      'content-type': 'application/vnd.cyclonedx+json; version=1.6',
      'content-disposition': contentDisposition(fileName),
      'cache-control': 'private, no-store',
    },
  });
});
