import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ApiError, isAbort, seg, type ApiClient } from './api-client';
import { completedUploadSchema, partUrlSchema, uploadedPartsSchema } from './api-types';
import { CliError } from './exit-codes';
import type { ProgressBar } from './progress';

/* Upload state: one entry per (site, file, size, mtime), kept beside the configuration until the
 * upload completes, so `apx publish` run again after an interruption continues the same multipart
 * upload and sends only the parts S3 does not have. */

const uploadStateSchema = z.looseObject({
  site: z.string(),
  path: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  sha256: z.string(),
  format: z.string(),
  architecture: z.string(),
  provider: z.string().optional(),
  fileName: z.string(),
  applianceId: z.string(),
  publisher: z.string().optional(),
  slug: z.string(),
  applianceStatus: z.string().optional(),
  versionId: z.string(),
  version: z.string(),
  uploadId: z.string(),
  fileId: z.string(),
  partSize: z.number().int().positive(),
  createdAt: z.string(),
});
export type UploadState = z.infer<typeof uploadStateSchema>;

const stateFileSchema = z.record(z.string(), z.unknown());

export function uploadKey(site: string, file: string, size: number, mtimeMs: number): string {
  return createHash('sha256').update(`${site}\n${file}\n${size}\n${mtimeMs}`).digest('hex').slice(0, 32);
}

