import { formatBytes, formatMemory } from '@/lib/core/format';
import { latestVersionOf, publisherHandleOf, searchResultSchema, type ApplianceSummary } from '@/apx/api-types';
import { parseArchitecture, parseFormat } from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { table, truncate } from '@/apx/text';

export interface SearchOptions {
  format?: string;
  arch?: string;
  os?: string;
  category?: string;
  license?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export function applianceName(item: ApplianceSummary): string {
  return `${publisherHandleOf(item) ?? '?'}/${item.slug}`;
}

export async function searchCommand(ctx: Context, query: string | undefined, options: SearchOptions): Promise<void> {
  const client = await ctx.client();
  const result = await client.get('/api/v1/appliances', {
    query: {
      q: query,
      format: options.format ? parseFormat(options.format) : undefined,
      arch: options.arch ? parseArchitecture(options.arch) : undefined,
      os: options.os,
      category: options.category,
      license: options.license,
      sort: options.sort,
      limit: options.limit,
      cursor: options.cursor,
    },
    schema: searchResultSchema,
    context: 'Searching',
    signal: ctx.io.signal,
  });
  ctx.result(result, () => {
    if (!result.items.length) {
      const lines = [query ? `No appliance matches "${query}".` : 'No appliances.'];
      const terms = result.suggestions?.terms ?? [];
      const categories = result.suggestions?.categories ?? [];
      if (terms.length) lines.push(`Did you mean: ${terms.map((t) => `apx search ${JSON.stringify(t)}`).join(' · ')}`);
      if (categories.length) lines.push(`Popular categories: ${categories.map((c) => `${c.label} (--category ${c.value})`).join(', ')}`);
      return lines.join('\n');
    }
    const width = ctx.io.stdout.columns ?? 120;
    const rows = result.items.map((item) => [
      applianceName(item),
      latestVersionOf(item) ?? '—',
      (item.formats ?? []).map((f) => f.toLowerCase()).join(','),
      item.minMemoryMiB ? formatMemory(item.minMemoryMiB) : '—',
      item.downloadSizeBytes != null ? formatBytes(Number(item.downloadSizeBytes)) : '—',
      item.summary ?? '',
    ]);
    const lines = table(['NAME', 'VERSION', 'FORMATS', 'RAM', 'SIZE', 'SUMMARY'], rows).map((line) => truncate(line, width));
    if (result.nextCursor) lines.push('', `More results: apx search ${query ? JSON.stringify(query) : '""'} --cursor ${result.nextCursor}`);
    const first = result.items[0];
    lines.push('', `Run one: apx launch ${applianceName(first)}    Details: apx info ${applianceName(first)}`);
    return lines.join('\n');
  });
}
