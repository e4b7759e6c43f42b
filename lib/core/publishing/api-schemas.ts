// Request and response shapes of the publishing API (/api/v1/publish/**, /api/v1/uploads/**,
// /api/v1/moderation/**). Route handlers validate with these once; `apx` and the OpenAPI
// document use the same definitions. Browser code takes the value lists from enums.ts instead:
// zod stays out of client bundles.
import { z } from 'zod';
import { isSpdxExpression } from '@/lib/core/publishing/spdx';
import { isValidVersion, MAX_VERSION_LENGTH } from '@/lib/core/versions';
import { ARCHITECTURES, FILE_FORMATS, FILE_STATUSES, LISTING_STATUSES, OS_FAMILIES, VERSION_STATUSES } from '@/lib/core/publishing/enums';
import { MAX_DEFAULT_CREDENTIALS, MAX_PORTS, PORT_PROTOCOLS } from '@/lib/core/publishing/access-limits';

export { ARCHITECTURES, FILE_FORMATS, FILE_STATUSES, LISTING_STATUSES, OS_FAMILIES, VERSION_STATUSES };
export type { Architecture, FileFormat, ListingStatus, VersionStatus } from '@/lib/core/publishing/enums';

export const fileFormatSchema = z.enum(FILE_FORMATS);
export const architectureSchema = z.enum(ARCHITECTURES);

const id = z.string().min(1).max(64);

// ─── Listings ──────────────────────────────────────────────────────────────────

export const applianceSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Use at least 2 characters.')
  .max(64, 'Use at most 64 characters.')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit.')
  .refine((s) => !s.includes('--'), 'Use single hyphens.');

/** '' and whitespace mean "none". */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** An http(s) URL as the API accepts one (also applied by lib/core/inspect to URLs read from packages). */
export const httpUrlSchema = z.string().trim().max(300, 'Use at most 300 characters.').pipe(z.url({ protocol: /^https?$/, message: 'Enter an http(s) URL.' }));

const optionalUrl = z.preprocess(blankToNull, httpUrlSchema.nullable());

export const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(32, 'Tags have at most 32 characters.')
      .regex(/^[a-z0-9][a-z0-9+.#-]*$/, 'Tags use lowercase letters, digits and - + . #'),
  )
  .max(10, 'Use at most 10 tags.')
  .transform((tags) => [...new Set(tags)]);

export const licenseSchema = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .refine(isSpdxExpression, 'Use an SPDX license identifier or expression, e.g. MIT, Apache-2.0, GPL-2.0-only OR MIT, LicenseRef-Proprietary.')
    .nullable(),
);

const listingFields = {
  slug: applianceSlugSchema,
  name: z.string().trim().min(2, 'Use at least 2 characters.').max(80, 'Use at most 80 characters.'),
  summary: z.string().trim().max(200, 'Use at most 200 characters.'),
  description: z.string().max(20_000, 'Use at most 20,000 characters.'),
  category: z.preprocess(blankToNull, z.string().trim().max(64).nullable()).describe('Category slug'),
  tags: tagsSchema,
  license: licenseSchema,
  homepage: optionalUrl,
};

export const createListingRequestSchema = z.object({
  slug: listingFields.slug,
  name: listingFields.name,
  summary: listingFields.summary.optional(),
  description: listingFields.description.optional(),
  category: listingFields.category.optional(),
  tags: listingFields.tags.optional(),
  license: listingFields.license.optional(),
  homepage: listingFields.homepage.optional(),
});
export type CreateListingRequest = z.infer<typeof createListingRequestSchema>;

export const requirementsSchema = z.object({
  cpus: z.number().int().min(1).max(1024).nullable(),
  memoryMiB: z.number().int().min(1).max(16 * 1024 * 1024).nullable(),
  diskBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  osFamily: z.enum(OS_FAMILIES).nullable(),
  osName: z.preprocess(blankToNull, z.string().trim().max(120).nullable()),
});

// How to reach the running appliance: what the publisher states, shown in the launch panel.
// Default credentials are public by nature (they ship in the image); the page says to change them.

