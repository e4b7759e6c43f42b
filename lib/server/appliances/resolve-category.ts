import 'server-only';
import { db } from '@/lib/server/db';
import { invalid } from '@/lib/core/errors';

/** Category id for a slug (null for none); an unknown slug is a field error. */
export async function resolveCategory(slug: string | null | undefined): Promise<string | null | undefined> {
  if (slug === undefined) return undefined;
  if (slug === null) return null;
  const row = await db.category.findUnique({ where: { slug }, select: { id: true } });
  if (!row) throw invalid('Choose one of the listed categories.', { category: `There is no category "${slug}".` });
  return row.id;
}
