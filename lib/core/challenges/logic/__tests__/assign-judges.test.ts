import { describe, expect, it } from 'vitest';
import { assignJudges, type AssignmentInput } from '@/lib/core/challenges/logic/assign-judges';
import { expectValidAssignment } from './assignment-oracle';

const judges = (...ids: string[]) => ids.map((id) => ({ id }));
const entries = (count: number, entrantOf: (i: number) => string = (i) => `someone${i}`) =>
  Array.from({ length: count }, (_, i) => ({ id: `e${i + 1}`, entrantId: entrantOf(i) }));

function base(overrides: Partial<AssignmentInput> = {}): AssignmentInput {
  return { entries: entries(6), judges: judges('a', 'b', 'c', 'd'), conflicts: [], k: 2, seed: 'base', ...overrides };
}

describe('assignJudges', () => {
  it('gives each entry k judges with loads within one: 6 entries × 2 judges over 4 judges is 3 each', () => {
    const input = base();
    const result = assignJudges(input);
    expectValidAssignment(input, result);
    expect(result.ok && result.loads).toEqual({ a: 3, b: 3, c: 3, d: 3 });
  });

  it('splits uneven totals into ⌊kE/J⌋ and ⌈kE/J⌉: 7 × 2 = 14 over 4 judges is 4, 4, 3, 3', () => {
    const input = base({ entries: entries(7) });
    const result = assignJudges(input);
    expectValidAssignment(input, result);
    expect(result.ok && Object.values(result.loads).sort()).toEqual([3, 3, 4, 4]);
  });

  it('returns no assignments and zero loads for a challenge without entries', () => {
    expect(assignJudges(base({ entries: [] }))).toEqual({ ok: true, assignments: [], loads: { a: 0, b: 0, c: 0, d: 0 } });
  });

  it('never assigns judges to their own entry or to a declared conflict, by entrant or by entry', () => {
    const input = base({
      entries: [
        { id: 'e1', entrantId: 'a' },
        { id: 'e2', entrantId: 'x' },
        { id: 'e3', entrantId: 'y' },
        { id: 'e4', entrantId: 'y' },
      ],
      conflicts: [
        { judgeId: 'b', entrantId: 'x' },
        { judgeId: 'c', entryId: 'e3' },
      ],
    });
    for (const seed of ['s1', 's2', 's3', 4, 5]) {
      const result = assignJudges({ ...input, seed });
      expectValidAssignment(input, result);
      const pairs = result.ok ? result.assignments.map((p) => `${p.entryId}:${p.judgeId}`) : [];
      expect(pairs).not.toContain('e1:a');
      expect(pairs).not.toContain('e2:b');
      expect(pairs).not.toContain('e3:c');
    }
  });

  it('is reproducible for a seed and varies between seeds', () => {
    const input = base({ entries: entries(20), judges: judges(...'abcdefghij'), k: 3 });
    expect(assignJudges({ ...input, seed: 42 })).toEqual(assignJudges({ ...input, seed: 42 }));
    const distinct = new Set(
      Array.from({ length: 20 }, (_, seed) => JSON.stringify(assignJudges({ ...input, seed }))),
    );
    expect(distinct.size).toBeGreaterThan(15);
  });

  it('refuses when an entry has fewer than k judges without a conflict, naming the entry', () => {
    const result = assignJudges(
      base({
        entries: [{ id: 'e1', entrantId: 'a' }, { id: 'e2', entrantId: 'x' }, { id: 'e3', entrantId: 'y' }],
        judges: judges('a', 'b', 'c'),
        k: 3,
      }),
    );
    expect(result).toEqual({ ok: false, entryId: 'e1', reason: 'entry e1 has only 2 judges without a conflict, needs 3' });
  });

  it('refuses when k exceeds the number of judges', () => {
    expect(assignJudges(base({ k: 5 }))).toEqual({
      ok: false,
      reason: 'each entry needs 5 judges, but the challenge has only 4 judges',
    });
    expect(assignJudges(base({ judges: [] })).ok).toBe(false);
  });

  it('refuses when entries compete for too few judges (a Hall violation, not visible per entry)', () => {
    // e1 and e2 may only be judged by a; with 3 entries, 3 judges and k = 1 each judge takes
    // exactly one entry, so a cannot take both.
    const result = assignJudges({
      entries: [
        { id: 'e1', entrantId: 'x' },
        { id: 'e2', entrantId: 'x' },
        { id: 'e3', entrantId: 'y' },
      ],
      judges: judges('a', 'b', 'c'),
      conflicts: [
        { judgeId: 'b', entrantId: 'x' },
        { judgeId: 'c', entrantId: 'x' },
      ],
      k: 1,
      seed: 1,
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'entries e1, e2 need 2 judge assignments, but the judges without a conflict can take only 1 of them ' +
        'while loads stay balanced (at most 1 per judge)',
    });
  });

  it('refuses when some judges cannot reach the minimum load', () => {
    // 5 entries, k = 1, 4 judges: loads must be 1 or 2. b and c may only judge e1, so one of
    // them would get 0.
    const result = assignJudges({
      entries: entries(5, () => 'x'),
      judges: judges('a', 'b', 'c', 'd'),
      conflicts: ['e2', 'e3', 'e4', 'e5'].flatMap((entryId) => [
        { judgeId: 'b', entryId },
        { judgeId: 'c', entryId },
      ]),
      k: 1,
      seed: 1,
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'judges b, c must each judge at least 1 entry to keep loads balanced (2 in total), but the entries ' +
        'they have no conflict with can take only 1 of them (1 judge per entry)',
    });
  });

  it('refuses when a single judge has too few entries without a conflict', () => {
    const result = assignJudges(
      base({ conflicts: ['e1', 'e2', 'e3', 'e4', 'e5'].map((entryId) => ({ judgeId: 'd', entryId })) }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'judge d can judge only 1 entry without a conflict, but balanced loads need at least 3 per judge',
    });
  });

  it('refuses malformed input with a reason instead of guessing', () => {
    expect(assignJudges(base({ k: 0 })).ok).toBe(false);
    expect(assignJudges(base({ k: 1.5 })).ok).toBe(false);
    expect(assignJudges(base({ judges: judges('a', 'a', 'b') }))).toEqual({ ok: false, reason: 'judges are listed twice: a' });
    expect(assignJudges(base({ entries: [...entries(2), ...entries(1)] }))).toEqual({
      ok: false,
      reason: 'entries are listed twice: e1',
    });
    expect(assignJudges(base({ conflicts: [{ judgeId: 'a' }] }))).toEqual({
      ok: false,
      reason: 'a conflict of judge a names neither an entrant nor an entry',
    });
  });

  describe('keep', () => {
    it('preserves every earlier assignment when new entries arrive and balance allows it', () => {
      const first = assignJudges(base({ entries: entries(6), k: 2, seed: 'first' }));
      if (!first.ok) throw new Error(first.reason);
      const input = base({ entries: entries(10), k: 2, seed: 'second', keep: first.assignments });
      const second = assignJudges(input);
      expectValidAssignment(input, second);
      expect(second.ok && second.assignments).toEqual(expect.arrayContaining(first.assignments));
    });

    it('drops kept pairs that are no longer valid (new conflict, departed judge, withdrawn entry)', () => {
      const input = base({
        conflicts: [{ judgeId: 'a', entryId: 'e1' }],
        keep: [
          { entryId: 'e1', judgeId: 'a' },
          { entryId: 'e2', judgeId: 'gone' },
          { entryId: 'withdrawn', judgeId: 'b' },
          { entryId: 'e3', judgeId: 'c' },
        ],
      });
      const result = assignJudges(input);
      expectValidAssignment(input, result);
      expect(result.ok && result.assignments).toContainEqual({ entryId: 'e3', judgeId: 'c' });
    });

    it('puts balance before keeping: a hand reassignment that overloads a judge is partly undone', () => {
      // 4 entries, k = 1, 2 judges: loads must be 2 and 2, so at most 2 of the 4 kept pairs on a survive.
      const input: AssignmentInput = {
        entries: entries(4),
        judges: judges('a', 'b'),
        conflicts: [],
        k: 1,
        seed: 'x',
        keep: entries(4).map((e) => ({ entryId: e.id, judgeId: 'a' })),
      };
      const result = assignJudges(input);
      expectValidAssignment(input, result);
      expect(result.ok && result.loads).toEqual({ a: 2, b: 2 });
    });
  });
});
