import { Link } from '@/components/ui/link';
import type { ApplianceCard as Card } from '@/lib/server/catalog/appliance-card';
import { Badge } from '@/components/ui/badge';
import { Stars } from '@/components/ui/stars';
import { FORMAT_LABELS, formatBytes, formatCount, formatMemory } from '@/lib/core/format';
import { TrophyIcon } from '@/components/challenges/icons';

function initials(name: string) {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

const palette = ['bg-sky-700', 'bg-violet-700', 'bg-emerald-700', 'bg-amber-700', 'bg-rose-700', 'bg-indigo-700', 'bg-teal-700', 'bg-fuchsia-700'];
function colorFor(id: string) {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}

export function ApplianceCard({ card }: { card: Card }) {
  const href = `/appliances/${card.publisherHandle}/${card.slug}`;
  return (
    <article className="group relative flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow-md">
      <div className="flex items-start gap-4">
        <div
          aria-hidden
          className={`flex size-12 shrink-0 items-center justify-center rounded-lg text-lg font-bold text-white ${colorFor(card.id)}`}
        >
          {initials(card.name)}
        </div>
        <div className="min-w-0 flex-1">
          <h3 className="truncate font-semibold text-slate-900">
            <Link href={href} className="after:absolute after:inset-0 focus:outline-none">
              {card.name}
            </Link>
          </h3>
          <p className="truncate text-sm text-slate-500">
            {card.publisherName} · <span className="font-mono text-xs">{card.publisherHandle}/{card.slug}</span>
          </p>
        </div>
      </div>
      {card.awards.length > 0 && (
        <div className="mt-3 flex flex-wrap gap-1">
          {card.awards.map((a) => (
            <Badge key={a} tone="amber">
              <TrophyIcon className="mr-1" />
              {a}
            </Badge>
          ))}
        </div>
      )}
      <p className="mt-3 line-clamp-2 flex-1 text-sm text-slate-600">{card.summary}</p>
      <div className="mt-4 flex flex-wrap gap-1.5">
        {card.category && <Badge tone="brand">{card.category.name}</Badge>}
        {card.formats.map((f) => (
          <Badge key={f}>{FORMAT_LABELS[f] ?? f}</Badge>
        ))}
      </div>
      <dl className="mt-4 grid grid-cols-3 gap-2 border-t border-slate-100 pt-3 text-xs text-slate-500">
        <div>
          <dt className="sr-only">Rating</dt>
          <dd>
            <Stars value={card.ratingAvg} count={card.ratingCount} />
          </dd>
        </div>
        <div className="text-center">
          <dt className="sr-only">Downloads</dt>
          <dd>⬇ {formatCount(card.downloadCount)}</dd>
        </div>
        <div className="text-right">
          <dt className="sr-only">Size and memory</dt>
          <dd>
            {formatBytes(card.downloadSizeBytes)}
            {card.minMemoryMiB ? ` · ${formatMemory(card.minMemoryMiB)} RAM` : ''}
          </dd>
        </div>
      </dl>
    </article>
  );
}

export function ApplianceGrid({ cards }: { cards: Card[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {cards.map((c) => (
        <ApplianceCard key={c.id} card={c} />
      ))}
    </div>
  );
}
