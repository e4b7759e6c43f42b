import { describe, expect, it } from 'vitest';
import { createDocument } from 'zod-openapi';
import { publishingOpenApi } from '@/lib/core/publishing/openapi';

describe('the publishing OpenAPI fragment', () => {
  const doc = createDocument({
    openapi: '3.1.0',
    info: { title: 'test', version: '1' },
    paths: publishingOpenApi.paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  });

  it('describes every publishing endpoint with the method the route answers', () => {
    const ops = Object.entries(doc.paths ?? {}).flatMap(([p, item]) => Object.keys(item ?? {}).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual(
      [
        'GET /api/v1/publish/appliances',
        'POST /api/v1/publish/appliances',
        'GET /api/v1/publish/appliances/{id}',
        'PATCH /api/v1/publish/appliances/{id}',
        'POST /api/v1/publish/appliances/{id}/versions',
        'POST /api/v1/publish/appliances/{id}/submit',
        'POST /api/v1/publish/versions/{id}/release',
        'POST /api/v1/publish/versions/{id}/revoke',
        'POST /api/v1/uploads',
        'GET /api/v1/uploads',
        'DELETE /api/v1/uploads/{uploadId}',
        'GET /api/v1/uploads/{uploadId}/parts',
        'POST /api/v1/uploads/{uploadId}/parts/{partNumber}',
        'POST /api/v1/uploads/{uploadId}/complete',
        'POST /api/v1/moderation/appliances/{id}',
        'GET /api/v1/screenshots/{id}',
      ].sort(),
    );
  });

  it('renders the request and response schemas as components', () => {
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['CreateUploadRequest', 'CreatedUpload', 'CompleteUploadRequest', 'PublisherListing', 'ModerationRequest']));
    const create = JSON.stringify(schemas.CreateUploadRequest);
    for (const field of ['versionId', 'format', 'architecture', 'fileName', 'size', 'VAGRANT_BOX', 'ARM64']) expect(create).toContain(field);
    expect(JSON.stringify(schemas.CreatedUpload)).toContain('partSize');
  });
});
