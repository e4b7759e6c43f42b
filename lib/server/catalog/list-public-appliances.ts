import 'server-only';
import { db, type Prisma } from '@/lib/server/db';
import { applianceCardSelect, toApplianceCard, type ApplianceCard } from '@/lib/server/catalog/appliance-card';

export type PublicOrder = 'newest' | 'downloads' | 'rating' | 'name';

const orderBy: Record<PublicOrder, Prisma.ApplianceOrderByWithRelationInput[]> = {
  newest: [{ publishedAt: 'desc' }, { id: 'asc' }],
  downloads: [{ downloadCount: 'desc' }, { id: 'asc' }],
  rating: [{ ratingAvg: 'desc' }, { ratingCount: 'desc' }, { id: 'asc' }],
  name: [{ name: 'asc' }, { id: 'asc' }],
};

/** Published listings only: everything else is invisible to the public. */
export async function listPublicAppliances(
  options: { order?: PublicOrder; take?: number; categorySlug?: string; featured?: boolean } = {},
): Promise<ApplianceCard[]> {
  const rows = await db.appliance.findMany({
    where: {
      status: 'PUBLISHED',
      ...(options.categorySlug ? { category: { slug: options.categorySlug } } : {}),
      ...(options.featured ? { featured: true } : {}),
    },
    orderBy: orderBy[options.order ?? 'newest'],
    take: options.take ?? 24,
    select: applianceCardSelect,
  });
  return rows.map(toApplianceCard);
}

export async function listCategoriesWithCounts() {
  const categories = await db.category.findMany({
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
    select: { id: true, slug: true, name: true, description: true, _count: { select: { appliances: { where: { status: 'PUBLISHED' } } } } },
  });
  return categories.map((c) => ({ slug: c.slug, name: c.name, description: c.description, count: c._count.appliances }));
}

/** Every published listing, with or without a category: the number browse shows without filters. */
export function countPublicAppliances(): Promise<number> {
  return db.appliance.count({ where: { status: 'PUBLISHED' } });
}
