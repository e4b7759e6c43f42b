import 'server-only';
import type { Prisma } from '@/lib/server/db';
import { OS_FAMILIES, type Listing } from '@/lib/core/publishing/api-schemas';
import { readApplianceAccess } from '@/lib/core/appliances/appliance-access';

/** What a listing row must carry to become the API's Listing. */
export const listingSelect = {
  id: true,
  slug: true,
  name: true,
  summary: true,
  description: true,
  tags: true,
  license: true,
  eula: true,
  homepage: true,
  status: true,
  reviewNote: true,
  minCpus: true,
  minMemoryMiB: true,
  minDiskBytes: true,
  osFamily: true,
  osName: true,
  defaultCredentials: true,
  ports: true,
  latestVersion: true,
  submittedAt: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  publisher: { select: { handle: true } },
  category: { select: { slug: true } },
  versions: { select: { id: true, version: true, status: true }, orderBy: { sortKey: 'desc' } },
} satisfies Prisma.ApplianceSelect;

type ListingRow = Prisma.ApplianceGetPayload<{ select: typeof listingSelect }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toListing(row: ListingRow): Listing {
  return {
    id: row.id,
    publisher: row.publisher.handle,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    description: row.description,
    category: row.category?.slug ?? null,
    tags: row.tags,
    license: row.license,
    eula: row.eula,
    homepage: row.homepage,
    status: row.status,
    reviewNote: row.reviewNote,
    requirements: {
      cpus: row.minCpus,
      memoryMiB: row.minMemoryMiB,
      diskBytes: row.minDiskBytes === null ? null : Number(row.minDiskBytes),
      osFamily: row.osFamily === null ? null : (OS_FAMILIES.find((f) => f === row.osFamily) ?? 'other'),
      osName: row.osName,
    },
    ...readApplianceAccess(row),
    latestVersion: row.latestVersion,
    versions: row.versions,
    submittedAt: iso(row.submittedAt),
    publishedAt: iso(row.publishedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
