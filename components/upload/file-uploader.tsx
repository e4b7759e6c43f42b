'use client';

// Uploads a version's files with Uppy's Dashboard and @uppy/aws-s3, straight to S3 in parts. The
// server owns each multipart upload (it creates it with a key of its choosing and completes it);
// Uppy's S3 client gets, through `signRequest`, a presigned URL per part, the server's list of
// parts already in S3 when it (re)starts a file, and our completion endpoint, which speaks S3's
// CompleteMultipartUpload dialect. Meanwhile the browser reads the file once more to compute its
// SHA-256, sent with the completion. Picking the same file again after a reload resumes the
// unfinished upload: Uppy asks for the parts S3 has and sends only the rest.
import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import Uppy from '@uppy/core';
import AwsS3, { type AwsBody } from '@uppy/aws-s3';
import Dashboard from '@uppy/react/dashboard';
import { useUppyState } from '@uppy/react';
import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';
import { sha256OfBlob } from '@/components/upload/hash-file';
import { useUppyDashboardA11y } from '@/components/upload/uppy-a11y';
import { TransferRate, formatSpeed, formatTimeLeft } from '@/components/upload/transfer-rate';
import { listPartsXml, s3ErrorMessage, uploadApi } from '@/components/upload/upload-api';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ARCHITECTURES, FILE_FORMATS, architectureSchema, fileFormatSchema, type UnfinishedUpload } from '@/lib/publishing/api-schemas';
import { FORMAT_EXTENSIONS, VAGRANT_PROVIDERS, fileNameProblem, guessArchitecture, guessFormat } from '@/lib/uploads/file-types';
import { partSizeFor } from '@/lib/uploads/part-size';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatDateTime } from '@/lib/format';

type UploadMeta = { format: string; architecture: string; provider: string; resumed: string };
type AppUppy = Uppy<UploadMeta, AwsBody>;

const ACCEPT = [...new Set(Object.values(FORMAT_EXTENSIONS).flat())];

/** What the page knows about each file besides Uppy's own state. */
class UploadSession {
  private uploadIdByS3 = new Map<string, string>();
  private uploadIdByFile = new Map<string, string>();
  private hashes = new Map<string, Promise<string>>();
  private hashAborts = new Map<string, AbortController>();
  readonly hashed = new Map<string, number>();
  readonly digests = new Map<string, string>();
  readonly rates = new Map<string, TransferRate>();

  /** Uploads of this version the server still holds open (refreshed with the page). */
  constructor(public unfinished: UnfinishedUpload[]) {}

  setUnfinished(uploads: UnfinishedUpload[]) {
    this.unfinished = uploads;
  }

  attach(fileId: string, uploadId: string, s3UploadId: string) {
    this.uploadIdByFile.set(fileId, uploadId);
    this.uploadIdByS3.set(s3UploadId, uploadId);
  }

  uploadIdOf(fileId: string) {
    return this.uploadIdByFile.get(fileId);
  }

  uploadIdForS3(s3UploadId: string) {
    return this.uploadIdByS3.get(s3UploadId);
  }

  /** Starts (once) reading the file for its SHA-256, beside the upload. */
  startHash(fileId: string, data: Blob) {
    const uploadId = this.uploadIdByFile.get(fileId);
    if (!uploadId || this.hashes.has(uploadId)) return;
    const abort = new AbortController();
    this.hashAborts.set(fileId, abort);
    const digest = sha256OfBlob(data, { signal: abort.signal, onProgress: (n) => this.hashed.set(fileId, n) }).then((hex) => {
      this.digests.set(fileId, hex);
      return hex;
    });
    digest.catch(() => {});
    this.hashes.set(uploadId, digest);
  }

  digestFor(uploadId: string): Promise<string> {
    return this.hashes.get(uploadId) ?? Promise.reject(new Error('The checksum of this file was never started.'));
  }

  rate(fileId: string) {
    let r = this.rates.get(fileId);
    if (!r) this.rates.set(fileId, (r = new TransferRate()));
    return r;
  }

  forget(fileId: string) {
    this.hashAborts.get(fileId)?.abort();
    const uploadId = this.uploadIdByFile.get(fileId);
    if (uploadId) this.hashes.delete(uploadId);
    this.uploadIdByFile.delete(fileId);
    this.hashed.delete(fileId);
    this.digests.delete(fileId);
    this.rates.delete(fileId);
  }
}

function blobUrl(text: string, type: string): string {
  const url = URL.createObjectURL(new Blob([text], { type }));
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}

