/** Two versions to compare; a plain GET form, so it works without JavaScript. */
export function VersionCompareForm({ action, versions, from, to }: { action: string; versions: string[]; from?: string; to?: string }) {
  const older = from ?? versions[1] ?? versions[0];
  const newer = to ?? versions[0];
  const select = 'h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm';
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Compare versions">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Compare</span>
        <select name="from" defaultValue={older} className={select} data-testid="compare-from">
          {versions.map((v) => (
            <option key={v} value={v}>{v}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">with</span>
        <select name="to" defaultValue={newer} className={select} data-testid="compare-to">
          {versions.map((v) => (
            <option key={v} value={v}>{v}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="h-9 rounded-lg bg-slate-900 px-3 font-medium text-white hover:bg-slate-700">
        Compare packages
      </button>
    </form>
  );
}
