import 'server-only';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/core/auth/roles';
import { canDownloadFile } from '@/lib/core/appliances/visibility';
import { findListing } from '@/lib/server/catalog/listing-access';
import type { InsideReport } from '@/lib/core/inside/types';
import { compareVersions } from '@/lib/core/versions';
import { asInsideReport, type InsideStatusName } from '@/lib/core/inside-reports/summary';

export interface InsideVersion {
  version: string;
  status: 'RELEASED' | 'REVOKED' | 'DRAFT';
  /** The file whose report stands for the version (all files of a version hold the same disk). */
  file: { id: string; format: string; fileName: string; sha256: string | null } | null;
  insideStatus: InsideStatusName | null;
}

export interface InsideOfVersion extends InsideVersion {
  report: InsideReport | null;
}

export interface ApplianceInside {
  applianceId: string;
  name: string;
  publisher: string;
  slug: string;
  /** Newest first, only versions the caller may see, each with a file the caller may download. */
  versions: InsideVersion[];
  /** The reports asked for, by version (the newest released version's when none was named). */
  reports: Map<string, InsideOfVersion>;
}

const RANK: Record<InsideStatusName, number> = { READ: 0, PARTIAL: 1, NOT_READ: 2, PENDING: 3 };
const FORMAT_RANK = ['RAW', 'QCOW2', 'OVA', 'VMDK', 'OVF', 'VAGRANT_BOX', 'ISO'];

/**
 * What is inside a listing's versions as the caller may see them: the same listing rule as the
 * appliance page and the same file rule as the download route (only files the caller may
 * download stand for a version). Null when the listing is not visible.
 */
export async function getApplianceInside(actor: Actor | null, publisher: string, slug: string, wanted?: string[]): Promise<ApplianceInside | null> {
  const access = await findListing(actor, publisher, slug);
  if (!access) return null;
  const row = await db.appliance.findUniqueOrThrow({
    where: { id: access.applianceId },
    select: {
      name: true,
      slug: true,
      publisher: { select: { handle: true } },
      versions: {
        select: {
          version: true,
          status: true,
          files: { where: { status: 'VERIFIED' }, select: { id: true, format: true, fileName: true, sha256: true, status: true, insideStatus: true } },
        },
      },
    },
  });
  const versions: InsideVersion[] = row.versions
    .filter((v) => access.privileged || v.status !== 'DRAFT')
    .sort((a, b) => compareVersions(b.version, a.version))
    .flatMap((v) => {
      const files = v.files
        .filter((f) => canDownloadFile(actor, access.facts, { status: f.status, versionStatus: v.status }, access.assignedJudge))
        .sort((a, b) => RANK[a.insideStatus ?? 'PENDING'] - RANK[b.insideStatus ?? 'PENDING'] || FORMAT_RANK.indexOf(a.format) - FORMAT_RANK.indexOf(b.format));
      const f = files[0];
      if (!f) return [];
      return [{ version: v.version, status: v.status, file: { id: f.id, format: f.format, fileName: f.fileName, sha256: f.sha256 }, insideStatus: f.insideStatus }];
    });

  const names = wanted ?? [versions.find((v) => v.status === 'RELEASED')?.version ?? versions[0]?.version].filter((v): v is string => !!v);
  const chosen = versions.filter((v) => names.includes(v.version));
  const reports = new Map<string, InsideOfVersion>();
  if (chosen.length) {
    const rows = await db.applianceFile.findMany({ where: { id: { in: chosen.map((v) => v.file!.id) } }, select: { id: true, inside: true } });
    const byId = new Map(rows.map((r) => [r.id, r.inside]));
    for (const v of chosen) {
      const report = v.insideStatus && v.insideStatus !== 'PENDING' ? asInsideReport(byId.get(v.file!.id)) : null;
      reports.set(v.version, { ...v, report });
    }
  }
  return { applianceId: access.applianceId, name: row.name, publisher: row.publisher.handle, slug: row.slug, versions, reports };
}
