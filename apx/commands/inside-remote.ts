import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { InsideReport } from '@/lib/core/inside/types';
import { apiErrorFrom, seg } from '@/apx/api-client';
import { publisherHandleOf } from '@/apx/api-types';
import { getVersionFiles, resolveAppliance } from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { CliError } from '@/apx/exit-codes';
import type { ApplianceRef } from '@/apx/reference';
import { printInsideReport, type InsideOptions } from './inside-report';

// The site's FileInside document (lib/core/inside-reports/openapi.ts); the report is checked for the fields apx prints.
const fileInsideSchema = z.object({
  fileId: z.string(),
  status: z.enum(['PENDING', 'READ', 'PARTIAL', 'NOT_READ']),
  report: z
    .object({
      schemaVersion: z.literal(1),
      status: z.enum(['read', 'partial', 'not-read']),
      packages: z.array(z.object({ name: z.string(), version: z.string(), manager: z.string() }).loose()),
      findings: z.array(z.object({ severity: z.string(), title: z.string(), detail: z.string() }).loose()),
      kernels: z.array(z.string()),
      services: z.array(z.object({ name: z.string() }).loose()),
      filesystems: z.array(z.object({ type: z.string(), readable: z.boolean() }).loose()),
    })
    .loose()
    .nullable(),
});

/** The file whose report stands for the version: the one read best, in the site's format order. */
const FORMAT_ORDER = ['RAW', 'QCOW2', 'OVA', 'VMDK', 'OVF', 'VAGRANT_BOX', 'ISO'];

/** `apx inside publisher/appliance[@version]`: the report the site read from the disk, and optionally its SBOM. */
export async function insideRemote(ctx: Context, ref: ApplianceRef, options: InsideOptions): Promise<void> {
  const client = await ctx.client();
  const { detail, version } = await resolveAppliance(client, ref, ctx.io.signal);
  const files = (await getVersionFiles(client, ref, version, detail, ctx.io.signal))
    .filter((f) => (f.status ?? 'VERIFIED') === 'VERIFIED')
    .sort((a, b) => FORMAT_ORDER.indexOf(a.format) - FORMAT_ORDER.indexOf(b.format));
  const name = `${publisherHandleOf(detail) ?? ref.publisher}/${detail.slug}@${version}`;
  if (!files.length) throw new CliError('NOT_FOUND', `${name} has no verified file to look inside.`);

  let best: z.infer<typeof fileInsideSchema> | null = null;
  for (const f of files) {
    const inside = await client.get(`/api/v1/files/${seg(f.id)}/inside`, { schema: fileInsideSchema, context: `Reading what is inside ${name}`, signal: ctx.io.signal });
    if (inside.status === 'READ') {
      best = inside;
      break;
    }
    if (!best || (best.status !== 'PARTIAL' && inside.status !== 'PENDING')) best = inside;
  }
  if (!best?.report) throw new CliError('NOT_FOUND', `The contents of ${name} are still being read on the site.`, { hint: 'Try again in a minute.' });
  const report = best.report as unknown as InsideReport;

  if (options.sbom) {
    const response = await client.raw(`/api/v1/files/${seg(best.fileId)}/sbom`, { context: `Downloading the SBOM of ${name}`, signal: ctx.io.signal });
    if (!response.ok) throw await apiErrorFrom(response, `Downloading the SBOM of ${name}`);
    await writeFile(options.sbom, await response.text(), { mode: 0o644 });
    ctx.info(`SBOM (CycloneDX 1.6) written to ${options.sbom}`);
  }
  printInsideReport(ctx, report, { title: name, sbomFile: options.sbom });
}
