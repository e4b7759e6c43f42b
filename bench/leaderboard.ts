/**
 * The admin leaderboard end to end on a real PostgreSQL: the service's queries plus
 * computeLeaderboard, at 1,000 entries in 8 categories × 60 judges × 6 criteria, k = 3.
 *
 *   npm run bench -- leaderboard
 *
 * Starts its own embedded PostgreSQL in a temp dir, applies the migrations, bulk-inserts the
 * data (assignment by assignJudges, ~95 % of scorecards submitted), then times
 * getAdminLeaderboard. Goal ≤ 200 ms. The last line is `leaderboard_ms=<median>`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { findFreePort } from '../scripts/lib/ports.ts';
import { migrateDeploy } from '../scripts/lib/schema-engine.ts';
import { assignJudges } from '../lib/core/challenges/logic/assign-judges.ts';
import { createRandom } from '../lib/core/challenges/logic/prng.ts';

const ENTRIES = 1000;
const CATEGORIES = 8;
const JUDGES = 60;
const ENTRANTS = 400;
const CRITERIA = 6;
const K = 3;
const RUNS = 15;

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apx-bench-leaderboard-'));
await fs.chmod(dir, 0o755);
const pgHandle = await startEmbeddedPostgres({
  dataDir: path.join(dir, 'postgres'),
  port: await findFreePort(),
  password: randomBytes(12).toString('hex'),
  database: 'apx_bench',
  log: () => {},
});

try {
  await migrateDeploy(pgHandle.url);
  process.env.DATABASE_URL = pgHandle.url;

  const client = new pg.Client({ connectionString: pgHandle.url });
  await client.connect();
  const t0 = performance.now();
  const random = createRandom('bench-leaderboard-db');
  const pick = (n: number) => Math.floor(random() * n);
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

  const judgeIds = ids('judge', JUDGES);
  // One entrant in ten is also a judge, as in bench/leaderboard-compute.ts.
  const entrantIds = ids('user', ENTRANTS).map((id, i) => (i < 40 ? judgeIds[i] : id));
  const userIds = [...judgeIds, ...entrantIds.filter((id) => id.startsWith('user'))];
  await client.query(
    `INSERT INTO "User" (id, name, email, roles) SELECT u, 'Bench ' || u, u || '@bench.local', ARRAY['USER','JUDGE']::"Role"[] FROM unnest($1::text[]) u`,
    [userIds],
  );
  await client.query(`INSERT INTO "User" (id, name, email, roles) VALUES ('admin', 'Bench Admin', 'admin@bench.local', ARRAY['USER','ADMIN']::"Role"[])`);
  await client.query(
    `INSERT INTO "Publisher" (id, handle, "displayName", "ownerId", "updatedAt") SELECT 'pub-' || u, 'pub-' || u, 'Publisher ' || u, u, now() FROM unnest($1::text[]) u`,
    [[...new Set(entrantIds)]],
  );
  await client.query(
    `INSERT INTO "Challenge" (id, slug, title, "submissionsOpenAt", "submissionsCloseAt", "judgingCloseAt", "judgesPerEntry", state, "assignmentSeed", "normalizeScores", "updatedAt")
     VALUES ('bench', 'bench', 'Bench Challenge', now() - interval '30 days', now() - interval '10 days', now() + interval '10 days', $1, 'JUDGING', 'bench', true, now())`,
    [K],
  );
  const categoryIds = ids('cat', CATEGORIES);
  await client.query(
    `INSERT INTO "ChallengeCategory" (id, "challengeId", slug, name, position) SELECT c, 'bench', c, 'Category ' || c, o FROM unnest($1::text[]) WITH ORDINALITY AS t(c, o)`,
    [categoryIds],
  );
  const criteria = Array.from({ length: CRITERIA }, (_, i) => ({ id: `crit${i}`, weight: [3, 2, 1, 1, 1.5, 0.5][i], scaleMin: i % 2 ? 0 : 1, scaleMax: [10, 10, 5, 10, 5, 100][i] }));
  for (const [i, c] of criteria.entries()) {
    await client.query(`INSERT INTO "Criterion" (id, "challengeId", name, weight, "scaleMin", "scaleMax", position) VALUES ($1, 'bench', $1, $2, $3, $4, $5)`, [c.id, c.weight, c.scaleMin, c.scaleMax, i]);
  }
  await client.query(`INSERT INTO "ChallengeJudge" (id, "challengeId", "userId") SELECT 'cj-' || u, 'bench', u FROM unnest($1::text[]) u`, [judgeIds]);

  const entryIds = ids('entry', ENTRIES);
  const entrantOf = entryIds.map(() => entrantIds[pick(entrantIds.length)]);
  const categoryOf = entryIds.map((_, i) => categoryIds[i % CATEGORIES]);
  await client.query(
    `INSERT INTO "Appliance" (id, "publisherId", slug, name, status, "updatedAt") SELECT 'app-' || e, 'pub-' || u, 'app-' || e, 'Appliance ' || e, 'PUBLISHED', now() FROM unnest($1::text[], $2::text[]) AS t(e, u)`,
    [entryIds, entrantOf],
  );
  await client.query(
    `INSERT INTO "ApplianceVersion" (id, "applianceId", version, "sortKey", status, "updatedAt") SELECT 'ver-' || e, 'app-' || e, '1.0.0', '1.0.0', 'RELEASED', now() FROM unnest($1::text[]) e`,
    [entryIds],
  );
  await client.query(
    `INSERT INTO "Entry" (id, "challengeId", "categoryId", "applianceId", "versionId", "entrantId", status, "createdAt", "updatedAt")
     SELECT e, 'bench', c, 'app-' || e, 'ver-' || e, u, CASE WHEN o % 97 = 1 THEN 'DISQUALIFIED'::"EntryStatus" ELSE 'ACTIVE'::"EntryStatus" END, now() - (o || ' minutes')::interval, now()
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(e, c, u, o)`,
    [entryIds, categoryOf, entrantOf],
  );

  const conflicts = Array.from({ length: 120 }, () => ({ judgeId: judgeIds[pick(JUDGES)], entrantId: entrantIds[pick(entrantIds.length)] }));
  const assigned = assignJudges({
    entries: entryIds.map((id, i) => ({ id, entrantId: entrantOf[i] })),
    judges: judgeIds.map((id) => ({ id })),
    conflicts,
    k: K,
    seed: 'bench',
  });
  if (!assigned.ok) throw new Error(`assignment failed: ${assigned.reason}`);
  const pairs = assigned.assignments;
  const aIds = pairs.map((_, i) => `as${i}`);
  await client.query(
    `INSERT INTO "Assignment" (id, "challengeId", "entryId", "judgeId") SELECT a, 'bench', e, j FROM unnest($1::text[], $2::text[], $3::text[]) AS t(a, e, j)`,
    [aIds, pairs.map((p) => p.entryId), pairs.map((p) => p.judgeId)],
  );
  const submitted = pairs.map(() => random() >= 0.05);
  await client.query(
    `INSERT INTO "Scorecard" (id, "assignmentId", "challengeId", "entryId", "judgeId", status, "submittedAt", "updatedAt")
     SELECT 'sc' || a, a, 'bench', e, j, CASE WHEN s THEN 'SUBMITTED'::"ScorecardStatus" ELSE 'DRAFT'::"ScorecardStatus" END, CASE WHEN s THEN now() END, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS t(a, e, j, s)`,
    [aIds, pairs.map((p) => p.entryId), pairs.map((p) => p.judgeId), submitted],
  );
  const scoreCards: string[] = [];
  const scoreCriteria: string[] = [];
  const scoreValues: number[] = [];
  for (const a of aIds) {
    for (const c of criteria) {
      scoreCards.push(`sc${a}`);
      scoreCriteria.push(c.id);
      scoreValues.push(c.scaleMin + Math.round(random() * (c.scaleMax - c.scaleMin)));
    }
  }
  await client.query(
    `INSERT INTO "CriterionScore" (id, "scorecardId", "criterionId", value) SELECT 'cs' || o, s, c, v FROM unnest($1::text[], $2::text[], $3::float8[]) WITH ORDINALITY AS t(s, c, v, o)`,
    [scoreCards, scoreCriteria, scoreValues],
  );
  await client.query('ANALYZE');
  await client.end();
  const seeded = performance.now() - t0;

  const { getAdminLeaderboard } = await import('../lib/server/challenges/get-admin-leaderboard.ts');
  const admin = { id: 'admin', name: 'Bench Admin', email: 'admin@bench.local', roles: ['USER' as const, 'ADMIN' as const] };
  let board = await getAdminLeaderboard(admin, 'bench'); // warm-up: connections, query plans, JIT
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    board = await getAdminLeaderboard(admin, 'bench');
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const rows = board.categories.reduce((s, c) => s + c.rows.length, 0);
  console.log(
    `size: ${ENTRIES} entries in ${CATEGORIES} categories, ${JUDGES} judges, ${CRITERIA} criteria, k=${K}; ${pairs.length} assignments, ` +
      `${submitted.filter(Boolean).length} submitted scorecards (${scoreValues.length} criterion scores); seeded in ${(seeded / 1000).toFixed(1)} s`,
  );
  console.log(`ranked rows: ${rows}; submitted ${board.progress.submitted} of ${board.progress.assigned}`);
  console.log(`runs: ${RUNS}; min ${samples[0].toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms (goal ≤ 200 ms)`);
  console.log(`leaderboard_ms=${median.toFixed(1)}`);
} finally {
  const { prismaClient } = await import('../lib/server/db.ts').catch(() => ({ prismaClient: null }));
  await prismaClient?.().$disconnect().catch(() => {});
  await pgHandle.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
