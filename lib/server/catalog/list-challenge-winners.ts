import 'server-only';
import { db } from '@/lib/server/db';
import { applianceCardSelect, toApplianceCard, type ApplianceCard } from '@/lib/server/catalog/appliance-card';

export interface ChallengeWinner {
  /** The appliance's highest award (grand prize, then category, then people's choice). */
  award: string;
  challenge: { slug: string; title: string };
  card: ApplianceCard;
}

const KIND_ORDER = { GRAND_PRIZE: 0, CATEGORY_WINNER: 1, PEOPLES_CHOICE: 2 } as const;

/**
 * Appliances that won something in challenges whose results are out, newest results first, one
 * card per appliance (its card lists all its awards). Published listings only.
 */
export async function listChallengeWinners(take = 6): Promise<ChallengeWinner[]> {
  const rows = await db.award.findMany({
    where: { challenge: { state: { in: ['RESULTS', 'ARCHIVED'] } }, entry: { appliance: { status: 'PUBLISHED' } } },
    orderBy: [{ challenge: { resultsPublishedAt: 'desc' } }, { createdAt: 'asc' }],
    take: 200,
    select: {
      title: true,
      kind: true,
      challenge: { select: { slug: true, title: true, resultsPublishedAt: true } },
      entry: { select: { appliance: { select: applianceCardSelect } } },
    },
  });
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const id = r.entry.appliance.id;
    const seen = best.get(id);
    const newer = (r.challenge.resultsPublishedAt?.getTime() ?? 0) > (seen?.challenge.resultsPublishedAt?.getTime() ?? 0);
    if (!seen || newer || (r.challenge.slug === seen.challenge.slug && KIND_ORDER[r.kind] < KIND_ORDER[seen.kind])) best.set(id, r);
  }
  return [...best.values()]
    .sort((a, b) => (b.challenge.resultsPublishedAt?.getTime() ?? 0) - (a.challenge.resultsPublishedAt?.getTime() ?? 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .slice(0, take)
    .map((r) => ({ award: r.title, challenge: { slug: r.challenge.slug, title: r.challenge.title }, card: toApplianceCard(r.entry.appliance) }));
}
