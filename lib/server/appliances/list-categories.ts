import 'server-only';
import { db } from '@/lib/server/db';

export async function listCategories() {
  return db.category.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { slug: true, name: true } });
}
