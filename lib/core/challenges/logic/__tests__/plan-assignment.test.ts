import { describe, expect, it } from 'vitest';
import { planAssignment, type ExistingAssignment } from '@/lib/core/challenges/logic/plan-assignment';

const entries = ['e1', 'e2', 'e3', 'e4'].map((id, i) => ({ id, entrantId: `dev${i % 2}` }));
const judges = ['a', 'b', 'c', 'd'].map((id) => ({ id }));

function loadsOf(pairs: { judgeId: string }[]) {
  const loads: Record<string, number> = {};
  for (const p of pairs) loads[p.judgeId] = (loads[p.judgeId] ?? 0) + 1;
  return loads;
}

function apply(existing: ExistingAssignment[], plan: ReturnType<typeof planAssignment>) {
  const removed = new Set(plan.remove.map((p) => `${p.entryId}/${p.judgeId}`));
  return [...existing.filter((p) => !removed.has(`${p.entryId}/${p.judgeId}`)), ...plan.add];
}

describe('planAssignment', () => {
  it('assigns k judges per entry from scratch, balanced, reproducibly', () => {
    const input = { entries, judges, conflicts: [], k: 2, seed: 's', existing: [] };
    const plan = planAssignment(input);
    expect(plan.method).toBe('optimal');
    expect(plan.add).toHaveLength(8);
    expect(plan.remove).toEqual([]);
    expect(Object.values(loadsOf(plan.add))).toEqual([2, 2, 2, 2]);
    expect(planAssignment(input)).toEqual(plan);
  });

  it('removes an unscored pair that a new conflict made invalid and fills the gap with someone else', () => {
    const first = planAssignment({ entries, judges, conflicts: [], k: 2, seed: 's', existing: [] });
    const existing: ExistingAssignment[] = first.add.map((p) => ({ ...p, scorecard: 'NONE' }));
    const victim = existing[0];
    const conflicts = [{ judgeId: victim.judgeId, entryId: victim.entryId }];
    const plan = planAssignment({ entries, judges, conflicts, k: 2, seed: 's', existing });
    expect(plan.remove).toContainEqual({ entryId: victim.entryId, judgeId: victim.judgeId });
    const after = apply(existing, plan);
    const onVictim = after.filter((p) => p.entryId === victim.entryId).map((p) => p.judgeId);
    expect(onVictim).toHaveLength(2);
    expect(onVictim).not.toContain(victim.judgeId);
    expect(plan.shortfall).toEqual([]);
  });

  it('never takes away a pair with a scorecard, and keeps a submitted one even after a conflict', () => {
    const existing: ExistingAssignment[] = [
      { entryId: 'e1', judgeId: 'a', scorecard: 'SUBMITTED' },
      { entryId: 'e1', judgeId: 'b', scorecard: 'DRAFT' },
      { entryId: 'e2', judgeId: 'a', scorecard: 'DRAFT' },
      { entryId: 'e3', judgeId: 'a', scorecard: 'SUBMITTED' },
    ];
    // a now conflicts with e1's entrant (dev0), which also covers e3.
    const plan = planAssignment({ entries, judges, conflicts: [{ judgeId: 'a', entrantId: 'dev0' }], k: 2, seed: 's', existing });
    expect(plan.method).toBe('incremental');
    expect(plan.remove).toEqual([]);
    const after = apply(existing, plan);
    for (const kept of existing) expect(after).toContainEqual(kept);
    for (const e of entries) expect(after.filter((p) => p.entryId === e.id)).toHaveLength(2);
    // No new pair puts a on an entry of dev0.
    expect(plan.add.filter((p) => p.judgeId === 'a' && ['e1', 'e3'].includes(p.entryId))).toEqual([]);
  });

  it('drops pairs of withdrawn entries and departed judges unless scores were submitted', () => {
    const existing: ExistingAssignment[] = [
      { entryId: 'gone', judgeId: 'a', scorecard: 'DRAFT' },
      { entryId: 'e1', judgeId: 'zed', scorecard: 'DRAFT' },
    ];
    const plan = planAssignment({ entries, judges, conflicts: [], k: 1, seed: 's', existing });
    expect(plan.remove).toEqual(expect.arrayContaining([{ entryId: 'gone', judgeId: 'a' }, { entryId: 'e1', judgeId: 'zed' }]));
  });

  it('fills what it can and names the entries left short when there are too few judges', () => {
    const plan = planAssignment({ entries, judges: [{ id: 'a' }, { id: 'b' }], conflicts: [{ judgeId: 'b', entryId: 'e4' }], k: 2, seed: 's', existing: [] });
    expect(plan.method).toBe('incremental');
    expect(plan.note).toMatch(/e4/);
    expect(plan.shortfall).toEqual([{ entryId: 'e4', missing: 1 }]);
    expect(plan.add.filter((p) => p.entryId === 'e4')).toEqual([{ entryId: 'e4', judgeId: 'a' }]);
  });

  it('never assigns an entrant to their own entry', () => {
    const own = [{ id: 'x1', entrantId: 'a' }, { id: 'x2', entrantId: 'b' }];
    const plan = planAssignment({ entries: own, judges, conflicts: [], k: 3, seed: 1, existing: [] });
    expect(plan.add.some((p) => (p.entryId === 'x1' && p.judgeId === 'a') || (p.entryId === 'x2' && p.judgeId === 'b'))).toBe(false);
    expect(plan.add).toHaveLength(6);
  });
});
