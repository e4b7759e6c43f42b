/**
 * Independent checks for judge assignment, written without the production code's flow network
 * or eligibility helper, so that a shared mistake cannot hide itself.
 */
import { expect } from 'vitest';
import type { AssignmentInput, AssignmentResult } from '@/lib/core/challenges/logic/assign-judges';

function mayJudge(input: AssignmentInput, judgeId: string, entry: { id: string; entrantId: string }): boolean {
  if (judgeId === entry.entrantId) return false;
  return !input.conflicts.some(
    (c) => c.judgeId === judgeId && (c.entrantId === entry.entrantId || c.entryId === entry.id),
  );
}

function bounds(input: AssignmentInput): { min: number; max: number } {
  const total = input.k * input.entries.length;
  const j = input.judges.length;
  return { min: Math.floor(total / j), max: Math.ceil(total / j) };
}

/** Asserts every invariant of a successful assignment. */
export function expectValidAssignment(input: AssignmentInput, result: AssignmentResult): void {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  const entryById = new Map(input.entries.map((e) => [e.id, e]));
  const judgeIds = new Set(input.judges.map((j) => j.id));
  const perEntry = new Map<string, Set<string>>(input.entries.map((e) => [e.id, new Set()]));
  const loads = new Map<string, number>(input.judges.map((j) => [j.id, 0]));
  for (const { entryId, judgeId } of result.assignments) {
    const entry = entryById.get(entryId);
    expect(entry, `unknown entry ${entryId}`).toBeDefined();
    expect(judgeIds.has(judgeId), `unknown judge ${judgeId}`).toBe(true);
    if (!entry) return;
    expect(mayJudge(input, judgeId, entry), `${judgeId} may not judge ${entryId}`).toBe(true);
    const set = perEntry.get(entryId) ?? new Set();
    expect(set.has(judgeId), `${judgeId} twice on ${entryId}`).toBe(false);
    set.add(judgeId);
    loads.set(judgeId, (loads.get(judgeId) ?? 0) + 1);
  }
  for (const [entryId, set] of perEntry) expect(set.size, `judges on ${entryId}`).toBe(input.k);
  expect(result.loads).toEqual(Object.fromEntries(loads));
  if (input.judges.length > 0) {
    const values = [...loads.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  }
}

/**
 * Feasibility by a circulation with lower bounds (entries exactly k, judges within
 * [⌊kE/J⌋, ⌈kE/J⌉]), solved with plain Edmonds–Karp.
 */
export function isFeasibleByCirculation(input: AssignmentInput): boolean {
  const { entries, judges, k } = input;
  if (entries.length === 0) return true;
  if (judges.length === 0) return false;
  const { min, max } = bounds(input);
  const E = entries.length;
  const J = judges.length;
  const s = 0;
  const t = E + J + 1;
  const superSource = t + 1;
  const superSink = t + 2;
  const n = t + 3;
  const to: number[] = [];
  const cap: number[] = [];
  const adj: number[][] = Array.from({ length: n }, () => []);
  const add = (u: number, v: number, c: number) => {
    adj[u].push(to.length);
    to.push(v);
    cap.push(c);
    adj[v].push(to.length);
    to.push(u);
    cap.push(0);
  };
  const excess = new Array<number>(n).fill(0);
  const lower = (u: number, v: number, lo: number, hi: number) => {
    add(u, v, hi - lo);
    excess[v] += lo;
    excess[u] -= lo;
  };
  entries.forEach((entry, e) => {
    lower(s, 1 + e, k, k);
    judges.forEach((judge, j) => {
      if (mayJudge(input, judge.id, entry)) add(1 + e, 1 + E + j, 1);
    });
  });
  judges.forEach((_, j) => lower(1 + E + j, t, min, max));
  add(t, s, Number.MAX_SAFE_INTEGER);
  let need = 0;
  excess.forEach((x, v) => {
    if (x > 0) {
      add(superSource, v, x);
      need += x;
    } else if (x < 0) add(v, superSink, -x);
  });

  let flow = 0;
  for (;;) {
    const via = new Array<number>(n).fill(-1);
    const queue = [superSource];
    const seen = new Array<boolean>(n).fill(false);
    seen[superSource] = true;
    for (let q = 0; q < queue.length && !seen[superSink]; q++) {
      for (const e of adj[queue[q]]) {
        if (cap[e] > 0 && !seen[to[e]]) {
          seen[to[e]] = true;
          via[to[e]] = e;
          queue.push(to[e]);
        }
      }
    }
    if (!seen[superSink]) break;
    let push = Infinity;
    for (let v = superSink; v !== superSource; v = to[via[v] ^ 1]) push = Math.min(push, cap[via[v]]);
    for (let v = superSink; v !== superSource; v = to[via[v] ^ 1]) {
      cap[via[v]] -= push;
      cap[via[v] ^ 1] += push;
    }
    flow += push;
  }
  return flow === need;
}

/**
 * Exhaustive search for small instances: null when no valid assignment exists, otherwise the
 * largest number of `keep` pairs a valid assignment can contain.
 */
export function bruteForceMaxKept(input: AssignmentInput): number | null {
  const { entries, judges, k } = input;
  if (entries.length === 0) return 0;
  if (judges.length === 0) return null;
  const { min, max } = bounds(input);
  const keep = new Set((input.keep ?? []).map((p) => `${p.entryId}|${p.judgeId}`));
  const options = entries.map((entry) =>
    subsets(
      judges.map((_, j) => j).filter((j) => mayJudge(input, judges[j].id, entry)),
      k,
    ),
  );
  const loads = new Array<number>(judges.length).fill(0);
  let best: number | null = null;
  const search = (e: number, kept: number) => {
    if (e === entries.length) {
      if (loads.every((l) => l >= min)) best = Math.max(best ?? -1, kept);
      return;
    }
    for (const choice of options[e]) {
      if (choice.some((j) => loads[j] >= max)) continue;
      for (const j of choice) loads[j] += 1;
      const gained = choice.filter((j) => keep.has(`${entries[e].id}|${judges[j].id}`)).length;
      search(e + 1, kept + gained);
      for (const j of choice) loads[j] -= 1;
    }
  };
  search(0, 0);
  return best;
}

function subsets(items: number[], size: number): number[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}
