import 'server-only';
import { revalidatePath } from 'next/cache';

/** After an admin change to a challenge: its admin and public pages, and both lists. */
export function revalidateChallengePages(slug: string): void {
  revalidatePath(`/admin/challenges/${slug}`, 'layout');
  revalidatePath(`/challenges/${slug}`, 'layout');
  revalidatePath('/admin/challenges');
  revalidatePath('/challenges');
}
