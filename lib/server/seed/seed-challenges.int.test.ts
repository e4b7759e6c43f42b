import { describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/server/db';
import { seedDemo } from '@/lib/server/seed/seed-demo';
import { getPublicResults } from '@/lib/server/challenges/get-public-results';

vi.mock('@/lib/server/queue/boss', async (original) => ({ ...(await original<typeof import('@/lib/server/queue/boss')>()), enqueue: vi.fn(async () => 'job-id') }));

describe('the demo challenges', () => {
  it('seeds the Ultimate challenge with results and the Homelab Sprint open for entries', async () => {
    const lines: string[] = [];
    await seedDemo((m) => lines.push(m));
    expect(lines.join('\n')).toMatch(/Seeded the demo challenges/);

    const ultimate = await db.challenge.findUniqueOrThrow({ where: { slug: 'ultimate-2026' }, include: { categories: true, awards: true } });
    expect(ultimate.state).toBe('RESULTS');
    expect(ultimate.submissionsOpenAt.toISOString()).toBe('2026-02-27T17:00:00.000Z');
    expect(ultimate.resultsPublishedAt?.toISOString()).toBe('2026-08-14T17:00:00.000Z');
    expect(await db.entry.count({ where: { challengeId: ultimate.id, status: 'ACTIVE' } })).toBe(15);

    // Real assignments: k = 2 per entry, loads within one, nobody on an entry they conflict with.
    const assignments = await db.assignment.findMany({ where: { challengeId: ultimate.id }, include: { entry: { select: { entrantId: true } }, scorecard: true } });
    expect(assignments).toHaveLength(30);
    const loads = Object.values(assignments.reduce<Record<string, number>>((m, a) => ({ ...m, [a.judgeId]: (m[a.judgeId] ?? 0) + 1 }), {}));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const marco = await db.user.findUniqueOrThrow({ where: { email: 'judge3@demo.local' } });
    const northwind = await db.user.findUniqueOrThrow({ where: { email: 'northwind@demo.local' } });
    expect(assignments.some((a) => a.judgeId === marco.id && a.entry.entrantId === northwind.id)).toBe(false);
    expect(assignments.every((a) => a.scorecard?.status === 'SUBMITTED')).toBe(true);
    const judge = await db.user.findUniqueOrThrow({ where: { email: 'judge@demo.local' } });
    expect(assignments.some((a) => a.judgeId === judge.id)).toBe(true);

    // A winner per category, a grand prize, People's Choice; shown by the public results.
    const kinds = ultimate.awards.map((a) => a.kind);
    expect(kinds.filter((k) => k === 'CATEGORY_WINNER')).toHaveLength(ultimate.categories.length);
    expect(kinds.filter((k) => k === 'GRAND_PRIZE')).toHaveLength(1);
    expect(kinds).toContain('PEOPLES_CHOICE');
    const results = await getPublicResults('ultimate-2026');
    expect(results?.grandPrize?.entry?.appliance).toBeTruthy();

    const sprint = await db.challenge.findUniqueOrThrow({ where: { slug: 'homelab-sprint' } });
    expect(sprint.state).toBe('OPEN');
    expect(sprint.peoplesChoice).toBe(true);
    expect(sprint.submissionsCloseAt.getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    const dev = await db.user.findUniqueOrThrow({ where: { email: 'dev@demo.local' } });
    expect(await db.entry.count({ where: { challengeId: sprint.id, entrantId: dev.id } })).toBe(0);
  });
});
