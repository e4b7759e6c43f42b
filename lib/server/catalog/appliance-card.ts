import 'server-only';
import type { Prisma } from '@/lib/server/db';

/** What a list of appliances shows for each one. */
export interface ApplianceCard {
  id: string;
  name: string;
  slug: string;
  publisherHandle: string;
  publisherName: string;
  summary: string;
  category: { slug: string; name: string } | null;
  formats: string[];
  architectures: string[];
  latestVersion: string | null;
  downloadCount: number;
  ratingAvg: number;
  ratingCount: number;
  downloadSizeBytes: number | null;
  minMemoryMiB: number | null;
  minCpus: number | null;
  osFamily: string | null;
  publishedAt: string | null;
  featured: boolean;
  awards: string[];
}

export const applianceCardSelect = {
  id: true,
  name: true,
  slug: true,
  summary: true,
  formats: true,
  architectures: true,
  latestVersion: true,
  downloadCount: true,
  ratingAvg: true,
  ratingCount: true,
  downloadSizeBytes: true,
  minMemoryMiB: true,
  minCpus: true,
  osFamily: true,
  publishedAt: true,
  featured: true,
  publisher: { select: { handle: true, displayName: true } },
  category: { select: { slug: true, name: true } },
  entries: {
    select: { awards: { select: { title: true, challenge: { select: { state: true } } } } },
  },
} satisfies Prisma.ApplianceSelect;

type Row = Prisma.ApplianceGetPayload<{ select: typeof applianceCardSelect }>;

export function toApplianceCard(row: Row): ApplianceCard {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    publisherHandle: row.publisher.handle,
    publisherName: row.publisher.displayName,
    summary: row.summary,
    category: row.category,
    formats: row.formats,
    architectures: row.architectures,
    latestVersion: row.latestVersion,
    downloadCount: row.downloadCount,
    ratingAvg: row.ratingAvg,
    ratingCount: row.ratingCount,
    downloadSizeBytes: row.downloadSizeBytes === null ? null : Number(row.downloadSizeBytes),
    minMemoryMiB: row.minMemoryMiB,
    minCpus: row.minCpus,
    osFamily: row.osFamily,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    featured: row.featured,
    // Awards count only once results are published.
    awards: row.entries.flatMap((e) =>
      e.awards.filter((a) => a.challenge.state === 'RESULTS' || a.challenge.state === 'ARCHIVED').map((a) => a.title),
    ),
  };
}
