import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { formatBytes, formatMemory } from '@/lib/core/format';
import { inspectStream, type ApplianceMetadata, type InspectionReport } from '@/lib/core/inspect';
import { guessArchitecture } from '@/lib/core/uploads/file-types';
import { slugify } from '@/lib/core/text/slugify';
import { isValidVersion } from '@/lib/core/versions';
import { ApiError, seg, type ApiClient } from '@/apx/api-client';
import {
  createdUploadSchema,
  unfinishedUploadListSchema,
  createdVersionSchema,
  fileSchema,
  ownApplianceListSchema,
  ownApplianceSchema,
  publisherHandleOf,
  versionListSchema,
  type ApiFile,
  type OwnAppliance,
} from '@/apx/api-types';
import { hostArchitecture, parseArchitecture, parseFormat, type Architecture } from '@/apx/catalog';
import type { Context } from '@/apx/context';
import { CliError } from '@/apx/exit-codes';
import { isSlug } from '@/apx/reference';
import { printable } from '@/apx/text';
import { completeUpload, knownVersionId, loadUploadState, rememberVersionId, saveUploadState, uploadKey, uploadParts } from '@/apx/upload';

export interface PublishOptions {
  appliance?: string;
  name?: string;
  version?: string;
  changelog?: string;
  format?: string;
  arch?: string;
  provider?: string;
  wait?: boolean;
  release?: boolean;
  submit?: boolean;
  timeout?: number;
}

const anything = z.unknown();
const CONTENT_TYPES: Record<string, string> = {
  OVA: 'application/x-tar',
  OVF: 'application/zip',
  VAGRANT_BOX: 'application/octet-stream',
  ISO: 'application/x-iso9660-image',
};


function firstParagraph(text: string, max: number): string {
  const first = text.trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Listing fields taken from the package's own metadata (OVF ProductSection, AnnotationSection). */
export function listingFromMetadata(meta: ApplianceMetadata, options: { slug?: string; name?: string }) {
  const name = options.name ?? meta.product ?? (options.slug ? options.slug : undefined);
  const slug = options.slug ?? (meta.product ? slugify(meta.product) : undefined);
  // The site asks for a summary before review: the annotation's first paragraph, else who made what.
  const summary = meta.annotation?.trim()
    ? firstParagraph(meta.annotation, 200)
    : meta.product
      ? firstParagraph(meta.vendor ? `${meta.product} by ${meta.vendor}` : meta.product, 200)
      : name;
  return {
    slug,
    name,
    summary,
    description: meta.annotation?.trim() || undefined,
    homepage: httpUrl(meta.productUrl) ?? httpUrl(meta.vendorUrl),
  };
}

async function inspectLocally(ctx: Context, file: string, size: number, expectedFormat?: string): Promise<InspectionReport> {
  const bar = ctx.progress({ label: `Checking ${path.basename(file)}`, total: size });
  async function* source() {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024, signal: ctx.io.signal })) {
      bar.add((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  }
  const report = await inspectStream(source(), {
    fileName: path.basename(file),
    declaredSize: size,
    expectedFormat: expectedFormat as InspectionReport['format'],
  });
  if (ctx.io.signal.aborted) throw new CliError('INTERRUPTED', 'Interrupted.');
  bar.finish();
  return report;
}

function publishHint(e: unknown, site: string): never {
  if (e instanceof ApiError && (e.status === 403 || e.status === 404) && !(e.problem.code === 'UNAUTHENTICATED')) {
    throw new CliError(e.exit, e.message, { hint: `Publishing needs a publisher profile (create it at ${site}/publish) and a token with the publish scope.`, details: e.details });
  }
  throw e;
}

async function findOwnAppliance(client: ApiClient, slug: string): Promise<OwnAppliance | undefined> {
  try {
    const list = await client.get('/api/v1/publish/appliances', { schema: ownApplianceListSchema, context: 'Listing your appliances' });
    return list.items.find((a) => a.slug === slug);
  } catch (e) {
    return publishHint(e, client.site);
  }
}

async function ensureAppliance(ctx: Context, client: ApiClient, listing: ReturnType<typeof listingFromMetadata> & { slug: string }): Promise<OwnAppliance> {
  const existing = await findOwnAppliance(client, listing.slug);
  if (existing) {
    // Fill in what the listing lacks; never overwrite what the publisher wrote on the site.
    const full = await client.get(`/api/v1/publish/appliances/${seg(existing.id)}`, { schema: ownApplianceSchema, context: 'Reading the listing' }).catch(() => null);
    const patch: Record<string, string> = {};
    if (full && !full.summary?.trim() && listing.summary) patch.summary = listing.summary;
    if (full && !full.homepage && listing.homepage) patch.homepage = listing.homepage;
    if (Object.keys(patch).length) {
      await client.patch(`/api/v1/publish/appliances/${seg(existing.id)}`, { body: patch, schema: anything, context: 'Updating the listing' }).catch((e) => {
        ctx.warn(`could not fill in the listing (${(e as Error).message}).`);
      });
    }
    ctx.info(`Listing: ${listing.slug} (exists${existing.status ? `, ${existing.status.toLowerCase()}` : ''})`);
    return existing;
  }
  const body = Object.fromEntries(Object.entries({ slug: listing.slug, name: listing.name ?? listing.slug, summary: listing.summary, description: listing.description, homepage: listing.homepage }).filter(([, v]) => v !== undefined));
  try {
    const created = await client.post('/api/v1/publish/appliances', { body, schema: ownApplianceSchema, context: `Creating the listing ${listing.slug}` });
    ctx.info(`Listing: ${listing.slug} (created)`);
    return created;
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      throw new CliError('ERROR', `The appliance name ${listing.slug} is taken.`, { hint: 'Choose another with --appliance <slug>.' });
    }
    return publishHint(e, client.site);
  }
}

