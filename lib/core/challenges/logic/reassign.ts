/** Candidates for the admin's hand reassignment of one judge on one entry. */
import type { JudgePair } from './assign-judges';
import { createEligibilityCheck, type EntryRef, type JudgeConflict } from './eligibility';
import { invalid } from '@/lib/core/errors';

export interface AssignmentState {
  entries: EntryRef[];
  judges: { id: string }[];
  conflicts: JudgeConflict[];
  assignments: JudgePair[];
}

export interface ReplacementCandidate {
  judgeId: string;
  /** Current number of entries assigned to this judge. */
  load: number;
  /** Whether loads stay within one of each other after moving the assignment to this judge. */
  keepsBalance: boolean;
}

/**
 * Judges who could take `removeJudgeId`'s place on `entryId`: no conflict with the entry or its
 * entrant, not already on it; least loaded first (then by id, so the list is stable).
 */
export function suggestReplacement(
  state: AssignmentState,
  entryId: string,
  removeJudgeId: string,
): ReplacementCandidate[] {
  const entry = state.entries.find((e) => e.id === entryId);
  if (!entry) throw invalid(`Entry ${entryId} is not part of this challenge.`);
  const onEntry = new Set(state.assignments.filter((a) => a.entryId === entryId).map((a) => a.judgeId));
  if (!onEntry.has(removeJudgeId)) {
    throw invalid(`Judge ${removeJudgeId} is not assigned to entry ${entryId}.`);
  }

  // Only current judges count towards balance: assignments of a judge who has since been
  // removed from the challenge are exactly what is being replaced.
  const loads = new Map<string, number>(state.judges.map((j) => [j.id, 0]));
  for (const a of state.assignments) {
    const load = loads.get(a.judgeId);
    if (load !== undefined) loads.set(a.judgeId, load + 1);
  }
  const isEligible = createEligibilityCheck(state.conflicts);

  return state.judges
    .filter((j) => !onEntry.has(j.id) && isEligible(j.id, entry))
    .map((j) => {
      const load = loads.get(j.id) ?? 0;
      return { judgeId: j.id, load, keepsBalance: isBalancedAfterMove(loads, removeJudgeId, j.id) };
    })
    .sort((a, b) => a.load - b.load || (a.judgeId < b.judgeId ? -1 : a.judgeId > b.judgeId ? 1 : 0));
}

function isBalancedAfterMove(loads: Map<string, number>, from: string, to: string): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const [id, load] of loads) {
    const after = load + (id === to ? 1 : 0) - (id === from ? 1 : 0);
    min = Math.min(min, after);
    max = Math.max(max, after);
  }
  return max - min <= 1;
}
