import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignJudges, type AssignmentInput } from '@/lib/core/challenges/logic/assign-judges';
import { bruteForceMaxKept, expectValidAssignment, isFeasibleByCirculation } from './assignment-oracle';

/**
 * Random challenges: entrant numbers below the judge count are judges who entered; conflicts
 * name an entrant or an entry; `keep` mixes valid and invalid pairs.
 */
function challengeArb(maxEntries: number, maxJudges: number, maxK: number): fc.Arbitrary<AssignmentInput> {
  return fc
    .record({
      entryCount: fc.integer({ min: 0, max: maxEntries }),
      judgeCount: fc.integer({ min: 1, max: maxJudges }),
      k: fc.integer({ min: 1, max: maxK }),
    })
    .chain(({ entryCount, judgeCount, k }) =>
      fc.record({
        k: fc.constant(k),
        judgeCount: fc.constant(judgeCount),
        entrants: fc.array(fc.nat(judgeCount + 8), { minLength: entryCount, maxLength: entryCount }),
        conflicts: fc.array(
          fc.record({ judge: fc.nat(judgeCount - 1), byEntry: fc.boolean(), target: fc.nat(Math.max(entryCount, judgeCount + 8)) }),
          { maxLength: 2 * (entryCount + judgeCount) },
        ),
        keep: fc.array(fc.record({ entry: fc.nat(Math.max(entryCount, 1)), judge: fc.nat(judgeCount) }), {
          maxLength: entryCount * k,
        }),
        seed: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
      }),
    )
    .map(({ k, judgeCount, entrants, conflicts, keep, seed }) => ({
      k,
      seed,
      entries: entrants.map((u, i) => ({ id: `e${i}`, entrantId: `u${u}` })),
      judges: Array.from({ length: judgeCount }, (_, j) => ({ id: `u${j}` })),
      conflicts: conflicts.map((c) =>
        c.byEntry ? { judgeId: `u${c.judge}`, entryId: `e${c.target}` } : { judgeId: `u${c.judge}`, entrantId: `u${c.target}` },
      ),
      // Index judgeCount and entryCount point past the end: a kept pair that is no longer valid.
      keep: keep.map((p) => ({ entryId: `e${p.entry}`, judgeId: `u${p.judge}` })),
    }));
}

function reversed(input: AssignmentInput): AssignmentInput {
  return {
    ...input,
    entries: [...input.entries].reverse(),
    judges: [...input.judges].reverse(),
    conflicts: [...input.conflicts].reverse(),
    keep: [...(input.keep ?? [])].reverse(),
  };
}

describe('assignJudges (properties)', () => {
  it('returns a valid assignment exactly when one exists, reproducibly', () => {
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(challengeArb(60, 25, 5), (input) => {
        const result = assignJudges(input);
        expect(result.ok).toBe(isFeasibleByCirculation(input));
        if (result.ok) {
          outcomes.ok += 1;
          expectValidAssignment(input, result);
        } else {
          outcomes.refused += 1;
          expect(result.reason.length).toBeGreaterThan(0);
        }
        expect(assignJudges(input)).toEqual(result);
        expect(assignJudges(reversed(input))).toEqual(result);
      }),
      { numRuns: 400 },
    );
    // Both branches must actually have been exercised for the property to mean anything.
    expect(outcomes.ok).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(20);
  });

  it('agrees with exhaustive search on small instances, and keeps as many pairs as possible', () => {
    fc.assert(
      fc.property(challengeArb(6, 5, 3), (input) => {
        const best = bruteForceMaxKept(input);
        expect(isFeasibleByCirculation(input)).toBe(best !== null);
        const result = assignJudges(input);
        expect(result.ok).toBe(best !== null);
        if (!result.ok) return;
        expectValidAssignment(input, result);
        const keep = new Set((input.keep ?? []).map((p) => `${p.entryId}|${p.judgeId}`));
        const kept = result.assignments.filter((p) => keep.has(`${p.entryId}|${p.judgeId}`)).length;
        expect(kept).toBe(best);
      }),
      { numRuns: 500 },
    );
  });

  it('re-running with its own result as `keep` changes nothing, whatever the seed', () => {
    fc.assert(
      fc.property(challengeArb(40, 15, 4), fc.string(), (input, otherSeed) => {
        const first = assignJudges({ ...input, keep: [] });
        if (!first.ok) return;
        const again = assignJudges({ ...input, seed: otherSeed, keep: first.assignments });
        expect(again).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });
});
