// The publishing, uploads, moderation and screenshot endpoints as an OpenAPI 3.1 paths fragment,
// built from the same zod schemas the routes validate with. lib/core/api/openapi.ts assembles the whole
// document at /api/v1/openapi.json from fragments like this one.
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { problemSchema } from '@/lib/core/http/problem-schema';
import {
  completeUploadRequestSchema,
  completedUploadSchema,
  createListingRequestSchema,
  createUploadRequestSchema,
  createVersionRequestSchema,
  createdListingSchema,
  createdUploadSchema,
  createdVersionSchema,
  listingListSchema,
  listingSchema,
  moderationRequestSchema,
  moderationResultSchema,
  revokeVersionRequestSchema,
  signedPartSchema,
  unfinishedUploadListSchema,
  updateListingRequestSchema,
  uploadedPartsSchema,
  versionSchema,
} from '@/lib/core/publishing/api-schemas';

const s = {
  listing: listingSchema.meta({ id: 'PublisherListing', description: 'One of your listings, whatever its state' }),
  listingList: listingListSchema.meta({ id: 'PublisherListingList' }),
  createListing: createListingRequestSchema.meta({ id: 'CreateListingRequest' }),
  createdListing: createdListingSchema.meta({ id: 'CreatedListing' }),
  updateListing: updateListingRequestSchema.meta({ id: 'UpdateListingRequest', description: 'Only the fields given change' }),
  createVersion: createVersionRequestSchema.meta({ id: 'CreateVersionRequest' }),
  createdVersion: createdVersionSchema.meta({ id: 'CreatedVersion' }),
  version: versionSchema.meta({ id: 'PublisherVersion' }),
  revoke: revokeVersionRequestSchema.meta({ id: 'RevokeVersionRequest' }),
  createUpload: createUploadRequestSchema.meta({ id: 'CreateUploadRequest' }),
  createdUpload: createdUploadSchema.meta({ id: 'CreatedUpload' }),
  parts: uploadedPartsSchema.meta({ id: 'UploadedParts' }),
  signedPart: signedPartSchema.meta({ id: 'SignedPart' }),
  complete: completeUploadRequestSchema.meta({ id: 'CompleteUploadRequest' }),
  completed: completedUploadSchema.meta({ id: 'CompletedUpload' }),
  unfinished: unfinishedUploadListSchema.meta({ id: 'UnfinishedUploadList' }),
  moderation: moderationRequestSchema.meta({ id: 'ModerationRequest' }),
  moderated: moderationResultSchema.meta({ id: 'ModerationResult' }),
};

const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

const errors = {
  '401': problem('Not signed in, or the bearer token is invalid, expired or revoked'),
  '403': problem('The token lacks the `publish` scope, or the caller may not do this'),
  '404': problem('Not found, or not yours (other publishers’ listings and uploads do not exist for you)'),
  '422': problem('The body or a parameter did not validate; `errors` names the fields'),
  '429': problem('Too many requests'),
};

// A browser session or a personal token with the `publish` scope.
const publish = (o: ZodOpenApiOperationObject): ZodOpenApiOperationObject => ({ security: [{ bearer: [] }], ...o, responses: { ...errors, ...o.responses } });

const idPath = (what: string) => z.object({ id: z.string().meta({ description: `${what} id` }) });
const uploadPath = z.object({ uploadId: z.string().meta({ description: 'Upload id, from POST /api/v1/uploads' }) });

export const publishingTags = [
  { name: 'Publishing', description: 'Your listings and their versions. A browser session or a personal token with the `publish` scope.' },
  {
    name: 'Uploads',
    description:
      'Multipart uploads straight to S3: create an upload (the server picks the object key and part size), PUT each part to its presigned URL, complete with the parts and the SHA-256 you computed; list the parts to resume. Completed files are verified in the background.',
  },
  { name: 'Moderation', description: 'Admins decide on listings waiting for review. Needs a signed-in admin session; tokens are refused.' },
];