function createUppy(options: { versionId: string; maxBytes: number; session: UploadSession; onDone: () => void }): AppUppy {
  const { versionId, session } = options;
  const uppy: AppUppy = new Uppy<UploadMeta, AwsBody>({
    id: `version-${versionId}`,
    autoProceed: false,
    restrictions: { maxFileSize: options.maxBytes, minFileSize: 1, allowedFileTypes: ACCEPT },
    meta: { format: '', architecture: 'AMD64', provider: '', resumed: '' },
  });

  uppy.use(AwsS3<UploadMeta, AwsBody>, {
    shouldUseMultipart: true,
    // The server cuts files the same way; a resumed upload lines up part for part.
    getChunkSize: ({ size }) => partSizeFor(size),
    limit: 2,
    allowedMetaFields: false,
    async signRequest(request) {
      if (!('uploadId' in request)) throw new Error('Uploads are started by the page, not by the uploader.');
      const uploadId = session.uploadIdForS3(request.uploadId);
      if (!uploadId) throw new Error('This upload is not known to the page; reload and pick the file again.');
      if (request.method === 'PUT') return uploadApi.signPart(uploadId, request.partNumber);
      if (request.method === 'GET') {
        // "Which parts does S3 have?" — the server lists them; Uppy reads S3's XML.
        const { parts } = await uploadApi.listParts(uploadId);
        return { url: blobUrl(listPartsXml(parts), 'application/xml') };
      }
      if (request.method === 'POST') {
        const sha256 = await session.digestFor(uploadId);
        return { url: `${window.location.origin}/api/v1/uploads/${encodeURIComponent(uploadId)}/complete`, headers: { 'x-apx-sha256': sha256 } };
      }
      return { url: `${window.location.origin}/api/v1/uploads/${encodeURIComponent(uploadId)}` };
    },
  });

  uppy.on('file-added', (file) => {
    const taken = new Set(uppy.getFiles().map((f) => f.meta.resumed).filter(Boolean));
    const match = session.unfinished.find((u) => u.fileName === file.name && u.size === file.size && !taken.has(u.uploadId));
    if (match && !file.isRemote) {
      uppy.setFileMeta(file.id, { format: match.format, architecture: match.architecture, provider: match.provider, resumed: match.uploadId });
      uppy.setFileState(file.id, { s3Multipart: { uploadId: match.s3UploadId, key: match.key } });
      session.attach(file.id, match.uploadId, match.s3UploadId);
      uppy.info(`Resuming the earlier upload of ${file.name}: parts already in storage are skipped.`, 'info', 6000);
      return;
    }
    uppy.setFileMeta(file.id, { format: guessFormat(file.name) ?? '', architecture: guessArchitecture(file.name), provider: '', resumed: '' });
  });

  uppy.on('file-removed', (file) => session.forget(file.id));

  uppy.on('upload-progress', (file, progress) => {
    if (file && typeof progress.bytesUploaded === 'number') session.rate(file.id).add(Date.now(), progress.bytesUploaded);
  });

  uppy.on('upload-success', () => options.onDone());

  uppy.on('upload-error', (file, error) => {
    const body = (error as { body?: unknown }).body;
    const message = s3ErrorMessage(body) ?? error.message;
    uppy.info({ message: `${file?.name ?? 'A file'} did not upload`, details: message }, 'error', 10_000);
  });

  // Before any bytes move: check each file's slot, then have the server create its multipart upload.
  uppy.addPreProcessor(async (fileIDs) => {
    const problems: string[] = [];
    for (const id of fileIDs) {
      const file = uppy.getFile(id);
      if (!file || file.isRemote || !file.data) continue;
      if (!session.uploadIdOf(id)) {
        const format = fileFormatSchema.safeParse(file.meta.format);
        const architecture = architectureSchema.safeParse(file.meta.architecture);
        if (!format.success || !architecture.success) {
          problems.push(`${file.name}: choose its format.`);
          continue;
        }
        const nameProblem = fileNameProblem(file.name, format.data);
        if (nameProblem) {
          problems.push(`${file.name}: ${nameProblem}`);
          continue;
        }
        try {
          const created = await uploadApi.create({
            versionId,
            format: format.data,
            architecture: architecture.data,
            provider: format.data === 'VAGRANT_BOX' ? file.meta.provider : undefined,
            fileName: file.name,
            size: file.size ?? 0,
            contentType: file.type || undefined,
          });
          uppy.setFileState(id, { s3Multipart: { uploadId: created.s3UploadId, key: created.key } });
          session.attach(id, created.uploadId, created.s3UploadId);
        } catch (e) {
          problems.push(`${file.name}: ${(e as Error).message}`);
          continue;
        }
      }
      session.startHash(id, file.data);
    }
    if (problems.length) {
      uppy.info({ message: problems.length === 1 ? problems[0] : 'Some files could not start', details: problems.join('\n') }, 'error', 12_000);
      throw new Error(problems.join(' '));
    }
  });
  return uppy;
}

