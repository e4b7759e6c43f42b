/**
 * Pure-compute cost of a challenge's leaderboard at a large size, without a database:
 * 1,000 entries in 8 categories, 60 judges, 6 criteria, 3 judges per entry.
 *
 *   node --import tsx bench/leaderboard-compute.ts
 *
 * The leaderboard page's budget is 200 ms end to end; this part must be a small fraction of it.
 * The last line is machine-readable: leaderboard_compute_ms=<median>.
 */
import { assignJudges } from '../lib/core/challenges/logic/assign-judges.ts';
import { createRandom } from '../lib/core/challenges/logic/prng.ts';
import { computeLeaderboard, type Criterion, type EntryInfo, type Scorecard } from '../lib/core/challenges/logic/scoring.ts';

const ENTRIES = 1000;
const CATEGORIES = 8;
const JUDGES = 60;
const K = 3;
const RUNS = 21;

const random = createRandom('bench-leaderboard');
const pick = (n: number) => Math.floor(random() * n);

const judges = Array.from({ length: JUDGES }, (_, i) => ({ id: `judge-${i}` }));
// One entrant in ten is also a judge, so the "own entry" rule is exercised at scale.
const entrants = Array.from({ length: 400 }, (_, i) => (i < 40 ? judges[i].id : `user-${i}`));
const start = Date.parse('2026-08-01T00:00:00Z');
const entries: (EntryInfo & { entrantId: string })[] = Array.from({ length: ENTRIES }, (_, i) => ({
  id: `entry-${String(i).padStart(4, '0')}`,
  entrantId: entrants[pick(entrants.length)],
  categoryId: `category-${i % CATEGORIES}`,
  createdAt: new Date(start + pick(14 * 24 * 3600) * 1000),
  disqualified: i % 97 === 0,
}));
const conflicts = Array.from({ length: 120 }, () => ({ judgeId: judges[pick(JUDGES)].id, entrantId: entrants[pick(entrants.length)] }));

const criteria: Criterion[] = [
  { id: 'works', weight: 3, scaleMin: 1, scaleMax: 10 },
  { id: 'security', weight: 2, scaleMin: 1, scaleMax: 10 },
  { id: 'docs', weight: 1, scaleMin: 1, scaleMax: 5 },
  { id: 'size', weight: 1, scaleMin: 0, scaleMax: 10 },
  { id: 'boot', weight: 1.5, scaleMin: 1, scaleMax: 5 },
  { id: 'novelty', weight: 0.5, scaleMin: 0, scaleMax: 100 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(runs: number, run: () => T): { ms: number; result: T } {
  let result = run(); // warm-up: let the JIT settle before measuring
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = run();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), result };
}

const input = { entries, judges, conflicts, k: K, seed: 'bench' };
const assigned = time(5, () => assignJudges(input));
if (!assigned.result.ok) throw new Error(`assignment failed: ${assigned.result.reason}`);
const { assignments, loads } = assigned.result;

// Every assignment gets a submitted scorecard, except ~5 % still in draft (drafts are never passed in).
const cards: Scorecard[] = assignments
  .filter(() => random() >= 0.05)
  .map(({ entryId, judgeId }) => ({
    entryId,
    judgeId,
    values: Object.fromEntries(
      criteria.map((c) => [c.id, c.scaleMin + Math.round(random() * (c.scaleMax - c.scaleMin))]),
    ),
    submittedAt: new Date(start + 20 * 24 * 3600 * 1000),
  }));

const board = time(RUNS, () => computeLeaderboard(entries, criteria, cards, { normalize: true }));
const loadValues = Object.values(loads);

console.log(
  `size: ${ENTRIES} entries, ${CATEGORIES} categories, ${JUDGES} judges, ${criteria.length} criteria, k=${K}; ` +
    `${assignments.length} assignments (loads ${Math.min(...loadValues)}–${Math.max(...loadValues)}), ` +
    `${cards.length} submitted scorecards, ${board.result.length} ranked rows`,
);
console.log(`assign_judges_ms=${assigned.ms.toFixed(2)} (median of 5)`);
console.log(`leaderboard_compute_ms=${board.ms.toFixed(2)}`);