async function ensureVersion(
  ctx: Context,
  client: ApiClient,
  appliance: OwnAppliance,
  version: string,
  changelog: string | undefined,
  file: { fileName: string; size: number },
): Promise<{ id: string; status?: string }> {
  try {
    const created = await client.post(`/api/v1/publish/appliances/${seg(appliance.id)}/versions`, {
      body: { version, ...(changelog ? { changelog } : {}) },
      schema: createdVersionSchema,
      context: `Creating version ${version}`,
    });
    ctx.info(`Version: ${version} (created)`);
    await rememberVersionId(ctx.versionStateFile, client.site, appliance.id, version, created.id);
    return created;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 409)) throw e;
  }
  // It exists: find its id among the listing's versions, wherever the site lists them with ids.
  const lists = [
    async () => {
      const id = await knownVersionId(ctx.versionStateFile, client.site, appliance.id, version);
      return id ? [{ id, version, status: undefined }] : [];
    },
    () => client.get(`/api/v1/publish/appliances/${seg(appliance.id)}`, { schema: ownApplianceSchema, context: 'Reading the listing' }).then((a) => a.versions ?? []),
    () => client.get(`/api/v1/publish/appliances/${seg(appliance.id)}/versions`, { schema: versionListSchema, context: 'Listing the versions' }).then((l) => l.items),
    // An unfinished upload of this very file (an earlier run whose local state is gone) knows its version.
    () =>
      client.get('/api/v1/uploads', { schema: unfinishedUploadListSchema, context: 'Listing unfinished uploads' }).then((l) =>
        l.items.filter((u) => u.fileName === file.fileName && u.size === file.size && u.versionId).map((u) => ({ id: u.versionId!, version, status: 'DRAFT' })),
      ),
  ];
  for (const list of lists) {
    const found = (await list().catch(() => [])).find((v) => v.version === version && v.id);
    if (found?.id) {
      ctx.info(`Version: ${version} (exists${found.status ? `, ${found.status.toLowerCase()}` : ''})`);
      return { id: found.id, status: found.status };
    }
  }
  throw new CliError('ERROR', `Version ${version} of ${appliance.slug} exists already, and this site does not tell apx its id to add a file to it.`, {
    hint: 'Publish under a new --version, or add the file on the site (Publish > the listing > the version).',
  });
}

