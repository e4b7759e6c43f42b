import { cn } from '@/components/ui/cn';

/** Read-only star rating with an accessible label. */
export function Stars({ value, count, size = 'sm' }: { value: number; count?: number; size?: 'sm' | 'md' }) {
  const rounded = Math.round(value * 2) / 2;
  const label = count === 0 ? 'No ratings yet' : `Rated ${value.toFixed(1)} out of 5${count !== undefined ? ` from ${count} reviews` : ''}`;
  return (
    <span className="inline-flex items-center gap-1" aria-label={label} title={label}>
      <span aria-hidden className={cn('tracking-tight', size === 'sm' ? 'text-sm' : 'text-lg')}>
        {[1, 2, 3, 4, 5].map((i) => (
          <span key={i} className={i <= rounded ? 'text-amber-400' : i - 0.5 === rounded ? 'text-amber-300' : 'text-slate-300'}>
            ★
          </span>
        ))}
      </span>
      {count !== undefined && <span className="text-xs text-slate-500">({count})</span>}
    </span>
  );
}
