import { cn } from '@/components/ui/cn';

/** Read-only stars announced as one image ("Rated 4 out of 5"). */
export function RatingStars({ value, size = 'sm', className }: { value: number; size?: 'sm' | 'md'; className?: string }) {
  const rounded = Math.round(value * 2) / 2;
  const label = `Rated ${Number.isInteger(value) ? value : value.toFixed(1)} out of 5`;
  return (
    <span role="img" aria-label={label} title={label} className={cn('inline-flex tracking-tight', size === 'sm' ? 'text-sm' : 'text-lg', className)}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} aria-hidden className={i <= rounded ? 'text-amber-400' : i - 0.5 === rounded ? 'text-amber-300' : 'text-slate-300'}>
          ★
        </span>
      ))}
    </span>
  );
}
