import 'server-only';
import type { Actor } from '@/lib/core/auth/roles';
import { conflict } from '@/lib/core/errors';
import { buildSbom } from '@/lib/core/inside/sbom';
import { getFileInside } from '@/lib/server/inside-reports/get-file-inside';

/** The CycloneDX SBOM of one file, for whoever may download it; 409 while its contents are unread. */
export async function getFileSbom(actor: Actor | null, fileId: string): Promise<{ sbom: object; fileName: string }> {
  const inside = await getFileInside(actor, fileId);
  if (!inside.report) throw conflict('The contents of this file are still being read; the SBOM follows in a few moments.');
  if (!inside.sha256) throw conflict('The file has no checksum yet, so there is no SBOM for it.');
  if (inside.report.status === 'not-read') throw conflict(`There is no SBOM: the contents of this file were not read (${inside.report.reason ?? 'no reason given'}).`);
  const sbom = buildSbom(inside.report, {
    applianceName: `${inside.appliance.publisher}/${inside.appliance.slug}`,
    version: inside.version,
    fileName: inside.fileName,
    sha256: inside.sha256,
  });
  return { sbom, fileName: `${inside.fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '')}.cdx.json` };
}
