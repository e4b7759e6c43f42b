import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/core/errors';
import { suggestReplacement, type AssignmentState } from '@/lib/core/challenges/logic/reassign';

// Loads: a 2, b 1, c 1, d 0 (d was added after assignment), e 1.
const state: AssignmentState = {
  entries: [
    { id: 'e1', entrantId: 'x' },
    { id: 'e2', entrantId: 'y' },
    { id: 'e3', entrantId: 'e' },
  ],
  judges: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })),
  conflicts: [{ judgeId: 'c', entrantId: 'x' }],
  assignments: [
    { entryId: 'e1', judgeId: 'a' },
    { entryId: 'e1', judgeId: 'b' },
    { entryId: 'e2', judgeId: 'a' },
    { entryId: 'e2', judgeId: 'e' },
    { entryId: 'e3', judgeId: 'c' },
  ],
};

describe('suggestReplacement', () => {
  it('lists judges without a conflict who are not on the entry, least loaded first', () => {
    // e1: a and b are on it, c has a conflict with its entrant x: d (load 0) and e (1) remain.
    // Moving a → d: loads a1 b1 c1 d1 e1, balanced. Moving a → e: a1 b1 c1 d0 e2, max − min = 2.
    expect(suggestReplacement(state, 'e1', 'a')).toEqual([
      { judgeId: 'd', load: 0, keepsBalance: true },
      { judgeId: 'e', load: 1, keepsBalance: false },
    ]);
  });

  it('excludes the entrant, and flags moves that leave loads unbalanced', () => {
    // e3 was entered by judge e, and c is on it. Moving c → d: a2 b1 c0 d1 e1 (2 − 0 > 1);
    // c → b: a2 b2 c0 d0 e1; c → a: a3 b1 c0 d0 e1. None balances, all are listed.
    expect(suggestReplacement(state, 'e3', 'c')).toEqual([
      { judgeId: 'd', load: 0, keepsBalance: false },
      { judgeId: 'b', load: 1, keepsBalance: false },
      { judgeId: 'a', load: 2, keepsBalance: false },
    ]);
  });

  it('ignores loads of judges no longer on the challenge', () => {
    // Judge a has left and must come off e2 (e is already on it). Current loads: b1 c1 d0 e1,
    // a's two assignments do not count. Moving to d gives b1 c1 d1 e1: balanced.
    const left = { ...state, judges: state.judges.filter((j) => j.id !== 'a') };
    expect(suggestReplacement(left, 'e2', 'a')).toEqual([
      { judgeId: 'd', load: 0, keepsBalance: true },
      { judgeId: 'b', load: 1, keepsBalance: false },
      { judgeId: 'c', load: 1, keepsBalance: false },
    ]);
  });

  it('refuses an unknown entry or a judge who is not on the entry', () => {
    expect(() => suggestReplacement(state, 'nope', 'a')).toThrow(AppError);
    expect(() => suggestReplacement(state, 'e1', 'e')).toThrow('Judge e is not assigned to entry e1.');
  });
});
