/**
 * What to change in a challenge's stored assignments: the first run after the deadline, and every
 * re-fill after that (a judge declared a conflict, a judge was added or removed, an admin asked
 * for a new run). Pure: the caller loads the facts and applies `add` and `remove`.
 *
 * - Nothing a judge has worked on is taken away: a pair with a scorecard (draft or submitted)
 *   stays, unless it became invalid (the judge left, the entry was withdrawn, or a conflict was
 *   declared) and holds no submitted scores. A submitted scorecard always stays: it is evidence.
 * - First choice is `assignJudges` (exact, balanced within one) with every valid pair as `keep`;
 *   it is taken when it keeps every pair that must stay. Otherwise the plan fills the gaps
 *   incrementally: for each entry short of k judges, the least-loaded eligible judges, ties
 *   broken by the seed, so loads stay as even as the fixed pairs allow.
 */
import { assignJudges, type JudgePair } from './assign-judges';
import { createEligibilityCheck, type EntryRef, type JudgeConflict } from './eligibility';
import { createRandom, shuffleInPlace } from './prng';

export type ScorecardState = 'NONE' | 'DRAFT' | 'SUBMITTED';

export interface ExistingAssignment extends JudgePair {
  scorecard: ScorecardState;
}

export interface PlanInput {
  /** Active entries only. */
  entries: EntryRef[];
  judges: { id: string }[];
  conflicts: JudgeConflict[];
  k: number;
  seed: string | number;
  existing: ExistingAssignment[];
}

export interface AssignmentPlan {
  add: JudgePair[];
  remove: JudgePair[];
  /** Entries that still have fewer than k judges after the plan, and by how many. */
  shortfall: { entryId: string; missing: number }[];
  /** Assignments per judge after the plan (current judges only). */
  loads: Record<string, number>;
  method: 'optimal' | 'incremental';
  /** Why the exact method could not be used, when it could not. */
  note?: string;
}

export function planAssignment(input: PlanInput): AssignmentPlan {
  const entryIds = new Set(input.entries.map((e) => e.id));
  const entryById = new Map(input.entries.map((e) => [e.id, e]));
  const judgeIds = new Set(input.judges.map((j) => j.id));
  const isEligible = createEligibilityCheck(input.conflicts);

  const valid: ExistingAssignment[] = [];
  const locked: ExistingAssignment[] = [];
  const remove: JudgePair[] = [];
  for (const a of input.existing) {
    const entry = entryById.get(a.entryId);
    const ok = !!entry && judgeIds.has(a.judgeId) && isEligible(a.judgeId, entry);
    if (ok) valid.push(a);
    else if (a.scorecard === 'SUBMITTED' && entryIds.has(a.entryId)) locked.push(a);
    else remove.push({ entryId: a.entryId, judgeId: a.judgeId });
  }

  let note: string | undefined;
  if (locked.length === 0) {
    const exact = assignJudges({
      entries: input.entries,
      judges: input.judges,
      conflicts: input.conflicts,
      k: input.k,
      seed: input.seed,
      keep: valid,
    });
    if (exact.ok) {
      const chosen = new Set(exact.assignments.map(key));
      const mustStay = valid.filter((a) => a.scorecard !== 'NONE');
      if (mustStay.every((a) => chosen.has(key(a)))) {
        const current = new Set(valid.map(key));
        const dropped = valid.filter((a) => !chosen.has(key(a)));
        return {
          add: exact.assignments.filter((a) => !current.has(key(a))),
          remove: [...remove, ...dropped.map(({ entryId, judgeId }) => ({ entryId, judgeId }))],
          shortfall: [],
          loads: exact.loads,
          method: 'optimal',
        };
      }
      note = 'a balanced assignment would move judges off entries they have started scoring';
    } else {
      note = exact.reason;
    }
  } else {
    note = 'some judges declared a conflict after submitting their scores';
  }

  return { ...fillIncrementally(input, [...valid, ...locked], isEligible), remove, method: 'incremental', note };
}

function fillIncrementally(
  input: PlanInput,
  current: JudgePair[],
  isEligible: (judgeId: string, entry: EntryRef) => boolean,
): Pick<AssignmentPlan, 'add' | 'shortfall' | 'loads'> {
  const loads: Record<string, number> = Object.fromEntries(input.judges.map((j) => [j.id, 0]));
  const onEntry = new Map<string, Set<string>>();
  for (const a of current) {
    if (a.judgeId in loads) loads[a.judgeId] += 1;
    const set = onEntry.get(a.entryId) ?? new Set<string>();
    set.add(a.judgeId);
    onEntry.set(a.entryId, set);
  }
  // A fixed random rank per judge breaks load ties reproducibly from the challenge's seed.
  const random = createRandom(input.seed);
  const order = shuffleInPlace(input.judges.map((j) => j.id).sort(compare), random);
  const rank = new Map(order.map((id, i) => [id, i]));
  const candidatesOf = (entry: EntryRef) =>
    input.judges.filter((j) => !onEntry.get(entry.id)?.has(j.id) && isEligible(j.id, entry)).map((j) => j.id);

  // Entries with the fewest possible judges go first, so they are not starved by easier ones.
  const room = new Map(input.entries.map((e) => [e.id, candidatesOf(e).length]));
  const entries = [...input.entries].sort((a, b) => room.get(a.id)! - room.get(b.id)! || compare(a.id, b.id));
  const add: JudgePair[] = [];
  const shortfall: { entryId: string; missing: number }[] = [];
  for (const entry of entries) {
    let need = input.k - (onEntry.get(entry.id)?.size ?? 0);
    if (need <= 0) continue;
    const candidates = candidatesOf(entry).sort((a, b) => loads[a] - loads[b] || rank.get(a)! - rank.get(b)!);
    for (const judgeId of candidates) {
      if (need === 0) break;
      add.push({ entryId: entry.id, judgeId });
      loads[judgeId] += 1;
      const set = onEntry.get(entry.id) ?? new Set<string>();
      set.add(judgeId);
      onEntry.set(entry.id, set);
      need -= 1;
    }
    if (need > 0) shortfall.push({ entryId: entry.id, missing: need });
  }
  add.sort((a, b) => compare(a.entryId, b.entryId) || compare(a.judgeId, b.judgeId));
  shortfall.sort((a, b) => compare(a.entryId, b.entryId));
  return { add, shortfall, loads };
}

function key(p: JudgePair): string {
  return `${p.entryId}\u0000${p.judgeId}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
