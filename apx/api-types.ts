import { z } from 'zod';
import { SIGNATURE_TRUST } from '@/lib/core/files/file-signature';

/*
 * The API's answers as far as the CLI relies on them. Lenient on purpose (unknown fields pass,
 * most fields are optional) so a server that adds fields never breaks an installed client; what
 * the CLI needs is checked here, at the edge, once.
 */

const nullableString = z.string().nullish();
const nullableNumber = z.number().nullish();

export const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z.record(z.string(), z.string()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const hardwareSchema = z.looseObject({ cpus: nullableNumber, memoryMiB: nullableNumber });

/** Who signed a signed OVA/OVF; a malformed one is dropped rather than failing the whole answer. */
export const fileSignatureSchema = z
  .looseObject({ subject: z.string(), issuer: z.string(), validTo: z.string(), trust: z.enum(SIGNATURE_TRUST) })
  .nullish()
  .catch(null);

export const fileSchema = z.looseObject({
  id: z.string(),
  format: z.string(),
  architecture: z.string().default('amd64'),
  provider: nullableString,
  fileName: z.string(),
  sizeBytes: z.union([z.number(), z.string()]).transform((v) => Number(v)),
  sha256: nullableString,
  status: z.string().optional(),
  diskNames: z.array(z.string()).nullish(),
  ovfName: nullableString,
  hardware: hardwareSchema.nullish(),
  rejectReason: nullableString,
  rejectCode: nullableString,
  signature: fileSignatureSchema,
  metadata: z.unknown().optional(),
  inspection: z.unknown().optional(),
});
export type ApiFile = z.infer<typeof fileSchema>;

export const fileListSchema = z.looseObject({ items: z.array(fileSchema) });

export const versionSchema = z.looseObject({
  id: z.string().optional(),
  version: z.string(),
  status: z.string().optional(),
  changelog: nullableString,
  releasedAt: nullableString,
  /** Embedded files, or (as the catalog API does) the URL of the version's file list. */
  files: z.union([z.array(fileSchema), z.string()]).optional(),
});
export type ApiVersion = z.infer<typeof versionSchema>;

export const versionListSchema = z.looseObject({ items: z.array(versionSchema), nextCursor: nullableString });

const publisherRef = z.union([z.string(), z.looseObject({ handle: z.string(), displayName: nullableString })]);

export const applianceSummarySchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  slug: z.string(),
  publisher: publisherRef.optional(),
  publisherHandle: z.string().optional(),
  summary: nullableString,
  formats: z.array(z.string()).nullish(),
  architectures: z.array(z.string()).nullish(),
  latestVersion: z.union([z.string(), z.looseObject({ version: z.string() })]).nullish(),
  downloadCount: nullableNumber,
  ratingAvg: nullableNumber,
  minMemoryMiB: nullableNumber,
  minCpus: nullableNumber,
  downloadSizeBytes: z.union([z.number(), z.string()]).nullish(),
  osFamily: nullableString,
});
export type ApplianceSummary = z.infer<typeof applianceSummarySchema>;

export const searchResultSchema = z.looseObject({
  items: z.array(applianceSummarySchema),
  nextCursor: nullableString,
  facets: z.unknown().optional(),
  total: nullableNumber,
  suggestions: z
    .looseObject({
      terms: z.array(z.string()).default([]),
      categories: z.array(z.looseObject({ value: z.string(), label: z.string() })).default([]),
    })
    .nullish(),
});

export const applianceDetailSchema = applianceSummarySchema.extend({
  description: nullableString,
  status: z.string().optional(),
  license: nullableString,
  homepage: nullableString,
  tags: z.array(z.string()).nullish(),
  category: z.union([z.string(), z.looseObject({ slug: z.string(), name: nullableString })]).nullish(),
  requirements: z
    .looseObject({ cpus: nullableNumber, memoryMiB: nullableNumber, diskBytes: z.union([z.number(), z.string()]).nullish(), osFamily: nullableString, osName: nullableString })
    .nullish(),
  versions: z.array(versionSchema).optional(),
});
export type ApplianceDetail = z.infer<typeof applianceDetailSchema>;

export const launchResponseSchema = z.looseObject({ plan: z.unknown(), text: z.string() });

/* Publishing. */

export const ownApplianceSchema = z.looseObject({
  id: z.string(),
  slug: z.string(),
  name: z.string().optional(),
  summary: nullableString,
  homepage: nullableString,
  status: z.string().optional(),
  publisher: publisherRef.optional(),
  versions: z.array(versionSchema).optional(),
});
export type OwnAppliance = z.infer<typeof ownApplianceSchema>;

export const ownApplianceListSchema = z.union([
  z.looseObject({ items: z.array(ownApplianceSchema) }),
  z.array(ownApplianceSchema).transform((items) => ({ items })),
]);

export const createdVersionSchema = z.looseObject({ id: z.string(), version: z.string(), status: z.string().optional() });

export const createdUploadSchema = z.looseObject({
  uploadId: z.string(),
  fileId: z.string(),
  key: z.string().optional(),
  s3UploadId: z.string().optional(),
  partSize: z.number().int().positive(),
  maxParts: z.number().int().positive().optional(),
});
export type CreatedUpload = z.infer<typeof createdUploadSchema>;

export const unfinishedUploadListSchema = z.looseObject({
  items: z.array(
    z.looseObject({
      uploadId: z.string(),
      fileId: z.string(),
      versionId: z.string().optional(),
      format: z.string(),
      architecture: z.string(),
      provider: z.string().nullish(),
      fileName: z.string(),
      size: z.number(),
      partSize: z.number().int().positive(),
    }),
  ),
});

export const uploadedPartsSchema = z.looseObject({
  parts: z.array(z.looseObject({ PartNumber: z.number().int(), ETag: z.string().optional(), Size: z.number().optional() })),
});

export const partUrlSchema = z.looseObject({ url: z.string() });

export const completedUploadSchema = z.looseObject({ fileId: z.string(), status: z.string().optional() });

/** `publisher/slug` of a list item or detail, whichever shape the server chose. */
export function publisherHandleOf(item: { publisher?: string | { handle: string } | null; publisherHandle?: string }): string | undefined {
  if (typeof item.publisher === 'string') return item.publisher;
  return item.publisher?.handle ?? item.publisherHandle;
}

export function latestVersionOf(item: Pick<ApplianceSummary, 'latestVersion'>): string | undefined {
  const latest = item.latestVersion;
  return typeof latest === 'string' ? latest : (latest?.version ?? undefined);
}