/** One line of text: no control characters (a newline would forge another line in the panel). */
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v), 'Use a single line of text.');

export { MAX_DEFAULT_CREDENTIALS, MAX_PORTS, PORT_PROTOCOLS };

export const defaultCredentialSchema = z.object({
  service: oneLine(60).pipe(z.string().min(1, 'Say where these work, e.g. SSH, console or web UI.')).describe('Where the credentials work: SSH, console, web UI…'),
  username: oneLine(64).pipe(z.string().min(1, 'Enter the user name.')),
  password: z.preprocess(blankToNull, oneLine(128).nullable()).describe('null: no password (a key, or set on first boot)'),
  note: oneLine(200).default(''),
});
export type DefaultCredential = z.infer<typeof defaultCredentialSchema>;

export const defaultCredentialsSchema = z.array(defaultCredentialSchema).max(MAX_DEFAULT_CREDENTIALS, `List at most ${MAX_DEFAULT_CREDENTIALS} sets of credentials.`);

export const portSchema = z.object({
  port: z.number({ message: 'Enter a port number.' }).int('Enter a whole port number.').min(1, 'Ports go from 1 to 65535.').max(65535, 'Ports go from 1 to 65535.'),
  protocol: z.enum(PORT_PROTOCOLS).default('tcp'),
  service: oneLine(60).pipe(z.string().min(1, 'Say what listens there, e.g. SSH or Web UI (HTTPS).')),
});
export type ApplianceProtocolPort = z.infer<typeof portSchema>;

export const portsSchema = z
  .array(portSchema)
  .max(MAX_PORTS, `List at most ${MAX_PORTS} ports.`)
  .refine((ports) => new Set(ports.map((p) => `${p.port}/${p.protocol}`)).size === ports.length, 'Each port and protocol once.');

export const updateListingRequestSchema = createListingRequestSchema.partial().extend({
  eula: z.preprocess(blankToNull, z.string().max(50_000, 'Use at most 50,000 characters.').nullable()).optional(),
  requirements: requirementsSchema.partial().optional(),
  defaultCredentials: defaultCredentialsSchema.optional(),
  ports: portsSchema.optional(),
});
export type UpdateListingRequest = z.infer<typeof updateListingRequestSchema>;

const isoDate = z.string().describe('ISO 8601 date-time');

