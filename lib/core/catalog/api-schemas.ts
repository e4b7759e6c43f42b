// Response shapes of the catalog API (/api/v1/appliances/**, /api/v1/files/**, /api/v1/vagrant/**):
// the OpenAPI document is generated from these, and the serialisers in lib/server/catalog/api-views.ts
// are typed by them. Pure zod.
import { z } from 'zod';
import { FILE_FORMATS, ARCHITECTURES, SEARCH_SORTS } from '@/lib/core/catalog/search-params';
import { fileSignatureSchema } from '@/lib/core/files/file-signature';
import { defaultCredentialSchema, portSchema } from '@/lib/core/publishing/api-schemas';

const isoDate = z.string().meta({ description: 'ISO 8601 date-time (UTC)', example: '2026-11-25T18:00:00.000Z' });
const fileFormat = z.enum(FILE_FORMATS).meta({ id: 'FileFormat', description: 'Image format' });
const architecture = z.enum(ARCHITECTURES).meta({ id: 'Architecture' });
const player = z.enum(['qemu', 'virtualbox', 'vmware', 'vagrant']).meta({ id: 'Player' });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'Hex SHA-256 of the whole file, computed by the server', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });

export const applianceCardSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ example: 'Nginx Web Server' }),
    slug: z.string().meta({ example: 'nginx-web-server' }),
    publisherHandle: z.string().meta({ example: 'demo-labs' }),
    publisherName: z.string(),
    summary: z.string(),
    category: z.object({ slug: z.string(), name: z.string() }).nullable(),
    formats: z.array(fileFormat),
    architectures: z.array(architecture),
    latestVersion: z.string().nullable(),
    downloadCount: z.number().int(),
    ratingAvg: z.number(),
    ratingCount: z.number().int(),
    downloadSizeBytes: z.number().int().nullable().meta({ description: 'Size of the newest release\'s default file: the one a plain download or `apx pull` fetches (an OVA first, then the amd64 build, then the largest)' }),
    minMemoryMiB: z.number().int().nullable(),
    minCpus: z.number().int().nullable(),
    osFamily: z.string().nullable(),
    publishedAt: isoDate.nullable(),
    featured: z.boolean(),
    awards: z.array(z.string()).meta({ description: 'Challenge awards, once results are published' }),
  })
  .meta({ id: 'ApplianceSummary' });

const facetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() }).meta({ id: 'FacetValue' });

