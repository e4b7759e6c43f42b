import 'server-only';
import { randomBytes } from 'node:crypto';
import { env } from '@/lib/config/env';
import { db } from '@/lib/server/db';
import type { Actor, RoleName } from '@/lib/core/auth/roles';
import { createUserWithPassword } from '@/lib/server/users/create-user-with-password';
import { challengeInputSchema } from '@/lib/core/challenges/challenge-input';
import { createChallenge } from '@/lib/server/challenges/save-challenge';
import { transitionChallenge } from '@/lib/server/challenges/transition-challenge';
import { addChallengeJudge } from '@/lib/server/challenges/add-challenge-judge';
import { declareConflict } from '@/lib/server/challenges/declare-conflict';
import { createEntry } from '@/lib/server/challenges/create-entry';
import { saveScorecard } from '@/lib/server/challenges/save-scorecard';
import { castVote } from '@/lib/server/challenges/cast-vote';
import { publishResults } from '@/lib/server/challenges/publish-results';
import { createRandom } from '@/lib/core/challenges/logic/prng';
import { DEMO_PUBLISHERS, NON_CHALLENGE_DEMO_SLUGS } from '@/lib/server/seed/demo-catalog';

/*
 * The demo's two challenges, run through the same services as the product (with the clock set
 * to the past where the story happened), so the seeded data obeys every rule the app enforces:
 *
 * - The Ultimate Virtual Appliance Challenge: submissions from Feb 27, 2026, judging through the
 *   summer, winners per category and a grand prize announced Aug 14, 2026 — in RESULTS, with
 *   real assignments (assignJudges with a fixed seed), submitted scorecards and awards.
 * - The Homelab Sprint: OPEN now (submissions close three weeks after the seed), People's
 *   Choice on, so a developer can enter and anyone can vote.
 *
 * Deterministic: fixed seeds for the assignment and the scores; no e-mail is queued.
 */

const DAY = 86_400_000;
const quiet = { mail: false } as const;

const ULTIMATE_CATEGORIES = [
  { name: 'Web & Applications', from: ['web'], prize: '$2,000 and a featured listing', description: 'Web servers, CMS and application stacks.' },
  { name: 'Data & Storage', from: ['databases', 'storage'], prize: '$2,000 and a featured listing', description: 'Databases, caches, object stores and backup.' },
  { name: 'Networking & Security', from: ['networking'], prize: '$2,000 and a featured listing', description: 'Firewalls, VPN gateways and DNS.' },
  { name: 'DevOps & Monitoring', from: ['devtools', 'monitoring'], prize: '$2,000 and a featured listing', description: 'Forges, CI runners, metrics and dashboards.' },
  { name: 'Base Systems', from: ['os'], prize: '$1,000', description: 'Minimal systems to build on.' },
];

const RUBRIC = [
  { name: 'Works out of the box', description: 'Boots in a free player and does its job with the documented steps.', weight: 3, scaleMin: 1, scaleMax: 10 },
  { name: 'Security', description: 'Sane defaults: no default passwords, minimal open ports, current packages.', weight: 2, scaleMin: 1, scaleMax: 10 },
  { name: 'Size and speed', description: 'Small download, quick first boot, modest resources.', weight: 1.5, scaleMin: 1, scaleMax: 10 },
  { name: 'Documentation', description: 'First-boot instructions, credentials handling, upgrade notes.', weight: 1, scaleMin: 1, scaleMax: 5 },
];

const RULES = `## Who can enter

Any developer with a **published** appliance on Appliance Exchange. Enter a released version whose files passed
verification; each appliance competes in one category.

## How it is judged

- Every entry is scored by judges who have **no conflict** with the entrant, assigned automatically and evenly.
- Judging is **blind**: judges see the appliance, never who made it.
- Scores are weighted by the rubric below and **normalised per judge**, so strict and generous judges count alike.

## Prizes

Each category winner receives its prize; the best category winner also takes the **grand prize**.
People's Choice is decided by a public vote.
`;

function actorOf(u: { id: string; name: string; email: string; roles: string[] }): Actor {
  return { id: u.id, name: u.name, email: u.email, roles: u.roles as RoleName[] };
}

async function demoUser(email: string) {
  const u = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, roles: true } });
  return u ? actorOf(u) : null;
}

async function ensureJudge(name: string, email: string): Promise<Actor> {
  const existing = await demoUser(email);
  if (existing) return existing;
  const password = env().DEMO_PASSWORD || `${randomBytes(6).toString('base64url')}-${randomBytes(6).toString('base64url')}7`;
  const u = await createUserWithPassword({ name, email, password, roles: ['JUDGE'] });
  return actorOf(u);
}

