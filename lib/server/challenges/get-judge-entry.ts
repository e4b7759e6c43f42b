import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { publicUrl } from '@/lib/config/env';
import { planLaunch, playersFor, renderPlan, PLAYER_LABELS, type LaunchFileFormat, type LaunchPlan, type Player } from '@/lib/core/launch';
import { effectiveState } from '@/lib/core/challenges/logic/state-machine';
import { judgeScore } from '@/lib/core/challenges/logic/scoring';
import { anonymousFileName, entryLabel } from '@/lib/core/challenges/logic/entry-code';
import { blindInspection, createRedactor, redactDeep } from '@/lib/core/challenges/logic/redact';
import { blindInsideReport } from '@/lib/core/inside-reports/blind';
import { readApplianceAccess } from '@/lib/core/appliances/appliance-access';
import { asInsideReport } from '@/lib/core/inside-reports/summary';
import { type ServiceOptions } from '@/lib/server/challenges/service-support';
import { SCORING_RULE, scoringWindow } from '@/lib/server/challenges/scoring-window';
import { challengeSelect, identitiesOf } from '@/lib/server/challenges/judge-view-support';

/**
 * One assigned entry as its judge sees it: files with inspection data, downloads through the
 * judging route, launch instructions, the rubric and the judge's scorecard. Other judges'
 * scores only once this judge has submitted. In blind mode nothing names the entrant: no
 * publisher, homepage or slug path, vendor fields stripped, identities redacted from all text.
 * Null when the caller is not assigned to the entry (the page and API answer 404).
 */
export async function getJudgeEntry(actor: Actor, entryId: string, opts: ServiceOptions = {}) {
  if (!actor.roles.includes('JUDGE')) return null;
  const now = opts.now ?? new Date();
  const assignment = await db.assignment.findFirst({
    where: { entryId, judgeId: actor.id, challenge: { state: { in: ['JUDGING', 'RESULTS', 'ARCHIVED'] } } },
    select: {
      id: true,
      challenge: { select: challengeSelect },
      scorecard: { select: { status: true, comment: true, submittedAt: true, updatedAt: true, values: { select: { criterionId: true, value: true, comment: true } } } },
      entry: {
        select: {
          id: true,
          status: true,
          statement: true,
          disqualifyReason: true,
          category: { select: { name: true } },
          entrant: { select: { name: true, email: true } },
          appliance: {
            select: {
              slug: true,
              name: true,
              summary: true,
              description: true,
              license: true,
              eula: true,
              homepage: true,
              minCpus: true,
              minMemoryMiB: true,
              minDiskBytes: true,
              osName: true,
              osFamily: true,
              defaultCredentials: true,
              ports: true,
              publisher: { select: { handle: true, displayName: true, url: true } },
            },
          },
          version: {
            select: {
              version: true,
              changelog: true,
              releasedAt: true,
              files: {
                where: { status: 'VERIFIED' },
                orderBy: [{ format: 'asc' }, { architecture: 'asc' }, { provider: 'asc' }],
                select: { id: true, format: true, architecture: true, provider: true, fileName: true, sizeBytes: true, sha256: true, inspection: true, insideStatus: true, inside: true },
              },
            },
          },
        },
      },
    },
  });
  if (!assignment) return null;
  const { challenge: ch, entry: e } = assignment;
  const blind = ch.blind;
  const redact = blind ? createRedactor(identitiesOf(e)) : (t: string) => t;
  const label = entryLabel(e.id);
  const a = e.appliance;

  const files = e.version.files.map((f) => {
    const downloadName = blind
      ? anonymousFileName({ entryId: e.id, version: e.version.version, format: f.format, provider: f.provider, fileName: f.fileName })
      : f.fileName;
    const inspection = blind ? blindInspection(f.inspection, redact) : (f.inspection as Record<string, unknown> | null);
    const insideReport = f.insideStatus && f.insideStatus !== 'PENDING' ? asInsideReport(f.inside) : null;
    return {
      inside: insideReport && blind ? blindInsideReport(insideReport, redact) : insideReport,
      id: f.id,
      format: f.format,
      architecture: f.architecture,
      provider: f.provider || null,
      sizeBytes: Number(f.sizeBytes),
      sha256: f.sha256,
      downloadName,
      downloadUrl: `/api/v1/judging/entries/${e.id}/files/${f.id}/download`,
      inspection,
      launch: launchPlans({
        blind,
        code: label.replace('Entry ', '').toLowerCase(),
        publisher: a.publisher.handle,
        appliance: a.slug,
        version: e.version.version,
        file: { id: f.id, format: f.format, fileName: downloadName, sha256: f.sha256 ?? '', architecture: f.architecture, provider: f.provider || null, inspection },
        hardware: { cpus: a.minCpus, memoryMiB: a.minMemoryMiB },
      }),
    };
  });

  const mine = assignment.scorecard;
  const values = Object.fromEntries((mine?.values ?? []).map((v) => [v.criterionId, { value: v.value, comment: v.comment }]));
  const complete = ch.criteria.length > 0 && ch.criteria.every((c) => values[c.id] !== undefined);
  const myScore = complete
    ? judgeScore({ entryId: e.id, judgeId: actor.id, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value])), submittedAt: now }, ch.criteria)
    : null;

  // The secrecy rule lives in the query: nothing about others' scorecards is read before this
  // judge's own is submitted.
  const others =
    mine?.status === 'SUBMITTED'
      ? (
          await db.scorecard.findMany({
            where: { entryId: e.id, status: 'SUBMITTED', judgeId: { not: actor.id } },
            orderBy: { submittedAt: 'asc' },
            select: { comment: true, submittedAt: true, values: { select: { criterionId: true, value: true, comment: true } } },
          })
        ).map((s, i) => {
          const v = Object.fromEntries(s.values.map((x) => [x.criterionId, x.value]));
          return {
            label: `Judge ${String.fromCharCode(65 + i)}`,
            comment: redact(s.comment),
            submittedAt: s.submittedAt,
            values: s.values.map((x) => ({ criterionId: x.criterionId, value: x.value, comment: redact(x.comment) })),
            score: judgeScore({ entryId: e.id, judgeId: `other-${i}`, values: v, submittedAt: s.submittedAt ?? now }, ch.criteria),
          };
        })
      : null;

  const view = {
    challenge: {
      id: ch.id,
      slug: ch.slug,
      title: ch.title,
      blind,
      state: effectiveState(ch, now),
      timeZone: ch.timeZone,
      judgingCloseAt: ch.judgingCloseAt,
      criteria: ch.criteria,
    },
    scoring: scoringWindow(ch, now),
    scoringRule: SCORING_RULE,
    entry: { id: e.id, label, category: e.category.name, status: e.status, statement: redact(e.statement), disqualifyReason: e.disqualifyReason },
    entrant: blind ? null : { name: e.entrant.name, publisher: { handle: a.publisher.handle, displayName: a.publisher.displayName, url: a.publisher.url } },
    appliance: {
      name: redact(a.name),
      summary: redact(a.summary),
      description: redact(a.description),
      license: a.license,
      eula: a.eula ? redact(a.eula) : null,
      href: blind ? null : `/appliances/${a.publisher.handle}/${a.slug}`,
      homepage: blind ? null : a.homepage,
      requirements: {
        cpus: a.minCpus,
        memoryMiB: a.minMemoryMiB,
        diskBytes: a.minDiskBytes === null ? null : Number(a.minDiskBytes),
        os: a.osName ? redact(a.osName) : a.osFamily,
      },
      // Redacted with the rest below when blind: a user name may be the entrant's.
      access: readApplianceAccess(a),
    },
    version: { version: e.version.version, changelog: redact(e.version.changelog), releasedAt: e.version.releasedAt },
    files,
    myScorecard: mine
      ? { status: mine.status, comment: mine.comment, submittedAt: mine.submittedAt, updatedAt: mine.updatedAt, values, score: myScore }
      : null,
    others,
  };
  // Belt and braces: whatever a future field brings in, the entrant's identities do not leave.
  return blind ? redactDeep(view, redact) : view;
}

