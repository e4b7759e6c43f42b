// Display helpers, pure and shared by server and client components.

export function formatBytes(value: number | bigint | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : digits)} ${units[i]}`;
}

export function formatMemory(mib: number | null | undefined): string {
  if (!mib) return '—';
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024} GiB` : mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`;
}

export function formatDate(d: Date | string | null | undefined, timeZone = 'UTC'): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(new Date(d));
}

export function formatDateTime(d: Date | string | null | undefined, timeZone = 'UTC'): string {
  if (!d) return '—';
  // dateStyle/timeStyle cannot be combined with timeZoneName (Intl throws): spell the fields out.
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(
    new Date(d),
  );
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US', { notation: n >= 10_000 ? 'compact' : 'standard' }).format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export const FORMAT_LABELS: Record<string, string> = {
  OVA: 'OVA',
  OVF: 'OVF bundle',
  VMDK: 'VMDK',
  QCOW2: 'qcow2',
  RAW: 'Raw disk',
  ISO: 'ISO',
  VAGRANT_BOX: 'Vagrant box',
};

export const ARCH_LABELS: Record<string, string> = { AMD64: 'amd64', ARM64: 'arm64', I386: 'i386' };