/** The demo catalog's appliances, each with the version its owner entered: the oldest released one with a verified file. */
async function entryVersions() {
  const appliances = await db.appliance.findMany({
    where: { status: 'PUBLISHED', slug: { notIn: NON_CHALLENGE_DEMO_SLUGS }, publisher: { handle: { in: DEMO_PUBLISHERS.map((p) => p.handle) } } },
    orderBy: { slug: 'asc' },
    select: {
      id: true,
      slug: true,
      category: { select: { slug: true } },
      publisher: { select: { owner: { select: { id: true, name: true, email: true, roles: true } } } },
      versions: { where: { status: 'RELEASED', files: { some: { status: 'VERIFIED' } } }, orderBy: { sortKey: 'asc' }, take: 1, select: { id: true } },
    },
  });
  return appliances.filter((a) => a.versions.length > 0);
}

export async function seedDemoChallenges(log: (m: string) => void): Promise<void> {
  const admin = await demoUser('admin@demo.local');
  const judge = await demoUser('judge@demo.local');
  if (!admin || !judge) {
    log('Skipping the demo challenges: the demo admin and judge accounts are missing.');
    return;
  }
  const judges = [judge, await ensureJudge('Priya Raman', 'judge2@demo.local'), await ensureJudge('Marco Bellini', 'judge3@demo.local')];
  const voters = (await Promise.all(['user@demo.local', 'reviewer@demo.local'].map(demoUser))).filter((u): u is Actor => !!u);
  const appliances = await entryVersions();

  await seedUltimate(admin, judges, voters, appliances);
  await seedHomelabSprint(admin, judges, appliances);
  log(`Seeded the demo challenges: the Ultimate Virtual Appliance Challenge (results published) and the Homelab Sprint (open for entries).`);
}

type Appliances = Awaited<ReturnType<typeof entryVersions>>;

async function seedUltimate(admin: Actor, judges: Actor[], voters: Actor[], appliances: Appliances) {
  const at = (iso: string) => new Date(iso);
  const input = challengeInputSchema.parse({
    title: 'Ultimate Virtual Appliance Challenge',
    slug: 'ultimate-2026',
    summary: 'The first Appliance Exchange challenge: the best ready-to-run appliances of 2026, judged blind on a weighted rubric.',
    rules: RULES,
    timeZone: 'America/Los_Angeles',
    submissionsOpenAt: '2026-02-27T09:00',
    submissionsCloseAt: '2026-06-30T23:59',
    judgingCloseAt: '2026-08-07T17:00',
    judgesPerEntry: 2,
    entryLimit: 5,
    blind: true,
    normalizeScores: true,
    peoplesChoice: true,
    votingOpensAt: '2026-03-01T00:00',
    votingClosesAt: '2026-07-31T23:59',
    grandPrize: '$5,000 and the keynote slot at ApplianceConf',
    categories: ULTIMATE_CATEGORIES.map(({ name, prize, description }) => ({ name, prize, description })),
    criteria: RUBRIC,
  });
  const { id } = await createChallenge(admin, input, { ...quiet, now: at('2026-02-10T18:00:00Z') });
  // A fixed seed: the demo's assignment is the same on every install.
  await db.challenge.update({ where: { id }, data: { assignmentSeed: 'ultimate-2026' } });
  await transitionChallenge(admin, id, 'open', { ...quiet, now: at('2026-02-27T17:00:00Z') });
  for (const j of judges) await addChallengeJudge(admin, id, j.email);
  // Marco once worked at Northwind: a declared conflict keeps him off all their entries.
  await declareConflict(judges[2], id, { person: 'northwind@demo.local', reason: 'Former employer' }, { ...quiet, now: at('2026-03-02T10:00:00Z') });

  const categories = await db.challengeCategory.findMany({ where: { challengeId: id }, orderBy: { position: 'asc' }, select: { id: true, name: true } });
  const categoryFor = (slug: string | undefined) => categories[Math.max(0, ULTIMATE_CATEGORIES.findIndex((c) => slug && c.from.includes(slug)))].id;
  const entries: { id: string; categoryId: string }[] = [];
  for (const [i, a] of appliances.entries()) {
    const categoryId = categoryFor(a.category?.slug);
    const entry = await createEntry(
      actorOf(a.publisher.owner),
      { challengeId: id, categoryId, versionId: a.versions[0].id, statement: 'Default credentials are printed on the serial console at first boot.' },
      { ...quiet, now: new Date(at('2026-03-05T16:00:00Z').getTime() + i * 6 * DAY) },
    );
    entries.push({ id: entry.id, categoryId });
  }

  const random = createRandom('ultimate-2026-votes');
  for (const [v, voter] of [...voters, ...judges].entries()) {
    for (const c of categories) {
      const options = entries.filter((e) => e.categoryId === c.id);
      if (options.length === 0) continue;
      // Skewed towards the first entries so the tally has a clear leader.
      const pick = options[Math.min(options.length - 1, Math.floor(random() * random() * options.length))];
      await castVote(voter, id, pick.id, { ...quiet, now: at(`2026-05-${String(10 + v).padStart(2, '0')}T12:00:00Z`) });
    }
  }

  await transitionChallenge(admin, id, 'close', { ...quiet, now: at('2026-07-01T07:00:00Z') });

  const criteria = await db.criterion.findMany({ where: { challengeId: id }, orderBy: { position: 'asc' } });
  const assignments = await db.assignment.findMany({ where: { challengeId: id }, orderBy: [{ entryId: 'asc' }, { judgeId: 'asc' }], select: { entryId: true, judgeId: true } });
  const scores = createRandom('ultimate-2026-scores');
  // Each entry has a quality, each judge a temper: normalisation is there to cancel the latter.
  const quality = new Map(entries.map((e) => [e.id, 0.35 + 0.6 * scores()]));
  const temper = new Map(judges.map((j, i) => [j.id, [0, -0.15, 0.1][i] ?? 0]));
  const COMMENTS = [
    'Booted first time in QEMU and VirtualBox; the console shows the credentials as promised.',
    'Solid appliance. Would like an arm64 build and a smaller image.',
    'Good defaults; the documentation could say how to rotate the admin password.',
    'Clean package, manifest verified, quick first boot.',
  ];
  for (const [n, a] of assignments.entries()) {
    const level = Math.min(0.98, Math.max(0.05, quality.get(a.entryId)! + temper.get(a.judgeId)!));
    const values = Object.fromEntries(
      criteria.map((c) => {
        const raw = c.scaleMin + (level + (scores() - 0.5) * 0.2) * (c.scaleMax - c.scaleMin);
        return [c.id, Math.min(c.scaleMax, Math.max(c.scaleMin, Math.round(raw)))];
      }),
    );
    const who = judges.find((j) => j.id === a.judgeId)!;
    await saveScorecard(who, a.entryId, { values, comments: {}, comment: COMMENTS[n % COMMENTS.length], submit: true }, { ...quiet, now: new Date(at('2026-07-06T16:00:00Z').getTime() + n * 0.8 * DAY) });
  }

  await publishResults(admin, id, {}, { ...quiet, now: at('2026-08-14T17:00:00Z') });
}

