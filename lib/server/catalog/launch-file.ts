import 'server-only';
import { planLaunch, playersFor, renderPlan, type LaunchFile, type LaunchFileFormat, type LaunchPlan, type Player } from '@/lib/core/launch';
import { publicUrl } from '@/lib/config/env';

/** What inspection stored about a file (lib/core/inspect's ApplianceMetadata), read defensively: it is JSON. */
interface StoredInspection {
  disks?: { href?: unknown }[];
  members?: { name?: unknown }[];
}

function asInspection(value: unknown): StoredInspection {
  return value && typeof value === 'object' ? (value as StoredInspection) : {};
}

/** The disks an OVA/OVF names, in order, as inspection found them. */
export function diskNamesOf(inspection: unknown): string[] {
  const disks = asInspection(inspection).disks;
  if (!Array.isArray(disks)) return [];
  return disks.map((d) => d?.href).filter((h): h is string => typeof h === 'string' && h.length > 0);
}

/** The .ovf member inside an OVF bundle (zip), when inspection saw one. */
export function ovfNameOf(inspection: unknown): string | null {
  const members = asInspection(inspection).members;
  if (!Array.isArray(members)) return null;
  const ovf = members.map((m) => m?.name).find((n): n is string => typeof n === 'string' && /\.ovf$/i.test(n));
  return ovf ?? null;
}

export interface LaunchableFile {
  id: string;
  format: LaunchFileFormat;
  fileName: string;
  sha256: string | null;
  architecture: string;
  provider: string;
  inspection: unknown;
}

export function toLaunchFile(file: LaunchableFile): LaunchFile {
  return {
    id: file.id,
    format: file.format,
    fileName: file.fileName,
    sha256: file.sha256 ?? '',
    architecture: file.architecture.toLowerCase() as LaunchFile['architecture'],
    provider: file.provider || null,
    diskNames: diskNamesOf(file.inspection),
    ovfName: ovfNameOf(file.inspection),
  };
}

export interface LaunchContext {
  publisher: string;
  appliance: string;
  version: string;
  hardware: { cpus: number | null; memoryMiB: number | null };
}

/**
 * Every player's plan for a file, produced only by lib/core/launch (the `apx` client prints the same
 * text): players that can run the file first, best first, then the others with their reason.
 */
export function launchPlans(file: LaunchableFile, context: LaunchContext, siteUrl = publicUrl()): { player: Player; plan: LaunchPlan; text: string }[] {
  const launchFile = toLaunchFile(file);
  const input = { siteUrl, publisher: context.publisher, appliance: context.appliance, version: context.version, file: launchFile, hardware: context.hardware };
  const supported = playersFor(launchFile);
  const order: Player[] = [...supported, ...(['qemu', 'virtualbox', 'vmware', 'vagrant'] as const).filter((p) => !supported.includes(p))];
  return order.map((player) => {
    const plan = planLaunch(input, player);
    return { player, plan, text: renderPlan(plan) };
  });
}
