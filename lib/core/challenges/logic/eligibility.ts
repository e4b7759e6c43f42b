/** Who may judge what: the one place that decides whether a judge conflicts with an entry. */

export interface EntryRef {
  id: string;
  /** The user who entered. */
  entrantId: string;
}

/**
 * A declared conflict. One naming an entrant covers every entry of that person; one naming an
 * entry covers just that entry; one naming both covers both.
 */
export interface JudgeConflict {
  judgeId: string;
  // null as well as undefined: Prisma returns null for the column that is not set.
  entrantId?: string | null;
  entryId?: string | null;
}

/** Returns a predicate that is true when `judgeId` may judge `entry`. */
export function createEligibilityCheck(
  conflicts: readonly JudgeConflict[],
): (judgeId: string, entry: EntryRef) => boolean {
  // Nested maps rather than joined string keys: this runs for every entry × judge pair.
  const byJudge = new Map<string, { entrants: Set<string>; entries: Set<string> }>();
  for (const c of conflicts) {
    let sets = byJudge.get(c.judgeId);
    if (!sets) {
      sets = { entrants: new Set(), entries: new Set() };
      byJudge.set(c.judgeId, sets);
    }
    if (c.entrantId != null) sets.entrants.add(c.entrantId);
    if (c.entryId != null) sets.entries.add(c.entryId);
  }
  return (judgeId, entry) => {
    if (judgeId === entry.entrantId) return false;
    const sets = byJudge.get(judgeId);
    return !sets || (!sets.entrants.has(entry.entrantId) && !sets.entries.has(entry.id));
  };
}