async function seedHomelabSprint(admin: Actor, judges: Actor[], appliances: Appliances) {
  const now = Date.now();
  const hour = (t: number) => new Date(Math.floor(t / 3_600_000) * 3_600_000).toISOString();
  const input = challengeInputSchema.parse({
    title: 'Homelab Sprint',
    slug: 'homelab-sprint',
    summary: 'Small, sharp appliances for the homelab: enter yours before the deadline and vote for your favourites.',
    rules: RULES,
    timeZone: 'Europe/Berlin',
    submissionsOpenAt: hour(now - 7 * DAY),
    submissionsCloseAt: hour(now + 21 * DAY),
    judgingCloseAt: hour(now + 42 * DAY),
    judgesPerEntry: 2,
    entryLimit: 2,
    blind: true,
    normalizeScores: true,
    peoplesChoice: true,
    votingOpensAt: hour(now - 7 * DAY),
    votingClosesAt: hour(now + 35 * DAY),
    grandPrize: 'A year of hosting and a homelab rack',
    categories: [
      { name: 'Homelab Essentials', prize: '$500', description: 'Everything a homelab runs first: DNS, VPN, backups.' },
      { name: 'Best Newcomer', prize: '$500', description: 'The most promising appliance from a first-time entrant.' },
    ],
    criteria: RUBRIC,
  });
  const { id } = await createChallenge(admin, input, { ...quiet, now: new Date(now - 10 * DAY) });
  await db.challenge.update({ where: { id }, data: { assignmentSeed: 'homelab-sprint' } });
  await transitionChallenge(admin, id, 'open', { ...quiet, now: new Date(now - 7 * DAY) });
  for (const j of judges) await addChallengeJudge(admin, id, j.email);
  const category = await db.challengeCategory.findFirstOrThrow({ where: { challengeId: id }, orderBy: { position: 'asc' }, select: { id: true } });
  // Two early entries; dev@demo.local (Demo Labs) has not entered yet, so the demo can.
  for (const slug of ['wireguard-gateway', 'redis-cache']) {
    const a = appliances.find((x) => x.slug === slug);
    if (a) await createEntry(actorOf(a.publisher.owner), { challengeId: id, categoryId: category.id, versionId: a.versions[0].id }, { ...quiet, now: new Date(now - 3 * DAY) });
  }
}