export const listingSchema = z.object({
  id,
  publisher: z.string().describe('Publisher handle'),
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  license: z.string().nullable(),
  eula: z.string().nullable(),
  homepage: z.string().nullable(),
  status: z.enum(LISTING_STATUSES),
  reviewNote: z.string().nullable().describe('Why a moderator rejected the listing'),
  requirements: requirementsSchema,
  defaultCredentials: defaultCredentialsSchema,
  ports: portsSchema,
  latestVersion: z.string().nullable(),
  versions: z
    .array(z.object({ id, version: z.string(), status: z.enum(VERSION_STATUSES) }))
    .describe('Every version of the listing, newest first (ids for adding files to an existing version)'),
  submittedAt: isoDate.nullable(),
  publishedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Listing = z.infer<typeof listingSchema>;

export const createdListingSchema = z.object({ id, publisher: z.string(), slug: z.string(), status: z.enum(LISTING_STATUSES) });

export const listingSummarySchema = z.object({
  id,
  publisher: z.string(),
  slug: z.string(),
  name: z.string(),
  status: z.enum(LISTING_STATUSES),
  latestVersion: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export const listingListSchema = z.object({ items: z.array(listingSummarySchema) });

// ─── Versions ──────────────────────────────────────────────────────────────────

export const versionStringSchema = z
  .string()
  .trim()
  .min(1, 'Enter a version.')
  .max(MAX_VERSION_LENGTH, `Use at most ${MAX_VERSION_LENGTH} characters.`)
  .refine(isValidVersion, 'Use letters, digits, ".", "-", "+" and "_", starting with a letter or digit (e.g. 1.2.0, 2.0-rc.1).');

export const createVersionRequestSchema = z.object({
  version: versionStringSchema,
  changelog: z.string().max(20_000, 'Use at most 20,000 characters.').optional(),
});
export type CreateVersionRequest = z.infer<typeof createVersionRequestSchema>;

export const revokeVersionRequestSchema = z.object({
  reason: z.string().trim().min(3, 'Say why the version is revoked.').max(500, 'Use at most 500 characters.'),
});

export const createdVersionSchema = z.object({ id, version: z.string(), status: z.enum(VERSION_STATUSES) });
export const versionSchema = createdVersionSchema.extend({
  changelog: z.string(),
  releasedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  revokeReason: z.string().nullable(),
});

// ─── Uploads ───────────────────────────────────────────────────────────────────

export const providerSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(32)
  .regex(/^[a-z0-9_-]*$/, 'Use a Vagrant provider name such as virtualbox or libvirt.');

export const createUploadRequestSchema = z.object({
  versionId: id,
  format: fileFormatSchema,
  architecture: architectureSchema,
  provider: providerSchema.optional(),
  fileName: z.string().trim().min(1, 'Give the file a name.').max(255, 'Use a file name of at most 255 characters.'),
  size: z
    .number()
    .int('The size is a whole number of bytes.')
    .min(1, 'The file is empty: there is nothing to upload.')
    .max(Number.MAX_SAFE_INTEGER),
  contentType: z.string().trim().toLowerCase().max(255).optional(),
});
export type CreateUploadRequest = z.infer<typeof createUploadRequestSchema>;

export const createdUploadSchema = z.object({
  uploadId: id,
  fileId: id,
  key: z.string().describe('S3 object key, chosen by the server'),
  s3UploadId: z.string(),
  partSize: z.number().int().describe('Bytes per part; the last part may be shorter'),
  maxParts: z.number().int().describe('Number of parts this file is cut into'),
});
export type CreatedUpload = z.infer<typeof createdUploadSchema>;

export const uploadedPartSchema = z.object({ PartNumber: z.number().int(), ETag: z.string(), Size: z.number().int() });
export const uploadedPartsSchema = z.object({ parts: z.array(uploadedPartSchema) });

export const partNumberSchema = z.coerce.number().int().min(1, 'Part numbers start at 1.').max(10_000, 'Part numbers end at 10,000.');
export const signedPartSchema = z.object({ url: z.string().describe('Presigned PUT URL for this part, valid for one hour') });

export const sha256Schema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'Send the SHA-256 as 64 hexadecimal digits.')
  .transform((s) => s.toLowerCase());

export const completeUploadRequestSchema = z.object({
  parts: z
    .array(z.object({ PartNumber: z.number().int().min(1).max(10_000), ETag: z.string().trim().min(1).max(200) }))
    .min(1, 'List the uploaded parts.')
    .max(10_000),
  sha256: sha256Schema,
});
export type CompleteUploadRequest = z.infer<typeof completeUploadRequestSchema>;

export const completedUploadSchema = z.object({
  fileId: id,
  status: z.enum(FILE_STATUSES).describe('PENDING right after completion; a repeated call answers the current status'),
});

export const unfinishedUploadSchema = z.object({
  uploadId: id,
  fileId: id,
  versionId: id,
  format: fileFormatSchema,
  architecture: architectureSchema,
  provider: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  partSize: z.number().int(),
  maxParts: z.number().int(),
  key: z.string(),
  s3UploadId: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type UnfinishedUpload = z.infer<typeof unfinishedUploadSchema>;
export const unfinishedUploadListSchema = z.object({ items: z.array(unfinishedUploadSchema) });

// ─── Moderation ────────────────────────────────────────────────────────────────

export const moderationRequestSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(2000, 'Use at most 2,000 characters.').optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason?.length ?? 0) >= 3, {
    message: 'Say why the listing is rejected: the publisher sees this.',
    path: ['reason'],
  });
export type ModerationRequest = z.infer<typeof moderationRequestSchema>;

export const moderationResultSchema = z.object({
  id,
  status: z.enum(LISTING_STATUSES),
  reviewNote: z.string().nullable(),
  publishedAt: isoDate.nullable(),
});
