import { cn } from '@/components/ui/cn';

/** The publisher's avatar, or their initials on a colour derived from the handle. */
export function PublisherAvatar({ handle, name, hasAvatar, size = 48, version }: { handle: string; name: string; hasAvatar: boolean; size?: number; version?: string }) {
  const style = { width: size, height: size };
  if (hasAvatar) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- a redirect to a presigned object URL, not a static asset
      <img
        src={`/api/v1/publish/publishers/${encodeURIComponent(handle)}/avatar${version ? `?v=${encodeURIComponent(version)}` : ''}`}
        alt=""
        width={size}
        height={size}
        className="shrink-0 rounded-xl bg-slate-100 object-cover ring-1 ring-slate-200"
        style={style}
      />
    );
  }
  const initials = name
    .split(/\s+/)
    .map((w) => w[0])
    .filter(Boolean)
    .slice(0, 2)
    .join('')
    .toUpperCase();
  const hue = [...handle].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return (
    <span
      aria-hidden
      className={cn('flex shrink-0 items-center justify-center rounded-xl font-semibold text-white', size >= 48 ? 'text-lg' : 'text-xs')}
      style={{ ...style, background: `linear-gradient(135deg, hsl(${hue} 70% 45%), hsl(${(hue + 40) % 360} 70% 38%))` }}
    >
      {initials || '?'}
    </span>
  );
}
