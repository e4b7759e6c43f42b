// The facts of an inspection report worth showing people (publisher, moderators), read defensively
// from the stored JSON. Pure: used by server pages and safe anywhere.
import { z } from 'zod';
import { signatureOf } from '@/lib/core/files/file-signature';

const num = z.number().finite().optional().catch(undefined);
const str = z.string().optional().catch(undefined);

const storedSchema = z.object({
  product: str,
  vendor: str,
  version: str,
  os: z.object({ description: str, vmwOsType: str, family: str }).optional().catch(undefined),
  cpus: num,
  memoryMiB: num,
  disks: z.array(z.object({ capacityBytes: num, href: str, format: str })).optional().catch(undefined),
  manifest: z.object({ member: str, algorithms: z.array(z.string()).optional().catch(undefined), entries: num }).optional().catch(undefined),
  members: z.array(z.object({ name: str, size: num })).optional().catch(undefined),
  eula: str,
  vmdk: z.object({ createType: str, capacityBytes: num }).optional().catch(undefined),
  qcow2: z.object({ version: num, virtualSizeBytes: num }).optional().catch(undefined),
  raw: z.object({ partitionTable: str, sizeBytes: num }).optional().catch(undefined),
  iso: z.object({ volumeId: str }).optional().catch(undefined),
  box: z.object({ provider: str, format: str, virtualSizeBytes: num }).optional().catch(undefined),
});

export interface InspectionSummary {
  product: string | null;
  vendor: string | null;
  version: string | null;
  os: string | null;
  osFamily: string | null;
  cpus: number | null;
  memoryMiB: number | null;
  diskBytes: number | null;
  disks: number;
  manifest: string | null;
  /** "Signed by …" for a signed package, null when unsigned. */
  signature: string | null;
  members: number;
  hasEula: boolean;
  details: string[];
}

export function summarizeInspection(value: unknown): InspectionSummary | null {
  if (!value || typeof value !== 'object') return null;
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return null;
  const m = parsed.data;
  const diskTotal = (m.disks ?? []).reduce((sum, d) => sum + (d.capacityBytes ?? 0), 0);
  const diskBytes = diskTotal || m.qcow2?.virtualSizeBytes || m.vmdk?.capacityBytes || m.box?.virtualSizeBytes || m.raw?.sizeBytes || null;
  const details: string[] = [];
  if (m.vmdk?.createType) details.push(`VMDK ${m.vmdk.createType}`);
  if (m.qcow2?.version) details.push(`qcow2 v${m.qcow2.version}`);
  if (m.raw?.partitionTable) details.push(`${m.raw.partitionTable.toUpperCase()} partition table`);
  if (m.iso?.volumeId) details.push(`volume "${m.iso.volumeId}"`);
  if (m.box?.provider) details.push(`${m.box.provider} box${m.box.format ? ` (${m.box.format})` : ''}`);
  return {
    product: m.product ?? null,
    vendor: m.vendor ?? null,
    version: m.version ?? null,
    os: m.os?.description ?? m.os?.vmwOsType ?? null,
    osFamily: m.os?.family ?? null,
    cpus: m.cpus ?? null,
    memoryMiB: m.memoryMiB ?? null,
    diskBytes,
    disks: m.disks?.length ?? 0,
    manifest: m.manifest ? `${(m.manifest.algorithms ?? []).join('+') || 'digests'} for ${m.manifest.entries ?? 0} members, all matching` : null,
    signature: signatureOf(value)?.text ?? null,
    members: m.members?.length ?? 0,
    hasEula: !!m.eula,
    details,
  };
}
