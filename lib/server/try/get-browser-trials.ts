import 'server-only';
import { db } from '@/lib/server/db';
import { browserTrial, type BrowserTrial, type TrialFile } from '@/lib/core/try/browser-trial';
import { probeFile } from '@/lib/server/try/probe-file';

/** The facts a trial decision reads about one file, from the database (never from the caller). */
export interface TrialFacts extends TrialFile {
  id: string;
  objectKey: string;
  sizeBytes: number;
}

/** Probing reads the disk: raw disks (is it boot code only?) and every container (can the browser read it?). ISOs boot as they are. */
const PROBED = new Set(['RAW', 'QCOW2', 'VMDK', 'OVA']);
const needsProbe = (f: TrialFile) => PROBED.has(f.format) && f.status === 'VERIFIED' && f.downloadable && f.architecture.toUpperCase() !== 'ARM64';

export async function decideTrial(file: TrialFacts, requiredMemoryMiB: number | null): Promise<BrowserTrial> {
  const probe = needsProbe(file) ? await probeFile(file) : null;
  return browserTrial(file, requiredMemoryMiB, probe);
}

/**
 * The trial decision for files the caller already sees (the appliance page, the judge's entry
 * page pass the ids and download decisions they computed), keyed by file id.
 */
export async function getBrowserTrials(
  files: { id: string; downloadable: boolean }[],
  requiredMemoryMiB: number | null,
): Promise<Record<string, BrowserTrial>> {
  if (!files.length) return {};
  const rows = await db.applianceFile.findMany({
    where: { id: { in: files.map((f) => f.id) } },
    select: { id: true, format: true, architecture: true, status: true, objectKey: true, sizeBytes: true },
  });
  const downloadable = new Map(files.map((f) => [f.id, f.downloadable]));
  const entries = await Promise.all(
    rows.map(async (r) => [r.id, await decideTrial({ ...r, sizeBytes: Number(r.sizeBytes), downloadable: downloadable.get(r.id) ?? false }, requiredMemoryMiB)] as const),
  );
  return Object.fromEntries(entries);
}