async function waitForVerification(ctx: Context, client: ApiClient, fileId: string, timeoutSeconds: number): Promise<ApiFile> {
  const deadline = ctx.io.now() + timeoutSeconds * 1000;
  let delay = 500;
  let last = '';
  for (;;) {
    const file = await client.get(`/api/v1/files/${seg(fileId)}`, { schema: fileSchema, context: 'Checking the verification', signal: ctx.io.signal });
    const status = (file.status ?? '').toUpperCase();
    if (status === 'VERIFIED' || status === 'REJECTED') return file;
    if (status !== last) ctx.info(`Verification on the server: ${status.toLowerCase() || 'waiting'}…`);
    last = status;
    if (ctx.io.now() > deadline) {
      throw new CliError('TIMEOUT', `The file is still ${status.toLowerCase()} after ${timeoutSeconds} s.`, { hint: `See its state on ${client.site}/publish, or wait longer with --timeout.`, details: { fileId } });
    }
    await sleep(delay, undefined, { signal: ctx.io.signal }).catch(() => {
      throw new CliError('INTERRUPTED', 'Stopped waiting; the upload is complete and verification goes on without apx.');
    });
    delay = Math.min(delay * 1.5, 5000);
  }
}

function testHook(ctx: Context, name: string): number | undefined {
  const value = ctx.io.env[name];
  const n = value ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * `apx publish <file>`: reads the package's own metadata (and refuses locally what the server's
 * verification would refuse), creates or finds the listing and the version, uploads the file in
 * resumable multipart parts, completes with its SHA-256, waits for the server's verification,
 * then releases the version and submits the listing for review.
 */
