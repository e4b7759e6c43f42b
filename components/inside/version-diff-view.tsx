import type { VersionDiff } from '@/lib/server/inside-reports/diff-versions';

function List({ title, testId, tone, items }: { title: string; testId: string; tone: string; items: { name: string; text: string }[] }) {
  return (
    <section aria-label={title} data-testid={testId} className="min-w-0">
      <h3 className={`mb-2 text-sm font-semibold ${tone}`}>
        {title} <span className="font-normal text-slate-500">({items.length})</span>
      </h3>
      {items.length ? (
        <ul className="max-h-96 space-y-0.5 overflow-auto font-mono text-xs" tabIndex={0} aria-label={title}>
          {items.map((i) => (
            <li key={i.name} className="break-all">
              <span className="text-slate-900">{i.name}</span> <span className="text-slate-500">{i.text}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">None.</p>
      )}
    </section>
  );
}

/** Added, removed, upgraded packages side by side (stacked on phones). */
export function VersionDiffView({ diff }: { diff: VersionDiff }) {
  const kernelChanged = diff.from.kernel !== diff.to.kernel;
  return (
    <div className="space-y-4 px-5 py-4">
      {(kernelChanged || diff.from.os !== diff.to.os) && (
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          {diff.from.os !== diff.to.os && (
            <div>
              <dt className="text-slate-500">Operating system</dt>
              <dd>{diff.from.os ?? '—'} → {diff.to.os ?? '—'}</dd>
            </div>
          )}
          {kernelChanged && (
            <div>
              <dt className="text-slate-500">Kernel</dt>
              <dd className="font-mono text-xs break-all">{diff.from.kernel ?? '—'} → {diff.to.kernel ?? '—'}</dd>
            </div>
          )}
        </dl>
      )}
      <div className="grid gap-6 md:grid-cols-3">
        <List title="Added" testId="diff-added" tone="text-emerald-700" items={diff.added.map((p) => ({ name: p.name, text: p.version }))} />
        <List title="Removed" testId="diff-removed" tone="text-red-700" items={diff.removed.map((p) => ({ name: p.name, text: p.version }))} />
        <List title="Upgraded" testId="diff-upgraded" tone="text-brand-700" items={diff.upgraded.map((p) => ({ name: p.name, text: `${p.from} → ${p.to}` }))} />
      </div>
    </div>
  );
}