export const searchResponseSchema = z
  .object({
    items: z.array(applianceCardSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    total: z.number().int().meta({ description: 'Listings matching the query and every filter' }),
    facets: z
      .object({
        category: z.array(facetValue),
        os: z.array(facetValue),
        format: z.array(facetValue),
        arch: z.array(facetValue),
        license: z.array(facetValue),
        release: z.array(facetValue).meta({ description: 'OS release read from the disks ("Debian 12", "Alpine 3.20")' }),
        minRam: z.array(facetValue),
        maxSize: z.array(facetValue),
      })
      .meta({ id: 'Facets', description: "Each facet's counts apply every other facet's filter, not its own" }),
    suggestions: z
      .object({
        terms: z.array(z.string()).meta({ description: 'Nearby search terms (typos corrected), each found in some published listing', example: ['linux'] }),
        categories: z.array(facetValue).meta({ description: 'The categories with the most published listings' }),
      })
      .nullable()
      .meta({ id: 'SearchSuggestions', description: 'Only when nothing matched (`total` is 0); otherwise null' }),
  })
  .meta({ id: 'SearchResult' });

const requirements = z
  .object({
    cpus: z.number().int().nullable(),
    memoryMiB: z.number().int().nullable(),
    diskBytes: z.number().int().nullable(),
    osFamily: z.string().nullable(),
    osName: z.string().nullable(),
  })
  .meta({ id: 'Requirements' });

export const applianceSchema = z
  .object({
    id: z.string(),
    publisher: z.object({ handle: z.string(), displayName: z.string(), url: z.string().nullable() }),
    slug: z.string(),
    name: z.string(),
    summary: z.string(),
    description: z.string().meta({ description: 'Markdown' }),
    status: z.enum(['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'UNLISTED']).meta({ description: 'Anything but PUBLISHED is visible only to the owner, admins and assigned judges' }),
    category: z.object({ slug: z.string(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    license: z.string().nullable(),
    eula: z.string().nullable(),
    homepage: z.string().nullable(),
    requirements,
    defaultCredentials: z.array(defaultCredentialSchema).meta({ description: 'What to sign in with the first time, as the publisher states it (public: change it after the first sign-in)' }),
    ports: z.array(portSchema).meta({ description: 'What listens on the running appliance, as the publisher states it' }),
    formats: z.array(fileFormat),
    architectures: z.array(architecture),
    latestVersion: z.string().nullable(),
    downloadCount: z.number().int(),
    ratingAvg: z.number(),
    ratingCount: z.number().int(),
    publishedAt: isoDate.nullable(),
    updatedAt: isoDate,
    screenshots: z.array(z.object({ id: z.string(), caption: z.string(), width: z.number().int(), height: z.number().int(), thumbUrl: z.string(), fullUrl: z.string() })),
    awards: z.array(z.object({ title: z.string(), kind: z.string(), challenge: z.object({ slug: z.string(), title: z.string() }) })),
    links: z.object({ html: z.string(), versions: z.string(), reviews: z.string(), vagrant: z.string() }),
  })
  .meta({ id: 'Appliance' });

export const versionSchema = z
  .object({
    version: z.string().meta({ example: '1.4.2' }),
    status: z.enum(['DRAFT', 'RELEASED', 'REVOKED']),
    changelog: z.string().meta({ description: 'Markdown' }),
    releasedAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
    revokeReason: z.string().nullable(),
    files: z.string().meta({ description: 'URL of this version\'s files' }),
  })
  .meta({ id: 'Version' });

export const versionListSchema = z.object({ items: z.array(versionSchema), nextCursor: z.string().nullable() }).meta({ id: 'VersionList' });

export const fileSchema = z
  .object({
    id: z.string(),
    format: fileFormat,
    architecture,
    provider: z.string().meta({ description: 'Vagrant provider of a box (libvirt, virtualbox…); empty otherwise' }),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    sha256: sha256.nullable(),
    status: z.enum(['UPLOADING', 'PENDING', 'INSPECTING', 'VERIFIED', 'REJECTED']),
    verifiedAt: isoDate.nullable(),
    signature: fileSignatureSchema.nullable().meta({ description: 'Who signed the package, for a verified signed OVA/OVF; null when unsigned' }),
    downloadUrl: z.string().meta({ description: 'Redirects (302) to a short-lived URL of the bytes' }),
  })
  .meta({ id: 'File' });

export const fileListSchema = z.object({ items: z.array(fileSchema) }).meta({ id: 'FileList' });

export const fileInfoSchema = fileSchema
  .extend({
    version: z.string(),
    versionStatus: z.enum(['DRAFT', 'RELEASED', 'REVOKED']),
    appliance: z.object({ publisher: z.string(), slug: z.string(), name: z.string(), status: z.string() }),
    diskNames: z.array(z.string()).meta({ description: 'Disks inside an OVA/OVF, as inspection found them' }),
    ovfName: z.string().nullable(),
    hardware: z.object({ cpus: z.number().int().nullable(), memoryMiB: z.number().int().nullable() }),
    inspectedAt: isoDate.nullable(),
    rejectCode: z.string().nullable().meta({ description: 'Owner and admins only; null for everyone else' }),
    rejectReason: z.string().nullable().meta({ description: 'Owner and admins only; null for everyone else' }),
    players: z.array(player).meta({ description: 'Players that can run this file, best first' }),
  })
  .meta({ id: 'FileInfo' });

export const launchResponseSchema = z
  .object({
    plan: z
      .object({
        player,
        supported: z.boolean(),
        reason: z.string().optional(),
        steps: z.array(z.object({ title: z.string(), argv: z.array(z.string()), optional: z.boolean().optional() })),
        notes: z.array(z.string()),
      })
      .meta({ id: 'LaunchPlan' }),
    text: z.string().meta({ description: 'The plan as shell text: exactly what the site shows and `apx launch --dry-run` prints' }),
  })
  .meta({ id: 'Launch' });

export const reviewSchema = z
  .object({
    id: z.string(),
    rating: z.number().int().min(1).max(5),
    body: z.string().meta({ description: 'Markdown' }),
    author: z.object({ name: z.string() }),
    createdAt: isoDate,
    updatedAt: isoDate,
    reply: z.string().nullable().meta({ description: "The publisher's answer" }),
    repliedAt: isoDate.nullable(),
    hidden: z.boolean().meta({ description: 'Hidden by a moderator; only its author and admins still see it' }),
    hiddenReason: z.string().nullable(),
    own: z.boolean(),
  })
  .meta({ id: 'Review' });

export const reviewListSchema = z
  .object({
    items: z.array(reviewSchema),
    nextCursor: z.string().nullable(),
    ratingAvg: z.number(),
    ratingCount: z.number().int(),
  })
  .meta({ id: 'ReviewList' });

export const dailyDownloadsSchema = z
  .object({
    days: z.array(z.object({ day: z.string().meta({ example: '2026-11-25' }), downloads: z.number().int(), tries: z.number().int().meta({ description: '"Try in browser" boots, counted apart from downloads' }) })),
    total: z.number().int(),
    totalTries: z.number().int(),
  })
  .meta({ id: 'DailyDownloads' });

export const vagrantCatalogSchema = z
  .object({
    name: z.string().meta({ example: 'demo-labs/alpine-minimal' }),
    description: z.string(),
    versions: z.array(
      z.object({
        version: z.string(),
        status: z.literal('active'),
        description_markdown: z.string(),
        providers: z.array(
          z.object({
            name: z.string().meta({ example: 'libvirt' }),
            url: z.string().meta({ description: 'Absolute URL of the download endpoint' }),
            checksum_type: z.literal('sha256'),
            checksum: sha256,
            architecture: z.string().meta({ example: 'amd64' }),
            default_architecture: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'VagrantCatalog', description: "Vagrant's box metadata format: `vagrant box add <this URL>`" });

export const sortSchema = z.enum(SEARCH_SORTS);