export type JudgeEntryView = NonNullable<Awaited<ReturnType<typeof getJudgeEntry>>>;

interface LaunchFacts {
  blind: boolean;
  code: string;
  publisher: string;
  appliance: string;
  version: string;
  file: { id: string; format: string; fileName: string; sha256: string; architecture: string; provider: string | null; inspection: Record<string, unknown> | null };
  hardware: { cpus: number | null; memoryMiB: number | null };
}

/**
 * Launch instructions per player, as the appliance page shows them, for the file under the name
 * the judge downloads it as. Blind: the machine is named after the entry code, and Vagrant adds
 * the downloaded box instead of the catalog URL (which names the publisher).
 */
function launchPlans(f: LaunchFacts): { player: Player; label: string; supported: boolean; text: string; reason?: string }[] {
  const members = Array.isArray(f.file.inspection?.members) ? (f.file.inspection.members as { name?: unknown; format?: unknown }[]) : [];
  const diskNames = members.filter((m) => typeof m.name === 'string' && typeof m.format === 'string' && m.format !== 'OVA').map((m) => m.name as string);
  const ovfName = members.find((m) => typeof m.name === 'string' && /\.ovf$/i.test(m.name as string))?.name as string | undefined;
  const file = {
    id: f.file.id,
    format: f.file.format as LaunchFileFormat,
    fileName: f.file.fileName,
    sha256: f.file.sha256,
    architecture: f.file.architecture.toLowerCase() as 'amd64',
    provider: f.file.provider,
    diskNames,
    ovfName: ovfName ?? null,
  };
  const input = {
    siteUrl: publicUrl(),
    publisher: f.blind ? 'entry' : f.publisher,
    appliance: f.blind ? f.code : f.appliance,
    version: f.version,
    file,
    hardware: f.hardware,
  };
  return playersFor(file).map((player) => {
    let plan: LaunchPlan = planLaunch(input, player);
    if (player === 'vagrant' && f.blind) plan = blindVagrantPlan(f.code, f.file.fileName, f.file.provider);
    return { player, label: PLAYER_LABELS[player], supported: plan.supported, text: renderPlan(plan), reason: plan.reason };
  });
}

function blindVagrantPlan(code: string, fileName: string, provider: string | null): LaunchPlan {
  const box = `entry-${code}`;
  return {
    player: 'vagrant',
    supported: true,
    steps: [
      { title: 'Add the downloaded box', argv: ['vagrant', 'box', 'add', '--name', box, ...(provider ? ['--provider', provider] : []), `./${fileName}`] },
      { title: 'Create a Vagrantfile for it', argv: ['vagrant', 'init', box] },
      { title: 'Start the virtual machine', argv: ['vagrant', 'up', ...(provider ? ['--provider', provider] : [])] },
    ],
    notes: ['Blind judging: the box is added from the file you downloaded, not from the catalog (whose address names the publisher). Compare its SHA-256 with the one shown here first.'],
  };
}
