import { describeSignature } from '@/lib/core/files/file-signature';
import { formatBytes, formatMemory } from '@/lib/core/format';
import { playersFor } from '@/lib/core/launch';
import { publisherHandleOf } from '@/apx/api-types';
import { fileArchitecture, getVersionFiles, resolveAppliance, toLaunchFile } from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { parseReference } from '@/apx/reference';
import { printable, table } from '@/apx/text';

export async function infoCommand(ctx: Context, reference: string): Promise<void> {
  const ref = parseReference(reference);
  const client = await ctx.client();
  const { detail, versions, version } = await resolveAppliance(client, ref, ctx.io.signal);
  const files = await getVersionFiles(client, ref, version, detail, ctx.io.signal);
  const name = `${publisherHandleOf(detail) ?? ref.publisher}/${detail.slug}`;

  ctx.result({ appliance: detail, versions, version, files }, () => {
    const req = detail.requirements;
    const lines = [`${printable(detail.name)} (${name})`];
    if (detail.summary) lines.push(printable(detail.summary));
    lines.push('');
    const facts: [string, string | null | undefined][] = [
      ['Status', detail.status && detail.status !== 'PUBLISHED' ? detail.status.toLowerCase() : null],
      ['License', detail.license],
      ['Homepage', detail.homepage],
      ['Needs', req ? [req.cpus ? `${req.cpus} CPU` : null, req.memoryMiB ? formatMemory(req.memoryMiB) : null, req.osName ?? req.osFamily].filter(Boolean).join(', ') : null],
      ['Versions', versions.map((v) => (v.status && v.status !== 'RELEASED' ? `${v.version} (${v.status.toLowerCase()})` : v.version)).join(', ')],
    ];
    for (const [label, value] of facts) if (value) lines.push(`${label.padEnd(9)} ${printable(value)}`);
    lines.push('', `Files of ${version}:`);
    if (!files.length) lines.push('  none yet');
    else {
      const rows = files.map((f) => [
        f.format.toLowerCase(),
        fileArchitecture(f) + (f.provider ? `/${f.provider}` : ''),
        formatBytes(f.sizeBytes),
        (f.status ?? 'VERIFIED').toLowerCase(),
        playersFor(toLaunchFile(f)).join(',') || '—',
        f.sha256 ?? '—',
      ]);
      lines.push(...table(['FORMAT', 'ARCH', 'SIZE', 'STATUS', 'PLAYERS', 'SHA-256'], rows).map((l) => `  ${l}`));
      const signatures = files.flatMap((f) => (f.signature ? [`  ${printable(f.fileName)}: ${printable(describeSignature(f.signature))}`] : []));
      if (signatures.length) lines.push('', 'Signatures:', ...signatures);
    }
    lines.push('', `Pull: apx pull ${name}@${version}    Launch: apx launch ${name}@${version}`);
    return lines.join('\n');
  });
}
