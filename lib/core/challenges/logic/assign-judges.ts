/**
 * Automatic, balanced, conflict-free judge assignment for a challenge.
 *
 * Exact method: a min-cost max-flow on source → entry (capacity k) → judge (capacity 1, only
 * where eligible) → sink, where each judge's sink capacity is split into a mandatory part
 * ⌊kE/J⌋ (a very negative cost, so it is filled first whenever possible) and an optional part up
 * to ⌈kE/J⌉. Pairs from `keep` cost −1, so the flow keeps as many of them as the invariants
 * allow. Edge order is shuffled with the seed: equally good assignments are chosen by the seed,
 * reproducibly. If the flow cannot reach k·E with every mandatory part full, no valid
 * assignment exists, and a minimum cut names the entries or judges that make it impossible.
 */
import { createEligibilityCheck, type EntryRef, type JudgeConflict } from './eligibility';
import { listIds } from './list-ids';
import { FlowNetwork } from './min-cost-flow';
import { createRandom, shuffleInPlace } from './prng';

export interface JudgePair {
  entryId: string;
  judgeId: string;
}

export interface AssignmentInput {
  entries: EntryRef[];
  /** User ids of the challenge's judges. */
  judges: { id: string }[];
  conflicts: JudgeConflict[];
  /** Judges per entry. */
  k: number;
  /** Stored with the challenge so that a run can be reproduced. */
  seed: string | number;
  /** Existing assignments to preserve where still valid (after new entries, a hand reassignment…). */
  keep?: JudgePair[];
}

export type AssignmentResult =
  | { ok: true; assignments: JudgePair[]; loads: Record<string, number> }
  | { ok: false; reason: string; entryId?: string };

export function assignJudges(input: AssignmentInput): AssignmentResult {
  const invalid = findInvalidInput(input);
  if (invalid) return { ok: false, reason: invalid };

  // Sorting first makes the result independent of the order the database returned rows in.
  const entries = [...input.entries].sort((a, b) => compareIds(a.id, b.id));
  const judges = input.judges.map((j) => j.id).sort(compareIds);
  const { k } = input;
  const entryCount = entries.length;
  const judgeCount = judges.length;

  if (entryCount === 0) return { ok: true, assignments: [], loads: zeroLoads(judges) };
  if (judgeCount < k) {
    return {
      ok: false,
      reason: `each entry needs ${k} judges, but the challenge has only ${judgeCount} ${plural(judgeCount, 'judge')}`,
    };
  }

  const minLoad = Math.floor((k * entryCount) / judgeCount);
  const maxLoad = Math.ceil((k * entryCount) / judgeCount);
  const isEligible = createEligibilityCheck(input.conflicts);
  const eligible = entries.map((entry) => {
    const list: number[] = [];
    for (let j = 0; j < judgeCount; j++) if (isEligible(judges[j], entry)) list.push(j);
    return list;
  });

  const obvious = findObviousShortfall(entries, judges, eligible, k, minLoad);
  if (obvious) return obvious;

  const keep = new Set((input.keep ?? []).map((p) => pairKey(p.entryId, p.judgeId)));
  const random = createRandom(input.seed);

  // Nodes: 0 source, 1..E entries, E+1..E+J judges, E+J+1 sink.
  const source = 0;
  const sink = entryCount + judgeCount + 1;
  const judgeNode = (j: number) => entryCount + 1 + j;
  const pairCount = eligible.reduce((sum, list) => sum + list.length, 0);
  const net = new FlowNetwork(entryCount + judgeCount + 2, entryCount + pairCount + 2 * judgeCount);
  // Larger than any number of kept pairs, so balance always outranks keeping.
  const mandatoryCost = -(k * entryCount + 1);

  // pairEdge[e][i] is the edge from entry e to judge eligible[e][i].
  const pairEdge = eligible.map((list) => new Int32Array(list.length));
  for (const e of shuffleInPlace(entries.map((_, i) => i), random)) {
    net.addEdge(source, e + 1, k);
    const order = shuffleInPlace(eligible[e].map((_, i) => i), random);
    for (const i of order) {
      const j = eligible[e][i];
      const kept = keep.size > 0 && keep.has(pairKey(entries[e].id, judges[j]));
      pairEdge[e][i] = net.addEdge(e + 1, judgeNode(j), 1, kept ? -1 : 0);
    }
  }
  const mandatoryEdges: number[] = [];
  for (const j of shuffleInPlace(judges.map((_, i) => i), random)) {
    if (minLoad > 0) mandatoryEdges.push(net.addEdge(judgeNode(j), sink, minLoad, mandatoryCost));
    if (maxLoad > minLoad) net.addEdge(judgeNode(j), sink, maxLoad - minLoad);
  }

  const { flow } = net.run(source, sink);
  if (flow < k * entryCount) return explainEntryShortfall(net, entries, judges, eligible, k, maxLoad);
  const mandatoryFlow = mandatoryEdges.reduce((sum, e) => sum + net.flowOn(e), 0);
  if (mandatoryFlow < minLoad * judgeCount) return explainJudgeShortfall(entries, judges, eligible, k, minLoad);

  // eligible[e] is in judge order, so the result comes out sorted by entry id, then judge id.
  const loads = zeroLoads(judges);
  const assignments: JudgePair[] = [];
  for (let e = 0; e < entryCount; e++) {
    eligible[e].forEach((j, i) => {
      if (net.flowOn(pairEdge[e][i]) !== 1) return;
      assignments.push({ entryId: entries[e].id, judgeId: judges[j] });
      loads[judges[j]] += 1;
    });
  }
  return { ok: true, assignments, loads };
}

