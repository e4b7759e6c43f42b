import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/server/db';
import { createTestUser } from '@/lib/test-support/factories';
import { castVote } from '@/lib/server/challenges/cast-vote';
import { getPublicChallenge } from '@/lib/server/challenges/get-public-challenge';
import { challengeInputSchema, challengeFormToInput } from '@/lib/core/challenges/challenge-input';
import { createAdmin, createOpenChallenge, DAY, enterDevelopers, HOUR } from './challenge-fixtures';

vi.mock('@/lib/server/queue/boss', async (original) => ({ ...(await original<typeof import('@/lib/server/queue/boss')>()), enqueue: vi.fn(async () => 'job-id') }));

let admin: Awaited<ReturnType<typeof createAdmin>>;
beforeAll(async () => {
  admin = await createAdmin();
});

const votingNow = () => {
  const now = Date.now();
  return { opensAt: new Date(now - HOUR), closesAt: new Date(now + 20 * DAY) };
};

describe('People’s Choice: voting for one’s own entry', () => {
  it('is refused by default, on the server, and leaves no vote; others’ entries still take the vote', async () => {
    const ch = await createOpenChallenge(admin.actor, { k: 1, peoplesChoice: votingNow() });
    expect(ch.allowSelfVote).toBe(false);
    const [a, b] = await enterDevelopers(ch.id, ch.categories[0].id, 2);
    await expect(castVote(a.actor, ch.id, a.entryId)).rejects.toMatchObject({ code: 'FORBIDDEN', message: /own entries/ });
    expect(await db.vote.count({ where: { challengeId: ch.id, userId: a.user.id } })).toBe(0);

    // A vote moved onto one's own entry is refused too, and the earlier vote stays where it was.
    await castVote(a.actor, ch.id, b.entryId);
    await expect(castVote(a.actor, ch.id, a.entryId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await db.vote.findFirstOrThrow({ where: { challengeId: ch.id, userId: a.user.id } })).entryId).toBe(b.entryId);

    // The page tells the entrant which entry is theirs (and nobody else), and that self-votes are off.
    const mine = await getPublicChallenge(a.actor, ch.slug);
    expect(mine?.voting?.selfVote).toBe(false);
    expect(mine?.entries.filter((e) => e.yours).map((e) => e.id)).toEqual([a.entryId]);
    const stranger = await getPublicChallenge((await createTestUser()).actor, ch.slug);
    expect(stranger?.entries.some((e) => e.yours)).toBe(false);
  });

  it('counts as one’s own when one owns the entered appliance’s publisher, whoever entered it', async () => {
    const ch = await createOpenChallenge(admin.actor, { k: 1, peoplesChoice: votingNow() });
    const [a] = await enterDevelopers(ch.id, ch.categories[0].id, 1);
    // Recorded as entered by someone else (e.g. an entry moved between accounts): still the owner's own.
    const other = await createTestUser();
    await db.entry.update({ where: { id: a.entryId }, data: { entrantId: other.id } });
    await expect(castVote(a.actor, ch.id, a.entryId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(castVote(other.actor, ch.id, a.entryId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is accepted when the challenge allows it', async () => {
    const ch = await createOpenChallenge(admin.actor, { k: 1, peoplesChoice: votingNow(), allowSelfVote: true });
    expect(ch.allowSelfVote).toBe(true);
    const [a] = await enterDevelopers(ch.id, ch.categories[0].id, 1);
    await castVote(a.actor, ch.id, a.entryId);
    expect((await db.vote.findFirstOrThrow({ where: { challengeId: ch.id, userId: a.user.id } })).entryId).toBe(a.entryId);
    expect((await getPublicChallenge(a.actor, ch.slug))?.voting?.selfVote).toBe(true);
  });
});

describe('the allowSelfVote setting in the editor’s form', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    const base: Record<string, string> = {
      title: 'Self votes', slug: 'self-vote-form', timeZone: 'UTC', submissionsOpenAt: '2030-01-01T10:00', submissionsCloseAt: '2030-01-10T10:00',
      judgingCloseAt: '2030-01-20T10:00', judgesPerEntry: '1', entryLimit: '1', votingOpensAt: '2030-01-05T10:00', votingClosesAt: '2030-01-15T10:00',
      'category.name': 'Web', 'category.description': '', 'category.prize': '',
      'criterion.name': 'Works', 'criterion.description': '', 'criterion.weight': '1', 'criterion.scaleMin': '1', 'criterion.scaleMax': '10',
    };
    for (const [k, v] of Object.entries({ ...base, ...fields })) data.append(k, v);
    return challengeInputSchema.parse(challengeFormToInput(data));
  };

  it('is off unless ticked, and only ever on together with People’s Choice', () => {
    expect(form({ peoplesChoice: 'on' }).allowSelfVote).toBe(false);
    expect(form({ peoplesChoice: 'on', allowSelfVote: 'on' }).allowSelfVote).toBe(true);
    expect(form({ allowSelfVote: 'on' }).allowSelfVote).toBe(false);
  });
});
