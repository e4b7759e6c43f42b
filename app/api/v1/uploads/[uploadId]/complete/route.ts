import { apiRoute, readJson } from '@/lib/server/api/route';
import { json, publishingActor } from '@/lib/server/publishing/http';
import { completeUploadRequestSchema } from '@/lib/core/publishing/api-schemas';
import { completeUpload } from '@/lib/server/uploads/complete-upload';
import { completeResultXml, errorXml, isXmlRequest, parseCompleteMultipartXml } from '@/lib/core/uploads/s3-dialect';
import { isAppError, publicMessage } from '@/lib/core/errors';
import { ZodError } from 'zod';

type Params = { uploadId: string };

const completeJson = apiRoute<Params>(async (request, { params }) => {
  const actor = await publishingActor(request);
  const input = completeUploadRequestSchema.parse(await readJson(request, 2_000_000));
  return json(await completeUpload(actor, (await params).uploadId, input));
});

/** S3's CompleteMultipartUpload dialect (what Uppy's S3 client sends); the SHA-256 comes in a header. */
async function completeXml(request: Request, { params }: { params: Promise<Params> }): Promise<Response> {
  const xml = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'application/xml', 'cache-control': 'no-store' } });
  try {
    const actor = await publishingActor(request);
    const { uploadId } = await params;
    const input = completeUploadRequestSchema.parse({
      parts: parseCompleteMultipartXml(await request.text()),
      sha256: request.headers.get('x-apx-sha256') ?? '',
    });
    const result = await completeUpload(actor, uploadId, input);
    const location = new URL(`/api/v1/uploads/${encodeURIComponent(uploadId)}`, request.url).toString();
    return xml(completeResultXml({ location, bucket: 'appliance-exchange', key: result.fileId, fileId: result.fileId }), 200);
  } catch (e) {
    if (isAppError(e)) return xml(errorXml(e.code, e.message), e.status);
    if (e instanceof ZodError) return xml(errorXml('INVALID', e.issues[0]?.message ?? 'The request did not validate.'), 422);
    return xml(errorXml('INTERNAL', publicMessage(e, 'upload completion')), 500);
  }
}

export async function POST(request: Request, context: { params: Promise<Params> }) {
  return isXmlRequest(request) ? completeXml(request, context) : completeJson(request, context);
}
