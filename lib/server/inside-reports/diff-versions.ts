import 'server-only';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict, notFound } from '@/lib/core/errors';
import { diffPackages } from '@/lib/core/inside/diff-packages';
import { isValidVersion } from '@/lib/core/versions';
import { getApplianceInside, type InsideOfVersion } from '@/lib/server/inside-reports/get-appliance-inside';
import { kernelLabel, osReleaseLabel } from '@/lib/core/inside-reports/summary';

export interface VersionDiffSide {
  version: string;
  fileId: string;
  os: string | null;
  kernel: string | null;
  packageCount: number;
}

export interface VersionDiff {
  appliance: { publisher: string; slug: string; name: string };
  from: VersionDiffSide;
  to: VersionDiffSide;
  added: { name: string; version: string }[];
  removed: { name: string; version: string }[];
  upgraded: { name: string; from: string; to: string }[];
}

function side(v: InsideOfVersion): VersionDiffSide {
  const r = v.report!;
  return { version: v.version, fileId: v.file!.id, os: r.os?.prettyName ?? osReleaseLabel(r.os), kernel: kernelLabel(r), packageCount: r.packages.length };
}

/**
 * Packages added, removed and upgraded between two versions of one listing, as the caller may see
 * them (the appliance page's rule). A version the caller cannot see is "not found"; one whose
 * contents were not read cannot be compared (409, with the reason).
 */
export async function diffApplianceVersions(actor: Actor | null, publisher: string, slug: string, from: string, to: string): Promise<VersionDiff> {
  if (!isValidVersion(from) || !isValidVersion(to)) throw notFound('That version');
  const inside = await getApplianceInside(actor, publisher, slug, [from, to]);
  if (!inside) throw notFound('That appliance');
  const a = inside.reports.get(from);
  const b = inside.reports.get(to);
  if (!a) throw notFound(`Version ${from}`);
  if (!b) throw notFound(`Version ${to}`);
  for (const v of [a, b]) {
    if (!v.report) throw conflict(`The contents of version ${v.version} are still being read.`);
    if (v.report.status === 'not-read') throw conflict(`The contents of version ${v.version} were not read: ${v.report.reason ?? 'no reason given'}`);
  }
  const d = diffPackages(a.report!.packages, b.report!.packages);
  return {
    appliance: { publisher: inside.publisher, slug: inside.slug, name: inside.name },
    from: side(a),
    to: side(b),
    added: d.added.map((p) => ({ name: p.name, version: p.version })),
    removed: d.removed.map((p) => ({ name: p.name, version: p.version })),
    upgraded: d.upgraded.map((u) => ({ name: u.name, from: u.from, to: u.to })),
  };
}