export async function publishCommand(ctx: Context, file: string, options: PublishOptions): Promise<void> {
  const client = await ctx.authenticatedClient('Publishing');
  let absolute: string;
  try {
    absolute = await realpath(file);
  } catch {
    throw new CliError('NOT_FOUND', `${file} does not exist.`);
  }
  const info = await stat(absolute);
  if (!info.isFile()) throw new CliError('USAGE', `${file} is not a file.`);
  if (info.size === 0) throw new CliError('USAGE', `${file} is empty.`);
  if (options.appliance && !isSlug(options.appliance)) throw new CliError('USAGE', `${JSON.stringify(options.appliance)} is not an appliance name (letters, digits, ".", "-", "_").`);
  if (options.version && !isValidVersion(options.version)) throw new CliError('USAGE', `${JSON.stringify(options.version)} is not a version.`);
  const wantFormat = options.format ? parseFormat(options.format) : undefined;
  const wantArch: Architecture | undefined = options.arch ? parseArchitecture(options.arch) : undefined;

  const key = uploadKey(client.site, absolute, info.size, info.mtimeMs);
  let state = await loadUploadState(ctx.uploadStateFile, key);
  if (
    state &&
    ((options.appliance && options.appliance !== state.slug) ||
      (options.version && options.version !== state.version) ||
      (wantFormat && wantFormat !== state.format) ||
      (wantArch && wantArch !== state.architecture))
  ) {
    ctx.info('Earlier upload of this file was for another listing, version or format: starting a new one.');
    await client.delete(`/api/v1/uploads/${seg(state.uploadId)}`, { schema: anything, context: 'Aborting the earlier upload' }).catch(() => {});
    await saveUploadState(ctx.uploadStateFile, key, null);
    state = null;
  }

  let metadata: ApplianceMetadata | undefined;
  if (state) {
    ctx.info(`Resuming the upload of ${state.fileName} to ${state.slug} ${state.version}.`);
  } else {
    const report = await inspectLocally(ctx, absolute, info.size, wantFormat);
    if (report.verdict === 'REJECTED') {
      throw new CliError('REJECTED', `${path.basename(absolute)} would be rejected: ${report.reason}`, {
        hint: 'Nothing was uploaded. Fix the package (or choose the right --format) and try again.',
        details: { code: report.code, reason: report.reason, local: true },
      });
    }
    metadata = report.metadata;
    const format = wantFormat ?? report.format;
    if (!format) throw new CliError('USAGE', `Cannot tell the format of ${file}: pass --format.`);
    const listing = listingFromMetadata(report.metadata, { slug: options.appliance, name: options.name });
    if (!listing.slug || !isSlug(listing.slug)) {
      throw new CliError('USAGE', `${path.basename(file)} names no product to call the listing by.`, { hint: 'Pass --appliance <slug> (and --name).' });
    }
    const version = options.version ?? report.metadata.version ?? report.metadata.fullVersion;
    if (!version) throw new CliError('USAGE', `${path.basename(file)} states no version.`, { hint: 'Pass --version <version>.' });
    if (!isValidVersion(version)) throw new CliError('USAGE', `The package's version ${JSON.stringify(version)} cannot be used as a version.`, { hint: 'Pass --version <version>.' });
    // As the site's upload page: the box's own word, else a hint in the file name (…-arm64.qcow2), else amd64.
    const architecture = wantArch ?? hostArchitecture(report.metadata.box?.architecture ?? '') ?? parseArchitecture(guessArchitecture(path.basename(absolute)));

    const appliance = await ensureAppliance(ctx, client, { ...listing, slug: listing.slug });
    const fileName = path.basename(absolute);
    const created = await ensureVersion(ctx, client, appliance, version, options.changelog, { fileName, size: info.size });
    const upload = await client
      .post('/api/v1/uploads', {
        body: {
          versionId: created.id,
          format,
          architecture: architecture.toUpperCase(),
          ...(options.provider ? { provider: options.provider } : {}),
          fileName,
          size: info.size,
          contentType: CONTENT_TYPES[format] ?? 'application/octet-stream',
        },
        schema: createdUploadSchema,
        context: 'Starting the upload',
      })
      .catch(async (e) => {
        if (!(e instanceof ApiError && e.status === 409)) throw e;
        // The slot may hold an unfinished upload of this very file (started elsewhere, or state lost): continue it.
        const open = await client
          .get('/api/v1/uploads', { query: { versionId: created.id }, schema: unfinishedUploadListSchema, context: 'Listing unfinished uploads' })
          .catch(() => ({ items: [] }));
        const same = open.items.find(
          (u) => u.fileName === fileName && u.size === info.size && u.format.toUpperCase() === format && u.architecture.toLowerCase() === architecture && (u.provider ?? '') === (options.provider ?? ''),
        );
        if (same) {
          ctx.info(`Continuing an unfinished upload of ${fileName} found on the site.`);
          return same;
        }
        throw new CliError('ERROR', e.problem.detail ?? `${appliance.slug} ${version} already has a ${format.toLowerCase()} file for ${architecture}.`, {
          hint: 'Publish it as a new version (--version), or remove the other file on the site first.',
          details: e.details,
        });
      });
    state = {
      site: client.site,
      path: absolute,
      size: info.size,
      mtimeMs: info.mtimeMs,
      sha256: report.sha256!,
      format,
      architecture,
      provider: options.provider,
      fileName,
      applianceId: appliance.id,
      publisher: publisherHandleOf(appliance),
      slug: appliance.slug,
      applianceStatus: appliance.status,
      versionId: created.id,
      version,
      uploadId: upload.uploadId,
      fileId: upload.fileId,
      partSize: upload.partSize,
      createdAt: new Date(ctx.io.now()).toISOString(),
    };
    await saveUploadState(ctx.uploadStateFile, key, state);
  }

  const hookParts = testHook(ctx, 'APX_TEST_INTERRUPT_AFTER_PARTS');
  let uploaded;
  try {
    uploaded = await uploadParts({
      client,
      state,
      file: absolute,
      signal: ctx.io.signal,
      progress: (p) => ctx.progress(p),
      info: (m) => ctx.info(m),
      concurrency: hookParts === undefined ? 4 : 1,
      interruptAfterParts: hookParts,
    });
  } catch (e) {
    if (e instanceof CliError && e.details?.staleUpload) await saveUploadState(ctx.uploadStateFile, key, null);
    throw e;
  }
  const completed = await completeUpload(client, state, uploaded.parts, ctx.io.signal);
  await saveUploadState(ctx.uploadStateFile, key, null);
  ctx.info(`Uploaded ${state.fileName} (${formatBytes(state.size)}, SHA-256 ${state.sha256}).`);

  const base = {
    appliance: { id: state.applianceId, publisher: state.publisher ?? null, slug: state.slug },
    version: { id: state.versionId, version: state.version },
    upload: { partsSkipped: uploaded.skipped, partsSent: uploaded.sent },
  };
  if (options.wait === false) {
    ctx.result({ ...base, file: { id: completed.fileId, status: completed.status ?? 'PENDING', sha256: state.sha256 } }, () =>
      `Uploaded; verification runs on the server. Follow it with: apx info ${state.publisher ?? '<publisher>'}/${state.slug}@${state.version}`,
    );
    return;
  }

  const verified = await waitForVerification(ctx, client, completed.fileId, options.timeout ?? 1800);
  if ((verified.status ?? '').toUpperCase() === 'REJECTED') {
    throw new CliError('REJECTED', `Verification rejected ${state.fileName}: ${verified.rejectReason ?? 'no reason given'}`, {
      details: { fileId: verified.id, code: verified.rejectCode, reason: verified.rejectReason },
    });
  }

  let versionStatus = 'DRAFT';
  if (options.release !== false) {
    try {
      await client.post(`/api/v1/publish/versions/${seg(state.versionId)}/release`, { schema: anything, context: `Releasing ${state.version}` });
      versionStatus = 'RELEASED';
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) versionStatus = 'RELEASED';
      else ctx.warn(`the version was not released: ${(e as Error).message}`);
    }
  }
  let listingStatus = (await findOwnAppliance(client, state.slug))?.status ?? state.applianceStatus ?? 'DRAFT';
  if (options.submit !== false && ['DRAFT', 'REJECTED'].includes(listingStatus.toUpperCase())) {
    try {
      const submitted = await client.post(`/api/v1/publish/appliances/${seg(state.applianceId)}/submit`, { schema: z.looseObject({ status: z.string().optional() }), context: 'Submitting for review' });
      listingStatus = submitted.status ?? 'IN_REVIEW';
    } catch (e) {
      ctx.warn(`the listing was not submitted for review: ${(e as Error).message}`);
    }
  }

  const name = `${state.publisher ?? '<publisher>'}/${state.slug}@${state.version}`;
  ctx.result({ ...base, version: { ...base.version, status: versionStatus }, listing: { status: listingStatus }, file: verified, localMetadata: metadata ?? null }, () => {
    const hw = verified.hardware;
    const lines = [
      `Verified: ${state.fileName} (${state.format.toLowerCase()}, ${state.architecture}, ${formatBytes(verified.sizeBytes)})`,
      `  SHA-256  ${verified.sha256 ?? state.sha256}`,
    ];
    if (metadata?.product) lines.push(`  Product  ${printable([metadata.product, metadata.version, metadata.vendor ? `by ${metadata.vendor}` : ''].filter(Boolean).join(' '))}`);
    if (hw?.cpus || hw?.memoryMiB) lines.push(`  Needs    ${[hw.cpus ? `${hw.cpus} CPU` : null, hw.memoryMiB ? formatMemory(hw.memoryMiB) : null].filter(Boolean).join(', ')}`);
    if (verified.diskNames?.length) lines.push(`  Disks    ${printable(verified.diskNames.join(', '))}`);
    lines.push(`Version ${state.version}: ${versionStatus.toLowerCase()}. Listing: ${listingStatus.toLowerCase().replace('_', ' ')}.`);
    if (listingStatus.toUpperCase() === 'IN_REVIEW') lines.push('An admin reviews the listing before it is public.');
    lines.push(`Pull it: apx pull ${name}`);
    return lines.join('\n');
  });
}
