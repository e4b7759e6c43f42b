import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiErrorFrom, isAbort, networkError, seg, type ApiClient } from './api-client';
import { CliError } from './exit-codes';
import type { ProgressBar } from './progress';

const REDIRECTS = [301, 302, 303, 307, 308];
const MAX_REDIRECTS = 5;

export interface DownloadOptions {
  client: ApiClient;
  fetch: typeof fetch;
  fileId: string;
  /** Final path; bytes arrive in `<dest>.part` and are renamed only once verified. */
  dest: string;
  sha256: string;
  size: number;
  signal?: AbortSignal;
  /** Creates the bar once the starting point is known. */
  progress?: (options: { label: string; total: number; initial: number }) => ProgressBar;
  label?: string;
  /** Attempts after a dropped connection, each resuming where the last stopped. Default 4. */
  retries?: number;
  retryDelayMs?: number;
  /** Test hook (APX_TEST_INTERRUPT_AFTER_BYTES): stop as if killed after this many bytes of this run. */
  interruptAfterBytes?: number;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  sizeBytes: number;
  /** Bytes already in the .part file when this run started (0 for a fresh download). */
  resumedFrom: number;
  /** Bytes received over the network in this run. */
  bytesTransferred: number;
  /** Requests that carried a Range header. */
  rangeRequests: number;
  /** The server ignored a Range request and the download started over. */
  restarted: boolean;
}

export function partPath(dest: string): string {
  return `${dest}.part`;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
}

/** SHA-256 of a whole file, streamed. */
export async function hashFile(file: string, onBytes?: (n: number) => void, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await hashInto(hash, file, onBytes, signal);
  return hash.digest('hex');
}

async function hashInto(hash: Hash, file: string, onBytes?: (n: number) => void, signal?: AbortSignal): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024, signal })) {
    hash.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
}

class DroppedConnection extends Error {}

/** The Content-Range start of a 206, e.g. `bytes 100-199/200` → 100. */
function rangeStart(response: Response): number | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * GET the file through the site's download endpoint: the site answers 302 to a presigned URL on
 * the object store. Redirects are followed by hand so the bearer token goes to the site only, and
 * the Range header goes with every hop.
 */
async function openStream(options: DownloadOptions, offset: number): Promise<Response> {
  const { client } = options;
  let url = new URL(client.url(`/api/v1/files/${seg(options.fileId)}/download`));
  const siteOrigin = new URL(client.site).origin;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const atSite = url.origin === siteOrigin;
    const headers: Record<string, string> = atSite ? client.headers({ accept: '*/*' }) : { accept: '*/*', 'user-agent': client.headers()['user-agent'] };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    let response: Response;
    try {
      response = await options.fetch(url.href, { headers, redirect: 'manual', signal: options.signal });
    } catch (e) {
      throw isAbort(e) ? networkError(e, url.host, 'Downloading') : new DroppedConnection(`cannot reach ${url.host}: ${(e as Error).message}`);
    }
    if (REDIRECTS.includes(response.status)) {
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location) throw new CliError('ERROR', `The site answered ${response.status} without saying where the file is.`);
      url = new URL(location, url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliError('ERROR', 'The site redirected the download to a URL that is not http(s).');
      continue;
    }
    if (response.ok || response.status === 416) return response;
    if (atSite) throw await apiErrorFrom(response, 'Downloading', client.site);
    await response.body?.cancel();
    // An expired or refused presigned URL: a new attempt asks the site for a fresh one.
    throw new DroppedConnection(`the object store answered HTTP ${response.status}`);
  }
  throw new CliError('ERROR', 'Too many redirects while downloading.');
}

