import { DEFAULT_LIMIT, type SearchRequest } from '@/lib/core/catalog/search-params';

/** The current filters as hidden inputs, so a GET form (new query, new sort) keeps them. */
export function HiddenSearchFields({ request, omit = [] }: { request: SearchRequest; omit?: ('q' | 'sort')[] }) {
  const fields: [string, string][] = [
    ...request.category.map((v) => ['category', v] as [string, string]),
    ...request.os.map((v) => ['os', v] as [string, string]),
    ...request.format.map((v) => ['format', v.toLowerCase()] as [string, string]),
    ...request.arch.map((v) => ['arch', v.toLowerCase()] as [string, string]),
    ...request.license.map((v) => ['license', v] as [string, string]),
    ...request.release.map((v) => ['release', v] as [string, string]),
  ];
  if (request.minRam) fields.push(['minRam', request.minRam]);
  if (request.maxSize) fields.push(['maxSize', request.maxSize]);
  if (!omit.includes('q') && request.q) fields.push(['q', request.q]);
  if (!omit.includes('sort')) fields.push(['sort', request.sort]);
  if (request.limit !== DEFAULT_LIMIT) fields.push(['limit', String(request.limit)]);
  return (
    <>
      {fields.map(([name, value], i) => (
        <input key={`${name}-${value}-${i}`} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
