import 'server-only';
import { db } from '@/lib/server/db';
import { isAdmin, type Actor } from '@/lib/core/auth/roles';
import { effectiveState, votingOpen } from '@/lib/core/challenges/logic/state-machine';
import { entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { createRedactor } from '@/lib/core/challenges/logic/redact';
import { isOwnEntry } from '@/lib/core/challenges/logic/own-entry';
import { CHALLENGE_CLOCK, type ServiceOptions } from '@/lib/server/challenges/service-support';

/**
 * The public challenge page. Entries are listed once judging starts (before that only counts),
 * and while People's Choice voting is open, since voters must see what they vote for. In blind
 * mode, until results are out, the list names appliances only: no publisher, no link.
 */
export async function getPublicChallenge(actor: Actor | null, slug: string, opts: ServiceOptions = {}) {
  const now = opts.now ?? new Date();
  const ch = await db.challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      rules: true,
      ...CHALLENGE_CLOCK,
      resultsPublishedAt: true,
      judgesPerEntry: true,
      blind: true,
      entryLimit: true,
      normalizeScores: true,
      peoplesChoice: true,
      allowSelfVote: true,
      votingOpensAt: true,
      votingClosesAt: true,
      grandPrize: true,
      categories: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, slug: true, name: true, description: true, prize: true } },
      criteria: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, name: true, description: true, weight: true, scaleMin: true, scaleMax: true } },
      _count: { select: { judges: true } },
    },
  });
  if (!ch || (ch.state === 'DRAFT' && !isAdmin(actor))) return null;
  const state = effectiveState(ch, now);
  const voting = votingOpen({ ...ch, state }, now);
  const published = state === 'RESULTS' || state === 'ARCHIVED';
  const showEntries = state === 'JUDGING' || published || voting;
  const hideIdentity = ch.blind && !published;

  const [counts, entries, myVotes, tally] = await Promise.all([
    db.entry.groupBy({ by: ['categoryId'], where: { challengeId: ch.id, status: 'ACTIVE' }, _count: { _all: true } }),
    showEntries
      ? db.entry.findMany({
          where: { challengeId: ch.id, status: 'ACTIVE' },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: {
            id: true,
            categoryId: true,
            entrantId: true,
            entrant: { select: { name: true, email: true } },
            version: { select: { version: true } },
            appliance: { select: { name: true, slug: true, summary: true, homepage: true, publisher: { select: { handle: true, displayName: true, url: true, ownerId: true } } } },
          },
        })
      : Promise.resolve([]),
    actor && ch.peoplesChoice ? db.vote.findMany({ where: { challengeId: ch.id, userId: actor.id }, select: { categoryId: true, entryId: true } }) : Promise.resolve([]),
    ch.peoplesChoice && published ? db.vote.groupBy({ by: ['entryId'], where: { challengeId: ch.id }, _count: { _all: true } }) : Promise.resolve(null),
  ]);
  const countBy = new Map(counts.map((c) => [c.categoryId, c._count._all]));
  const votesBy = tally ? new Map(tally.map((t) => [t.entryId, t._count._all])) : null;
  return {
    challenge: { ...ch, state, categories: undefined, criteria: undefined, _count: undefined, judges: ch._count.judges },
    categories: ch.categories.map((c) => ({ ...c, entries: countBy.get(c.id) ?? 0 })),
    criteria: ch.criteria,
    entryCount: counts.reduce((s, c) => s + c._count._all, 0),
    showEntries,
    hideIdentity,
    entries: entries.map((e) => {
      const redact = hideIdentity
        ? createRedactor([e.entrant.name, e.entrant.email, e.appliance.publisher.handle, e.appliance.publisher.displayName, e.appliance.publisher.url, e.appliance.homepage])
        : (t: string) => t;
      return {
        id: e.id,
        label: entryLabel(e.id),
        categoryId: e.categoryId,
        appliance: redact(e.appliance.name),
        summary: redact(e.appliance.summary),
        version: e.version.version,
        publisher: hideIdentity ? null : e.appliance.publisher.displayName,
        href: hideIdentity ? null : `/appliances/${e.appliance.publisher.handle}/${e.appliance.slug}`,
        votes: votesBy ? (votesBy.get(e.id) ?? 0) : null,
        // Only ever true for the caller's own entries: tells them nothing about anyone else's.
        yours: actor ? isOwnEntry(actor.id, e) : false,
      };
    }),
    voting: ch.peoplesChoice
      ? { open: voting, opensAt: ch.votingOpensAt, closesAt: ch.votingClosesAt, selfVote: ch.allowSelfVote, mine: Object.fromEntries(myVotes.map((v) => [v.categoryId, v.entryId])), countsVisible: published }
      : null,
  };
}

export type PublicChallenge = NonNullable<Awaited<ReturnType<typeof getPublicChallenge>>>;
