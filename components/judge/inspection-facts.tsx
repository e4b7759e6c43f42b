import { signatureOf } from '@/lib/core/files/file-signature';
import { formatBytes, formatMemory } from '@/lib/core/format';

/** What the inspection found, from the (blind-safe) report a judge receives. */
export function InspectionFacts({ inspection }: { inspection: Record<string, unknown> | null }) {
  if (!inspection) return <p className="text-sm text-slate-500">No inspection data.</p>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const os = inspection.os && typeof inspection.os === 'object' ? (inspection.os as Record<string, unknown>) : null;
  const disks = Array.isArray(inspection.disks) ? (inspection.disks as Record<string, unknown>[]) : [];
  const manifest = inspection.manifest && typeof inspection.manifest === 'object' ? (inspection.manifest as Record<string, unknown>) : null;
  const members = Array.isArray(inspection.members) ? (inspection.members as Record<string, unknown>[]) : [];
  const nested = (key: string, field: string) => {
    const o = inspection[key];
    return o && typeof o === 'object' ? (o as Record<string, unknown>)[field] : undefined;
  };
  const rows: [string, string][] = [];
  const add = (label: string, value: string | null) => value && rows.push([label, value]);
  add('Product', str(inspection.product));
  add('Version', str(inspection.version) ?? str(inspection.fullVersion));
  add('Operating system', str(os?.description) ?? str(os?.vmwOsType) ?? str(os?.family));
  add('CPUs', num(inspection.cpus)?.toString() ?? null);
  add('Memory', num(inspection.memoryMiB) ? formatMemory(num(inspection.memoryMiB)) : null);
  add('Disks', disks.length ? disks.map((d) => `${str(d.href) ?? 'disk'} (${formatBytes(num(d.capacityBytes))})`).join(', ') : null);
  add('Virtual size', num(nested('qcow2', 'virtualSizeBytes')) ? formatBytes(num(nested('qcow2', 'virtualSizeBytes'))) : num(nested('box', 'virtualSizeBytes')) ? formatBytes(num(nested('box', 'virtualSizeBytes'))) : null);
  add('VMDK', str(nested('vmdk', 'createType')));
  add('Partition table', str(nested('raw', 'partitionTable'))?.toUpperCase() ?? null);
  add('Vagrant provider', str(nested('box', 'provider')));
  add('Manifest', manifest ? `${str(manifest.member) ?? 'manifest'} · ${num(manifest.entries) ?? 0} digests verified (${Array.isArray(manifest.algorithms) ? manifest.algorithms.join(', ') : ''})` : null);
  add('Signature', signatureOf(inspection)?.text ?? (inspection.signed === true ? 'signed (the signer is hidden in blind judging)' : null));
  add('Members', members.length ? members.map((m) => str(m.name)).filter(Boolean).join(', ') : null);
  add('Licence agreement', inspection.hasEula === true || str(inspection.eula) ? 'included in the package' : null);
  add('Notes', str(inspection.annotation));
  if (rows.length === 0) return <p className="text-sm text-slate-500">No details were extracted from this file.</p>;
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="break-words text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
