import { formatCount } from '@/lib/core/format';
import { chartTicks } from '@/components/catalog/chart-ticks';

type Day = { day: string; downloads: number; tries: number };

const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * Counted downloads and browser tries per UTC day (publishers and admins see it on their listing).
 * Rendered on the server as plain boxes: no chart library reaches the browser, it reflows to any
 * width, and each day's figures are in its tooltip and in the table read to screen readers.
 */
export function DownloadsChart({ days }: { days: Day[] }) {
  const total = days.reduce((s, d) => s + d.downloads, 0);
  const tries = days.reduce((s, d) => s + d.tries, 0);
  const ticks = chartTicks(Math.max(0, ...days.flatMap((d) => [d.downloads, d.tries])));
  const top = ticks[ticks.length - 1];
  const height = (n: number) => `${(n / top) * 100}%`;
  // A label under the first day, every seventh day and the last one: readable at any width.
  const labelled = new Set(days.map((_, i) => i).filter((i) => i === 0 || i === days.length - 1 || (i % 7 === 0 && days.length - 1 - i >= 4)));
  return (
    <figure>
      <div role="img" aria-label={`Downloads and browser tries per day over the last ${days.length} days: ${total} downloads and ${tries} tries in total`} data-testid="downloads-chart-plot">
        <div className="flex h-52 gap-2">
          <div aria-hidden className="relative w-8 shrink-0 text-right text-[11px] text-slate-600 tabular-nums">
            {ticks.map((t) => (
              <span key={t} className="absolute right-0 translate-y-1/2" style={{ bottom: height(t) }}>
                {formatCount(t)}
              </span>
            ))}
          </div>
          <div className="relative flex-1 border-b border-slate-300">
            {ticks.slice(1).map((t) => (
              <div key={t} aria-hidden className="absolute inset-x-0 border-t border-slate-200" style={{ bottom: height(t) }} />
            ))}
            <div className="relative flex h-full items-end gap-px">
              {days.map((d) => (
                <div key={d.day} className="flex h-full min-w-0 flex-1 items-end justify-center gap-px hover:bg-brand-50" title={`${dayLabel(d.day)}: ${d.downloads} downloads, ${d.tries} tries`}>
                  <div className="w-1/2 max-w-3 rounded-t-sm bg-brand-600" style={{ height: height(d.downloads) }} data-value={d.downloads} />
                  <div className="w-1/2 max-w-3 rounded-t-sm bg-amber-500" style={{ height: height(d.tries) }} data-value={d.tries} />
                </div>
              ))}
            </div>
          </div>
        </div>
        <div aria-hidden className="ml-10 flex gap-px text-[11px] text-slate-600">
          {days.map((d, i) => (
            <div key={d.day} className="relative h-4 min-w-0 flex-1">
              {labelled.has(i) && <span className={i === days.length - 1 ? 'absolute right-0 whitespace-nowrap' : 'absolute left-0 whitespace-nowrap'}>{dayLabel(d.day)}</span>}
            </div>
          ))}
        </div>
      </div>
      <div aria-hidden className="mt-2 flex justify-center gap-4 text-xs text-slate-700">
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-brand-600" /> Downloads
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-amber-500" /> Tries in browser
        </span>
      </div>
      <figcaption className="sr-only">
        <table>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.downloads} downloads</td>
                <td>{d.tries} tries</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