async function readStates(stateFile: string): Promise<Record<string, unknown>> {
  try {
    const parsed = stateFileSchema.safeParse(JSON.parse(await readFile(stateFile, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function loadUploadState(stateFile: string, key: string): Promise<UploadState | null> {
  const parsed = uploadStateSchema.safeParse((await readStates(stateFile))[key]);
  return parsed.success ? parsed.data : null;
}

export async function saveUploadState(stateFile: string, key: string, state: UploadState | null): Promise<void> {
  const states = await readStates(stateFile);
  if (state) states[key] = state;
  else delete states[key];
  await mkdir(path.dirname(stateFile), { recursive: true, mode: 0o700 });
  const temporary = `${stateFile}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(states, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, stateFile);
}

/* Version ids this client created or used, per site and listing: the publishing API answers 409
 * to creating a version that exists without saying its id, so adding a second file (a qcow2 beside
 * the OVA) to a version made earlier from this machine looks the id up here. */

const knownVersionsSchema = z.record(z.string(), z.string());

const versionKey = (site: string, applianceId: string, version: string) => `${site} ${applianceId} ${version}`;

export async function knownVersionId(file: string, site: string, applianceId: string, version: string): Promise<string | undefined> {
  try {
    const parsed = knownVersionsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data[versionKey(site, applianceId, version)] : undefined;
  } catch {
    return undefined;
  }
}

export async function rememberVersionId(file: string, site: string, applianceId: string, version: string, id: string): Promise<void> {
  let known: Record<string, string> = {};
  try {
    const parsed = knownVersionsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) known = parsed.data;
  } catch {
    // First one.
  }
  known[versionKey(site, applianceId, version)] = id;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

class PartFailed extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** PUTs one part's bytes (read from the file, never all held in memory) to a presigned URL; resolves with the ETag. */
export function putPart(url: string, file: string, start: number, length: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.request(target, { method: 'PUT', headers: { 'content-length': String(length) }, signal }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 2000) body += chunk;
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const etag = response.headers.etag;
        if (status >= 200 && status < 300 && etag) resolve(etag);
        else if (status >= 200 && status < 300) reject(new PartFailed('the object store sent no ETag for the part', false));
        else reject(new PartFailed(`the object store answered HTTP ${status}${/<Code>([^<]+)<\/Code>/.exec(body)?.[1] ? ` (${/<Code>([^<]+)<\/Code>/.exec(body)![1]})` : ''}`, status >= 500 || status === 403 || status === 408));
      });
      response.on('error', (e) => reject(new PartFailed(e.message, true)));
    });
    request.on('error', (e) => reject(isAbort(e) ? e : new PartFailed(e.message, true)));
    if (length === 0) {
      request.end();
      return;
    }
    const source = createReadStream(file, { start, end: start + length - 1, highWaterMark: 1024 * 1024 });
    source.on('data', (chunk) => onBytes(chunk.length));
    source.on('error', (e) => {
      request.destroy(e);
      reject(new PartFailed(`cannot read ${file}: ${e.message}`, false));
    });
    source.pipe(request);
  });
}

export interface UploadPartsOptions {
  client: ApiClient;
  state: UploadState;
  file: string;
  signal?: AbortSignal;
  progress?: (options: { label: string; total: number; initial: number }) => ProgressBar;
  /** Parts in flight at once. Default 4. */
  concurrency?: number;
  retries?: number;
  retryDelayMs?: number;
  /** Test hook (APX_TEST_INTERRUPT_AFTER_PARTS): stop as if killed once this many parts were sent in this run. */
  interruptAfterParts?: number;
  info?: (message: string) => void;
}

export interface UploadPartsResult {
  parts: { PartNumber: number; ETag: string }[];
  skipped: number;
  sent: number;
}

/**
 * Sends the parts S3 does not have yet (asked of the site, which lists them) and returns every
 * part's ETag for the completion. Parts are `partSize` bytes, the last one the rest.
 */
export async function uploadParts(options: UploadPartsOptions): Promise<UploadPartsResult> {
  const { client, state, file } = options;
  const { size, partSize } = state;
  const count = Math.max(1, Math.ceil(size / partSize));
  const expectedSize = (n: number) => (n < count ? partSize : size - partSize * (count - 1));

  let existing: { PartNumber: number; ETag?: string; Size?: number }[];
  try {
    existing = (await client.get(`/api/v1/uploads/${seg(state.uploadId)}/parts`, { schema: uploadedPartsSchema, context: 'Listing the uploaded parts', signal: options.signal })).parts;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 410)) {
      throw new CliError('NOT_FOUND', 'The site no longer knows this upload (it was aborted or expired).', { hint: 'Run apx publish again to start a new upload.', details: { staleUpload: true } });
    }
    throw e;
  }
  const done = new Map<number, string>();
  for (const part of existing) {
    if (part.ETag && part.PartNumber >= 1 && part.PartNumber <= count && (part.Size === undefined || part.Size === expectedSize(part.PartNumber))) {
      done.set(part.PartNumber, part.ETag);
    }
  }
  const skipped = done.size;
  const initial = [...done.keys()].reduce((sum, n) => sum + expectedSize(n), 0);
  if (skipped) options.info?.(`Resuming the upload: ${skipped} of ${count} parts are already on the server.`);
  const progress = options.progress?.({ label: `Uploading ${state.fileName}`, total: size, initial });

  const queue = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !done.has(n));
  let sent = 0;
  let stopped: unknown = null;
  const worker = async () => {
    while (queue.length && !stopped) {
      const n = queue.shift()!;
      if (options.interruptAfterParts !== undefined && sent >= options.interruptAfterParts) {
        stopped = new CliError('INTERRUPTED', `Stopped after ${sent} parts (APX_TEST_INTERRUPT_AFTER_PARTS); run the same command again to resume.`);
        return;
      }
      const start = (n - 1) * partSize;
      const length = expectedSize(n);
      for (let attempt = 0; ; attempt++) {
        let counted = 0;
        try {
          const { url } = await client.post(`/api/v1/uploads/${seg(state.uploadId)}/parts/${n}`, { schema: partUrlSchema, context: `Signing part ${n}`, signal: options.signal });
          const etag = await putPart(url, file, start, length, (bytes) => {
            counted += bytes;
            progress?.add(bytes);
          }, options.signal);
          done.set(n, etag);
          sent++;
          break;
        } catch (e) {
          progress?.add(-counted);
          const retryable = e instanceof PartFailed && e.retryable;
          if (!retryable || attempt >= (options.retries ?? 3) || options.signal?.aborted) {
            stopped = isAbort(e) || options.signal?.aborted ? new CliError('INTERRUPTED', 'Interrupted; run the same command again to resume the upload.') : e instanceof PartFailed ? new CliError('NETWORK', `Uploading part ${n} failed: ${e.message}.`, { hint: 'Run the same command again to resume the upload.' }) : e;
            return;
          }
          await sleep((options.retryDelayMs ?? 1000) * (attempt + 1));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, Math.max(1, queue.length)) }, worker));
  if (stopped) {
    progress?.abandon();
    throw stopped;
  }
  progress?.finish();
  const parts = [...done.entries()].sort(([a], [b]) => a - b).map(([PartNumber, ETag]) => ({ PartNumber, ETag }));
  return { parts, skipped, sent };
}

export async function completeUpload(client: ApiClient, state: UploadState, parts: UploadPartsResult['parts'], signal?: AbortSignal) {
  return client.post(`/api/v1/uploads/${seg(state.uploadId)}/complete`, {
    body: { parts, sha256: state.sha256 },
    schema: completedUploadSchema,
    context: 'Completing the upload',
    signal,
  });
}
