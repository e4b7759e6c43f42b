import { ZodError, z } from 'zod';
import { apiRoute, type RouteHandler } from '@/lib/server/http/route';
import { authenticate } from '@/lib/server/http/authenticate';
import { json } from '@/lib/server/http/respond';
import { completeUploadRequestSchema } from '@/lib/core/publishing/api-schemas';
import { completeUpload } from '@/lib/server/uploads/complete-upload';
import { completeResultXml, errorXml, isXmlRequest, parseCompleteMultipartXml } from '@/lib/core/uploads/s3-dialect';
import { isAppError, publicMessage, unauthenticated } from '@/lib/core/errors';

const params = z.object({ uploadId: z.string() });

const completeJson = apiRoute(
  { auth: 'required', scope: 'publish', params, body: completeUploadRequestSchema, maxBodyBytes: 2_000_000 },
  async ({ actor, params: { uploadId }, body }) => json(await completeUpload(actor, uploadId, body), { cache: 'no-store' }),
);

/**
 * S3's CompleteMultipartUpload dialect (what Uppy's S3 client sends); the SHA-256 comes in a
 * header. It answers in S3's XML, errors included, so it maps errors itself.
 */
const completeXml: RouteHandler = async (request, context) => {
  const xml = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'application/xml', 'cache-control': 'no-store' } });
  try {
    const caller = await authenticate(request, { scope: 'publish', required: true });
    if (!caller) throw unauthenticated();
    const { uploadId } = params.parse(await context.params);
    const input = completeUploadRequestSchema.parse({
      parts: parseCompleteMultipartXml(await request.text()),
      sha256: request.headers.get('x-apx-sha256') ?? '',
    });
    const result = await completeUpload(caller.actor, uploadId, input);
    const location = new URL(`/api/v1/uploads/${encodeURIComponent(uploadId)}`, request.url).toString();
    return xml(completeResultXml({ location, bucket: 'appliance-exchange', key: result.fileId, fileId: result.fileId }), 200);
  } catch (e) {
    if (isAppError(e)) return xml(errorXml(e.code, e.message), e.status);
    if (e instanceof ZodError) return xml(errorXml('INVALID', e.issues[0]?.message ?? 'The request did not validate.'), 422);
    return xml(errorXml('INTERNAL', publicMessage(e, 'upload completion')), 500);
  }
};

export const POST: RouteHandler = (request, context) => (isXmlRequest(request) ? completeXml(request, context) : completeJson(request, context));