export const publishingPaths: ZodOpenApiPathsObject = {
  '/api/v1/publish/appliances': {
    get: publish({ operationId: 'listMyAppliances', tags: ['Publishing'], summary: 'List your appliances', responses: { '200': json('Your listings, newest change first', s.listingList) } }),
    post: publish({
      operationId: 'createAppliance',
      tags: ['Publishing'],
      summary: 'Create a listing',
      description: 'Needs a publisher profile. The listing starts as a private draft.',
      requestBody: body(s.createListing),
      responses: { '201': json('Created', s.createdListing), '409': problem('You already have a listing with this slug') },
    }),
  },
  '/api/v1/publish/appliances/{id}': {
    get: publish({ operationId: 'getMyAppliance', tags: ['Publishing'], summary: 'Get one of your listings', requestParams: { path: idPath('Listing') }, responses: { '200': json('The listing', s.listing) } }),
    patch: publish({
      operationId: 'updateAppliance',
      tags: ['Publishing'],
      summary: 'Change a listing',
      description: 'Partial update. The slug cannot change once the listing has been published.',
      requestParams: { path: idPath('Listing') },
      requestBody: body(s.updateListing),
      responses: { '200': json('The listing as it is now', s.listing), '409': problem('Slug taken, or the listing was published') },
    }),
  },
  '/api/v1/publish/appliances/{id}/versions': {
    post: publish({
      operationId: 'createVersion',
      tags: ['Publishing'],
      summary: 'Create a draft version',
      description: 'Versions are ordered as people expect: 1.10 after 1.9, pre-releases (2.0-rc.1) before their release.',
      requestParams: { path: idPath('Listing') },
      requestBody: body(s.createVersion),
      responses: { '201': json('Created', s.createdVersion), '409': problem('This version exists already') },
    }),
  },
  '/api/v1/publish/appliances/{id}/submit': {
    post: publish({
      operationId: 'submitAppliance',
      tags: ['Publishing'],
      summary: 'Submit a listing for review',
      description: 'The first publication is reviewed by an admin. Needs a released version with at least one verified file.',
      requestParams: { path: idPath('Listing') },
      responses: { '200': json('The listing, now in review', s.listing), '409': problem('Not ready (what is missing is in `detail`), already in review, or already published') },
    }),
  },
  '/api/v1/publish/versions/{id}/release': {
    post: publish({
      operationId: 'releaseVersion',
      tags: ['Publishing'],
      summary: 'Release a draft version',
      requestParams: { path: idPath('Version') },
      responses: { '200': json('The released version', s.version), '409': problem('Not a draft, or no verified file yet') },
    }),
  },
  '/api/v1/publish/versions/{id}/revoke': {
    post: publish({
      operationId: 'revokeVersion',
      tags: ['Publishing'],
      summary: 'Revoke a released version',
      description: 'It stays listed as revoked, with the reason, and its files can no longer be downloaded.',
      requestParams: { path: idPath('Version') },
      requestBody: body(s.revoke),
      responses: { '200': json('The revoked version', s.version), '409': problem('Not released') },
    }),
  },
  '/api/v1/uploads': {
    post: publish({
      operationId: 'createUpload',
      tags: ['Uploads'],
      summary: 'Start uploading a file into a version',
      description:
        'One file per version, format, architecture and provider (a rejected file may be replaced). The server checks the size limit, the file name against the format and the announced content type, creates the S3 multipart upload and tells you the part size.',
      requestBody: body(s.createUpload),
      responses: {
        '201': json('Upload created', s.createdUpload),
        '409': problem('The slot is taken, or the version is revoked'),
        '413': problem('Larger than the upload limit'),
        '415': problem('File name or content type not accepted for this format'),
      },
    }),
    get: publish({
      operationId: 'listUnfinishedUploads',
      tags: ['Uploads'],
      summary: 'Your unfinished uploads',
      description: 'What can be resumed, e.g. after a page reload: pick the same file again and send only the parts S3 lacks.',
      requestParams: { query: z.object({ versionId: z.string().optional().meta({ description: 'Only uploads into this version' }) }) },
      responses: { '200': json('Open uploads, newest first', s.unfinished) },
    }),
  },
  '/api/v1/uploads/{uploadId}': {
    delete: publish({
      operationId: 'abortUpload',
      tags: ['Uploads'],
      summary: 'Abort an upload',
      requestParams: { path: uploadPath },
      responses: { '204': { description: 'Aborted; S3 dropped the parts and the slot is free' }, '409': problem('Already complete') },
    }),
  },
  '/api/v1/uploads/{uploadId}/parts': {
    get: publish({
      operationId: 'listUploadParts',
      tags: ['Uploads'],
      summary: 'Parts S3 already holds',
      requestParams: { path: uploadPath },
      responses: { '200': json('Uploaded parts, by number', s.parts), '410': problem('The upload no longer exists in storage') },
    }),
  },
  '/api/v1/uploads/{uploadId}/parts/{partNumber}': {
    post: publish({
      operationId: 'signUploadPart',
      tags: ['Uploads'],
      summary: 'A presigned URL for one part',
      description: 'PUT the part’s bytes to the URL; S3 answers with its ETag. Parts are `partSize` bytes, the last one shorter.',
      requestParams: { path: uploadPath.extend({ partNumber: z.coerce.number().int().min(1).max(10_000).meta({ description: 'Part number, 1 to the upload’s maxParts' }) }) },
      responses: { '200': json('The URL, valid for an hour', s.signedPart), '409': problem('The upload is complete') },
    }),
  },
  '/api/v1/uploads/{uploadId}/complete': {
    post: publish({
      operationId: 'completeUpload',
      tags: ['Uploads'],
      summary: 'Complete an upload',
      description:
        'S3 joins the parts; the server checks the object has the announced size and queues its verification, which compares your SHA-256 with its own. Repeating the call answers the same. (The endpoint also accepts S3’s CompleteMultipartUpload XML with the SHA-256 in an `x-apx-sha256` header, which is what the upload page sends.)',
      requestParams: { path: uploadPath },
      requestBody: body(s.complete),
      responses: {
        '200': json('Completed; the file waits for verification', s.completed),
        '409': problem('A listed part is missing in S3 or has another ETag'),
        '410': problem('The upload no longer exists in storage'),
        '422': problem('The object is not the announced size (the file is then rejected)'),
      },
    }),
  },
  '/api/v1/moderation/appliances/{id}': {
    post: {
      operationId: 'moderateAppliance',
      tags: ['Moderation'],
      summary: 'Approve or reject a listing in review',
      description: 'Approving publishes the listing. Rejecting needs a reason, which the publisher sees. Admins only, in a browser session.',
      security: [],
      requestParams: { path: idPath('Listing') },
      requestBody: body(s.moderation),
      responses: { '200': json('The decision', s.moderated), '409': problem('The listing is not waiting for review'), ...errors },
    },
  },
  '/api/v1/screenshots/{id}': {
    get: {
      operationId: 'getScreenshot',
      tags: ['Catalog'],
      summary: 'A screenshot image',
      description: 'Redirects to a short-lived URL of the image (PNG, JPEG or WebP as stored; thumbnails are 640×400 WebP) when the caller may see the listing.',
      security: [{ bearer: [] }, {}],
      requestParams: { path: idPath('Screenshot'), query: z.object({ size: z.enum(['thumb', 'full']).optional().meta({ description: 'Default full' }) }) },
      responses: { '302': { description: 'To the image' }, '404': errors['404'] },
    },
  },
};

/** The fragment lib/core/api/openapi.ts merges into /api/v1/openapi.json. */
export const publishingOpenApi = { paths: publishingPaths, tags: publishingTags };