/**
 * Downloads a published file into `dest`, resumable and verified:
 * - bytes go to `<dest>.part`; a later run sends `Range: bytes=<part size>-` and appends;
 * - a dropped connection is retried a few times, each retry resuming where it stopped;
 * - the SHA-256 over all bytes must equal the catalog's; otherwise the part file is deleted and
 *   the CHECKSUM exit code is raised, so a corrupted download is never left to be used.
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { dest, size } = options;
  const expected = options.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new CliError('ERROR', 'The site gave no valid SHA-256 for this file, so it cannot be verified: refusing to download it.');
  const part = partPath(dest);
  let offset = await sizeOf(part);
  if (offset > size) {
    await rm(part, { force: true });
    offset = 0;
  }
  const resumedFrom = offset;
  const label = options.label ?? 'Downloading';
  let hash = createHash('sha256');
  if (offset > 0) await hashInto(hash, part, undefined, options.signal);

  const progress = options.progress?.({ label, total: size, initial: offset });
  let transferred = 0;
  let rangeRequests = 0;
  let restarted = false;
  let failures = 0;
  const retries = options.retries ?? 4;
  const file: FileHandle = await open(part, 'a');
  try {
    while (offset < size) {
      try {
        if (offset > 0) rangeRequests++;
        const response = await openStream(options, offset);
        if (offset > 0 && (response.status !== 206 || rangeStart(response) !== offset)) {
          // The server ignored or refused the range: start over rather than append mismatched bytes.
          await response.body?.cancel();
          await file.truncate(0);
          hash = createHash('sha256');
          offset = 0;
          restarted = true;
          progress?.update(0);
          continue;
        }
        if (response.status === 416) throw new DroppedConnection('the object store refused the range');
        if (!response.body) throw new DroppedConnection('the response has no body');
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          let bytes = chunk;
          const limit = options.interruptAfterBytes;
          const stop = limit !== undefined && transferred + bytes.length >= limit;
          if (stop) bytes = bytes.subarray(0, Math.max(0, limit - transferred));
          if (offset + bytes.length > size) {
            // More bytes than published: whatever this is, it is not the file.
            bytes = bytes.subarray(0, size - offset);
            await file.write(bytes);
            hash.update(bytes);
            offset = size;
            throw new CliError('CHECKSUM', `The server sent more than the published ${size} bytes.`);
          }
          await file.write(bytes);
          hash.update(bytes);
          offset += bytes.length;
          transferred += bytes.length;
          progress?.update(offset);
          if (stop) {
            throw new CliError('INTERRUPTED', `Stopped after ${transferred} bytes (APX_TEST_INTERRUPT_AFTER_BYTES); run the same command again to resume.`);
          }
        }
        if (offset < size) throw new DroppedConnection('the connection closed early');
      } catch (e) {
        if (!(e instanceof DroppedConnection) && !isTransientStreamError(e, options.signal)) throw e;
        failures++;
        if (failures > retries) {
          throw new CliError('NETWORK', `The download failed ${failures} times (${(e as Error).message}); ${offset} of ${size} bytes are kept.`, {
            hint: 'Run the same command again to resume.',
          });
        }
        await sleep((options.retryDelayMs ?? 1000) * failures, undefined, { signal: options.signal }).catch(() => {});
        if (options.signal?.aborted) throw new CliError('INTERRUPTED', 'Interrupted.');
      }
    }
  } catch (e) {
    progress?.abandon();
    await file.close();
    if (e instanceof CliError && e.exit === 'CHECKSUM') await rm(part, { force: true });
    if (isAbort(e)) throw new CliError('INTERRUPTED', `Interrupted after ${offset} of ${size} bytes; run the same command again to resume.`);
    throw e;
  }
  await file.close();

  const actual = hash.digest('hex');
  if (actual !== expected) {
    progress?.abandon();
    await rm(part, { force: true });
    throw new CliError('CHECKSUM', `Checksum mismatch: the download's SHA-256 is ${actual}, the catalog says ${expected}. The file was deleted.`, {
      hint: 'The file on the server may be damaged or tampered with: tell the publisher or the site.',
      details: { expected, actual },
    });
  }
  progress?.finish();
  await rename(part, dest);
  return { path: dest, sha256: actual, sizeBytes: size, resumedFrom, bytesTransferred: transferred, rangeRequests, restarted };
}

/** A body stream that broke mid-way (socket reset, terminated) is worth a retry; Ctrl-C is not. */
function isTransientStreamError(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted || isAbort(e) || e instanceof CliError) return false;
  return e instanceof TypeError || (e instanceof Error && /terminated|ECONNRESET|socket|other side closed/i.test(`${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`));
}
