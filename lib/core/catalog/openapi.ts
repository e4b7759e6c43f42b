// The catalog, files, reviews and Vagrant endpoints as an OpenAPI 3.1 paths fragment, built from
// the same zod schemas the routes answer with. lib/core/api/openapi.ts assembles the document.
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import {
  applianceSchema,
  dailyDownloadsSchema,
  fileInfoSchema,
  fileListSchema,
  launchResponseSchema,
  reviewListSchema,
  searchResponseSchema,
  vagrantCatalogSchema,
  versionListSchema,
} from '@/lib/core/catalog/api-schemas';
import { searchQuerySchema } from '@/lib/core/catalog/search-params';
import { problemSchema } from '@/lib/core/http/problem-schema';
import { reviewInputSchema } from '@/lib/core/reviews/review-schemas';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });

const errors = {
  '401': problem('The bearer token is invalid, expired or revoked'),
  '403': problem('The token lacks the scope this operation needs'),
  '404': problem('Not found, or not visible to the caller (hidden listings and files are never "forbidden")'),
  '422': problem('A parameter or the body did not validate'),
  '429': problem('Too many requests'),
};

const listingPath = z.object({
  publisher: z.string().meta({ description: 'Publisher handle', example: 'demo-labs' }),
  slug: z.string().meta({ description: 'Appliance slug', example: 'alpine-minimal' }),
});
const fileIdPath = z.object({ id: z.string().meta({ description: 'File id', example: 'f1e2d3c4b5a6' }) });
const pageQuery = z.object({
  cursor: z.string().optional().meta({ description: "Opaque cursor from the previous page's nextCursor" }),
  limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: 'Items per page (1–100, default 20)' }),
});

// Anonymous or a token: both are accepted for reads.
const read: { security: Record<string, string[]>[] } = { security: [{ bearer: [] }, {}] };

function op(o: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { ...read, ...o };
}

export const catalogTags = [
  { name: 'Catalog', description: 'Search published appliances, read listings, versions and files. Anonymous callers see published data; tokens need the `read` scope.' },
  { name: 'Files', description: 'File details, downloads (302 to a short-lived URL; Range and resume work) and launch commands.' },
  { name: 'Reviews', description: 'Ratings and reviews. Writing needs a signed-in session or a token with the `publish` scope.' },
  { name: 'Vagrant', description: "Vagrant's box catalog format: `vagrant box add <url>`." },
];