function findInvalidInput(input: AssignmentInput): string | null {
  if (!Number.isInteger(input.k) || input.k < 1) return `judges per entry must be a whole number of at least 1, got ${input.k}`;
  const entryIds = duplicates(input.entries.map((e) => e.id));
  if (entryIds.length > 0) return `entries are listed twice: ${listIds(entryIds)}`;
  const judgeIds = duplicates(input.judges.map((j) => j.id));
  if (judgeIds.length > 0) return `judges are listed twice: ${listIds(judgeIds)}`;
  const empty = input.conflicts.find((c) => c.entrantId == null && c.entryId == null);
  if (empty) return `a conflict of judge ${empty.judgeId} names neither an entrant nor an entry`;
  return null;
}

/** Cheap necessary conditions, checked first because their messages are the most useful. */
function findObviousShortfall(
  entries: EntryRef[],
  judges: string[],
  eligible: number[][],
  k: number,
  minLoad: number,
): AssignmentResult | null {
  for (let e = 0; e < entries.length; e++) {
    const n = eligible[e].length;
    if (n < k) {
      return {
        ok: false,
        entryId: entries[e].id,
        reason: `entry ${entries[e].id} has only ${n} ${plural(n, 'judge')} without a conflict, needs ${k}`,
      };
    }
  }
  const possible = new Array<number>(judges.length).fill(0);
  for (const list of eligible) for (const j of list) possible[j] += 1;
  const j = possible.findIndex((n) => n < minLoad);
  if (j !== -1) {
    return {
      ok: false,
      reason:
        `judge ${judges[j]} can judge only ${possible[j]} ${plural(possible[j], 'entry', 'entries')} without a conflict, ` +
        `but balanced loads need at least ${minLoad} per judge`,
    };
  }
  return null;
}

/**
 * The flow fell short of k·E. The entries still reachable from the source in the residual
 * network form a set S with k·|S| > Σ_judges min(maxLoad, |eligible entries in S|): Hall's
 * condition fails, and that is what we tell the admin.
 */
function explainEntryShortfall(
  net: FlowNetwork,
  entries: EntryRef[],
  judges: string[],
  eligible: number[][],
  k: number,
  maxLoad: number,
): AssignmentResult {
  const reachable = net.reachableFrom(0);
  const stuck = entries.flatMap((_, e) => (reachable[e + 1] ? [e] : []));
  const perJudge = new Array<number>(judges.length).fill(0);
  for (const e of stuck) for (const j of eligible[e]) perJudge[j] += 1;
  const supply = perJudge.reduce((sum, n) => sum + Math.min(n, maxLoad), 0);
  const ids = stuck.map((e) => entries[e].id);
  return {
    ok: false,
    ...(ids.length === 1 ? { entryId: ids[0] } : {}),
    reason:
      `${plural(ids.length, 'entry', 'entries')} ${listIds(ids)} ${plural(ids.length, 'needs', 'need')} ` +
      `${k * ids.length} judge assignments, ` +
      `but the judges without a conflict can take only ${supply} of them while loads stay balanced ` +
      `(at most ${maxLoad} per judge)`,
  };
}

/**
 * The flow reached k·E but some judge stays below ⌊kE/J⌋. Re-run as a flow from judges (each
 * demanding minLoad) to entries (each taking at most k); the judges reachable from the source
 * form a set T with minLoad·|T| > Σ_entries min(k, |eligible judges in T|).
 */
function explainJudgeShortfall(
  entries: EntryRef[],
  judges: string[],
  eligible: number[][],
  k: number,
  minLoad: number,
): AssignmentResult {
  const sink = judges.length + entries.length + 1;
  const net = new FlowNetwork(sink + 1);
  for (let j = 0; j < judges.length; j++) net.addEdge(0, j + 1, minLoad);
  for (let e = 0; e < entries.length; e++) {
    for (const j of eligible[e]) net.addEdge(j + 1, judges.length + 1 + e, 1);
    net.addEdge(judges.length + 1 + e, sink, k);
  }
  net.run(0, sink);
  const reachable = net.reachableFrom(0);
  const stuck = judges.flatMap((_, j) => (reachable[j + 1] ? [j] : []));
  const inStuck = new Set(stuck);
  const capacity = eligible.reduce((sum, list) => sum + Math.min(k, list.filter((j) => inStuck.has(j)).length), 0);
  return {
    ok: false,
    reason:
      `${plural(stuck.length, 'judge', 'judges')} ${listIds(stuck.map((j) => judges[j]))} must each judge at least ` +
      `${minLoad} ${plural(minLoad, 'entry', 'entries')} to keep loads balanced (${minLoad * stuck.length} in total), but the entries they have ` +
      `no conflict with can take only ${capacity} of them (${k} ${plural(k, 'judge')} per entry)`,
  };
}

function zeroLoads(judges: string[]): Record<string, number> {
  return Object.fromEntries(judges.map((id) => [id, 0]));
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

function pairKey(entryId: string, judgeId: string): string {
  return `${entryId}\u0000${judgeId}`;
}

/** Code-unit order, not localeCompare: the result must not depend on the server's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