function metaOf(m: UploadMeta): UploadMeta {
  return { format: m.format, architecture: m.architecture, provider: m.provider, resumed: m.resumed };
}

function percent(part: number, whole: number) {
  return whole > 0 ? Math.min(100, Math.floor((part / whole) * 100)) : 0;
}

export function FileUploader({
  versionId,
  maxBytes,
  unfinished,
}: {
  versionId: string;
  maxBytes: number;
  unfinished: UnfinishedUpload[];
}) {
  const router = useRouter();
  const [session] = useState(() => new UploadSession(unfinished));
  const [uppy] = useState(() => createUppy({ versionId, maxBytes, session, onDone: () => router.refresh() }));
  useEffect(() => {
    session.setUnfinished(unfinished);
  }, [session, unfinished]);
  useEffect(() => () => uppy.destroy(), [uppy]);
  const dashboard = useRef<HTMLDivElement>(null);
  useUppyDashboardA11y(dashboard);

  const files = useUppyState(uppy, (s) => s.files);
  const list = Object.values(files);
  const [now, setNow] = useState(() => Date.now());
  const busy = list.some((f) => f.progress.uploadStarted && !f.progress.uploadComplete && !f.error);
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [busy]);

  const active = list.filter((f) => f.progress.uploadStarted && !f.progress.uploadComplete && !f.isPaused && !f.error);
  const totalSpeed = active.reduce((sum, f) => sum + (session.rates.get(f.id)?.speed(now) ?? 0), 0);
  const remaining = active.reduce((sum, f) => sum + ((f.size ?? 0) - (typeof f.progress.bytesUploaded === 'number' ? f.progress.bytesUploaded : 0)), 0);

  return (
    <div className="space-y-4">
      {unfinished.length > 0 && <UnfinishedUploads uploads={unfinished} attached={new Set(list.map((f) => f.meta.resumed).filter(Boolean))} onDiscarded={() => router.refresh()} />}

      <div ref={dashboard}>
        <Dashboard
          uppy={uppy}
          height={300}
          width="100%"
          proudlyDisplayPoweredByUppy={false}
          note={`OVA, OVF bundle (.zip), VMDK, qcow2, raw, ISO or Vagrant box · up to ${formatBytes(maxBytes)} each · pause and resume any time`}
          showRemoveButtonAfterComplete={false}
        />
      </div>

      {active.length > 0 && (
        <p role="status" data-testid="upload-speed" className="flex flex-wrap items-center gap-x-3 text-sm text-slate-700">
          <span className="font-medium text-slate-900">Uploading {active.length === 1 ? active[0].name : `${active.length} files`}</span>
          <span className="tabular-nums">{formatSpeed(totalSpeed > 0 ? totalSpeed : null)}</span>
          <span className="text-slate-500">·</span>
          <span className="tabular-nums">{formatTimeLeft(totalSpeed > 0 ? remaining / totalSpeed : null)}</span>
        </p>
      )}

      {list.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" aria-label="Files to upload">
          {list.map((f) => {
            const started = !!f.progress.uploadStarted;
            const locked = started || !!f.meta.resumed;
            const uploaded = typeof f.progress.bytesUploaded === 'number' ? f.progress.bytesUploaded : 0;
            const size = f.size ?? 0;
            const format = fileFormatSchema.safeParse(f.meta.format);
            const problem = format.success ? fileNameProblem(f.name, format.data) : 'Choose the format of this file.';
            const hashed = session.hashed.get(f.id);
            const rate = session.rates.get(f.id);
            const speed = rate?.speed(now) ?? null;
            return (
              <li key={f.id} className="grid gap-3 px-4 py-3 md:grid-cols-[minmax(0,1.4fr)_minmax(0,2fr)_minmax(0,1.6fr)] md:items-center" data-testid="upload-row">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900" title={f.name}>
                    {f.name}
                  </p>
                  <p className="text-xs text-slate-500">
                    {formatBytes(size)}
                    {f.meta.resumed ? ' · resuming an earlier upload' : ''}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <label className="sr-only" htmlFor={`format-${f.id}`}>
                    Format of {f.name}
                  </label>
                  <select
                    id={`format-${f.id}`}
                    value={f.meta.format}
                    disabled={locked}
                    onChange={(e) => uppy.setFileMeta(f.id, { ...metaOf(f.meta), format: e.target.value })}
                    className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm disabled:bg-slate-50 disabled:text-slate-500"
                  >
                    <option value="">Format…</option>
                    {FILE_FORMATS.map((x) => (
                      <option key={x} value={x}>
                        {FORMAT_LABELS[x]}
                      </option>
                    ))}
                  </select>
                  <label className="sr-only" htmlFor={`arch-${f.id}`}>
                    Architecture of {f.name}
                  </label>
                  <select
                    id={`arch-${f.id}`}
                    value={f.meta.architecture}
                    disabled={locked}
                    onChange={(e) => uppy.setFileMeta(f.id, { ...metaOf(f.meta), architecture: e.target.value })}
                    className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm disabled:bg-slate-50 disabled:text-slate-500"
                  >
                    {ARCHITECTURES.map((x) => (
                      <option key={x} value={x}>
                        {ARCH_LABELS[x]}
                      </option>
                    ))}
                  </select>
                  {f.meta.format === 'VAGRANT_BOX' && (
                    <>
                      <label className="sr-only" htmlFor={`provider-${f.id}`}>
                        Vagrant provider of {f.name}
                      </label>
                      <select
                        id={`provider-${f.id}`}
                        value={f.meta.provider}
                        disabled={locked}
                        onChange={(e) => uppy.setFileMeta(f.id, { ...metaOf(f.meta), provider: e.target.value })}
                        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm disabled:bg-slate-50 disabled:text-slate-500"
                      >
                        <option value="">Provider from metadata.json</option>
                        {VAGRANT_PROVIDERS.map((p) => (
                          <option key={p} value={p}>
                            {p}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                  {!started && problem && <p className="w-full text-xs text-red-600">{problem}</p>}
                </div>
                <div className="min-w-0 text-sm">
                  {f.progress.uploadComplete ? (
                    <p className="font-medium text-emerald-700">Uploaded · verification queued</p>
                  ) : f.error ? (
                    <p className="text-red-700">{f.error}</p>
                  ) : started ? (
                    <div className="space-y-1">
                      <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label={`Upload of ${f.name}`} aria-valuenow={percent(uploaded, size)} aria-valuemin={0} aria-valuemax={100}>
                        <div className={cn('h-full rounded-full transition-[width]', f.isPaused ? 'bg-slate-400' : 'bg-brand-600')} style={{ width: `${percent(uploaded, size)}%` }} />
                      </div>
                      <p className="flex flex-wrap gap-x-2 text-xs text-slate-600 tabular-nums">
                        <span data-testid="upload-percent">{percent(uploaded, size)}%</span>
                        {f.isPaused ? (
                          <span>paused</span>
                        ) : (
                          <>
                            <span>{formatSpeed(speed)}</span>
                            <span>{formatTimeLeft(rate?.secondsLeft(size, now) ?? null)}</span>
                          </>
                        )}
                        <span className="text-slate-500">
                          {session.digests.has(f.id) ? 'SHA-256 ready' : hashed !== undefined ? `checksum ${percent(hashed, size)}%` : ''}
                        </span>
                      </p>
                    </div>
                  ) : (
                    <p className="text-slate-500">{problem ? 'Needs attention' : 'Ready to upload'}</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function UnfinishedUploads({ uploads, attached, onDiscarded }: { uploads: UnfinishedUpload[]; attached: Set<string>; onDiscarded: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = uploads.filter((u) => !attached.has(u.uploadId));
  if (open.length === 0) return null;
  return (
    <div className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="unfinished-uploads">
      <p className="font-medium">Unfinished uploads</p>
      <p className="text-amber-800">Add the same file again to continue where it stopped; parts already in storage are not sent again.</p>
      <ul className="mt-2 space-y-1.5">
        {open.map((u) => (
          <li key={u.uploadId} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              <span className="font-medium">{u.fileName}</span> · {formatBytes(u.size)} · {FORMAT_LABELS[u.format]} ({ARCH_LABELS[u.architecture]}
              {u.provider ? `, ${u.provider}` : ''}) · started {formatDateTime(u.createdAt)}
            </span>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              disabled={busy === u.uploadId}
              onClick={async () => {
                setBusy(u.uploadId);
                setError(null);
                try {
                  await uploadApi.abort(u.uploadId);
                  onDiscarded();
                } catch (e) {
                  setError((e as Error).message);
                } finally {
                  setBusy(null);
                }
              }}
            >
              Discard
            </Button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