export const catalogPaths: ZodOpenApiPathsObject = {
  '/api/v1/appliances': {
    get: op({
      operationId: 'searchAppliances',
      tags: ['Catalog'],
      summary: 'Search appliances',
      description: 'Full-text search (ranked, typo-tolerant) over published listings with facet counts; each facet is counted with every other facet applied. Repeat a facet parameter to match any of several values.',
      requestParams: { query: searchQuerySchema },
      responses: { '200': json('A page of results with facets', searchResponseSchema), ...errors },
    }),
  },
  '/api/v1/appliances/{publisher}/{slug}': {
    get: op({
      operationId: 'getAppliance',
      tags: ['Catalog'],
      summary: 'Get an appliance',
      requestParams: { path: listingPath },
      responses: { '200': json('The listing', applianceSchema), ...errors },
    }),
  },
  '/api/v1/appliances/{publisher}/{slug}/versions': {
    get: op({
      operationId: 'listVersions',
      tags: ['Catalog'],
      summary: 'List versions, newest first',
      requestParams: { path: listingPath, query: pageQuery },
      responses: { '200': json('A page of versions', versionListSchema), ...errors },
    }),
  },
  '/api/v1/appliances/{publisher}/{slug}/versions/{version}/files': {
    get: op({
      operationId: 'listVersionFiles',
      tags: ['Catalog'],
      summary: "List a version's files",
      requestParams: { path: listingPath.extend({ version: z.string().meta({ example: '3.19' }) }) },
      responses: { '200': json('The files the caller may see', fileListSchema), ...errors },
    }),
  },
  '/api/v1/appliances/{publisher}/{slug}/reviews': {
    get: op({
      operationId: 'listReviews',
      tags: ['Reviews'],
      summary: 'List reviews, newest first',
      requestParams: { path: listingPath, query: pageQuery },
      responses: { '200': json('A page of reviews with the average', reviewListSchema), ...errors },
    }),
    post: {
      operationId: 'saveReview',
      tags: ['Reviews'],
      summary: 'Create or replace your review',
      description: 'One review per user and appliance; posting again replaces it. Publishers cannot review their own appliances. Rate-limited.',
      security: [{ bearer: [] }],
      requestParams: { path: listingPath },
      requestBody: { required: true, content: { 'application/json': { schema: reviewInputSchema } } },
      responses: {
        '201': json(
          'The saved review',
          z.object({
            id: z.string().meta({ example: 'cm3xk2v0a0001' }),
            rating: z.number().int().meta({ example: 5 }),
            body: z.string().meta({ example: 'Boots in seconds under QEMU; the checksum matched.' }),
            createdAt: z.string().meta({ example: '2026-11-25T18:00:00.000Z' }),
            updatedAt: z.string().meta({ example: '2026-11-25T18:00:00.000Z' }),
          }),
        ),
        ...errors,
      },
    },
  },
  '/api/v1/appliances/{publisher}/{slug}/downloads': {
    get: op({
      operationId: 'getDailyDownloads',
      tags: ['Catalog'],
      summary: 'Daily downloads (owner and admins)',
      requestParams: { path: listingPath, query: z.object({ days: z.coerce.number().int().min(1).max(365).optional().meta({ description: 'Days back, today included (default 30)' }) }) },
      responses: { '200': json('Counted downloads per UTC day', dailyDownloadsSchema), ...errors },
    }),
  },
  '/api/v1/files/{id}': {
    get: op({
      operationId: 'getFile',
      tags: ['Files'],
      summary: 'Get a file',
      description: 'Status, checksum, size, format, disks and hardware. Owners and admins also see why a file was rejected.',
      requestParams: { path: fileIdPath },
      responses: { '200': json('The file', fileInfoSchema), ...errors },
    }),
  },
  '/api/v1/files/{id}/download': {
    get: op({
      operationId: 'downloadFile',
      tags: ['Files'],
      summary: 'Download a file',
      description: 'Redirects to a presigned URL valid for a few minutes, with the file name in Content-Disposition. Counted once per user (or address) per file per UTC day.',
      requestParams: { path: fileIdPath },
      responses: {
        '302': { description: 'Found: follow Location to the bytes', headers: z.object({ location: z.string().meta({ description: 'Short-lived URL of the bytes' }) }) },
        ...errors,
      },
    }),
  },
  '/api/v1/files/{id}/launch': {
    get: op({
      operationId: 'getLaunchPlan',
      tags: ['Files'],
      summary: 'Commands to run a file in a player',
      requestParams: { path: fileIdPath, query: z.object({ player: z.enum(['qemu', 'virtualbox', 'vmware', 'vagrant']).optional().meta({ description: 'Default qemu' }) }) },
      responses: { '200': json('The plan and its shell text', launchResponseSchema), ...errors },
    }),
  },
  '/api/v1/vagrant/{publisher}/{appliance}': {
    get: op({
      operationId: 'getVagrantCatalog',
      tags: ['Vagrant'],
      summary: 'Vagrant box catalog',
      requestParams: { path: z.object({ publisher: listingPath.shape.publisher, appliance: listingPath.shape.slug }) },
      responses: { '200': json('Box metadata: released versions, verified boxes, SHA-256 checksums', vagrantCatalogSchema), ...errors },
    }),
  },
};

/** The fragment lib/core/api/openapi.ts merges into /api/v1/openapi.json. */
export const catalogOpenApi = { paths: catalogPaths, tags: catalogTags };
