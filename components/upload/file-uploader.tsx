'use client';

// Uploads a version's files with Uppy's Dashboard and @uppy/aws-s3, straight to S3 in parts. The
// server owns each multipart upload (it creates it with a key of its choosing and completes it);
// Uppy's S3 client gets, through `signRequest`, a presigned URL per part, the server's list of
// parts already in S3 when it (re)starts a file, and our completion endpoint, which speaks S3's
// CompleteMultipartUpload dialect. Meanwhile the browser reads the file once more to compute its
// SHA-256, sent with the completion. Picking the same file again after a reload resumes the
// unfinished upload: Uppy asks for the parts S3 has and sends only the rest.
//
// Progress is shown once, in the file's row (Uppy's own status bar is off): one percent, one
// speed, one time left, from lib/core/transfer-progress.ts like `apx`. After the upload the row follows
// the file through verification (the page refreshes while files are being verified).
import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import Uppy from '@uppy/core';
import AwsS3, { type AwsBody } from '@uppy/aws-s3';
import Dashboard from '@uppy/react/dashboard';
import { useUppyState } from '@uppy/react';
import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';
import '@/components/upload/uploader.css';
import { sha256OfBlob } from '@/components/upload/hash-file';
import { useUppyDashboardA11y } from '@/components/upload/uppy-a11y';
import { listPartsXml, s3ErrorMessage, uploadApi } from '@/components/upload/upload-api';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { UnfinishedUpload } from '@/lib/core/publishing/api-schemas';
import { ARCHITECTURES, FILE_FORMATS, isArchitecture, isFileFormat, type FileStatus } from '@/lib/core/publishing/enums';
import { FORMAT_EXTENSIONS, VAGRANT_PROVIDERS, fileNameProblem, guessArchitecture, guessFormat } from '@/lib/core/uploads/file-types';
import { partSizeFor } from '@/lib/core/uploads/part-size';
import { ARCH_LABELS, FORMAT_LABELS, formatBytes, formatDateTime, plural } from '@/lib/core/format';
import { TransferRate, percentDone, transferParts, type TransferState } from '@/lib/core/transfer-progress';

// fileId: the server's id of the file, known once its upload is complete.
type UploadMeta = { format: string; architecture: string; provider: string; resumed: string; fileId: string };
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
    meta: { format: '', architecture: 'AMD64', provider: '', resumed: '', fileId: '' },
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
      uppy.setFileMeta(file.id, { format: match.format, architecture: match.architecture, provider: match.provider, resumed: match.uploadId, fileId: '' });
      uppy.setFileState(file.id, { s3Multipart: { uploadId: match.s3UploadId, key: match.key } });
      session.attach(file.id, match.uploadId, match.s3UploadId);
      uppy.info(`Resuming the earlier upload of ${file.name}: parts already in storage are skipped.`, 'info', 6000);
      return;
    }
    uppy.setFileMeta(file.id, { format: guessFormat(file.name) ?? '', architecture: guessArchitecture(file.name), provider: '', resumed: '', fileId: '' });
  });

  uppy.on('file-removed', (file) => session.forget(file.id));

  uppy.on('upload-progress', (file, progress) => {
    if (file && typeof progress.bytesUploaded === 'number') session.rate(file.id).add(Date.now(), progress.bytesUploaded);
  });

  uppy.on('upload-success', (file, response) => {
    // Our completion answers with the file's id as the object key (lib/core/uploads/s3-dialect.ts).
    const key = (response.body as { key?: unknown } | undefined)?.key;
    if (file && typeof key === 'string') uppy.setFileMeta(file.id, { ...metaOf(file.meta), fileId: key });
    options.onDone();
  });

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
        const format = file.meta.format;
        const architecture = file.meta.architecture;
        if (!isFileFormat(format) || !isArchitecture(architecture)) {
          problems.push(`${file.name}: choose its format.`);
          continue;
        }
        const nameProblem = fileNameProblem(file.name, format);
        if (nameProblem) {
          problems.push(`${file.name}: ${nameProblem}`);
          continue;
        }
        try {
          const created = await uploadApi.create({
            versionId,
            format,
            architecture,
            provider: format === 'VAGRANT_BOX' ? file.meta.provider : undefined,
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
  return { format: m.format, architecture: m.architecture, provider: m.provider, resumed: m.resumed, fileId: m.fileId };
}

/** A file of this version as the page last saw it on the server. */
export interface ServerFileStatus {
  id: string;
  status: FileStatus;
  rejectReason: string | null;
}

/** One line of figures: percent, amounts, speed, time left (the same pieces `apx` prints). */
function ProgressLine({ state, extra, testId }: { state: TransferState; extra?: string; testId: string }) {
  const p = transferParts(state);
  const rest = [p.amount, p.speed, p.timeLeft].filter(Boolean).join(' · ');
  return (
    <p className="text-xs text-slate-700 tabular-nums" data-testid={testId}>
      {p.percent && (
        <>
          <span data-testid="upload-percent" className="font-medium text-slate-900">
            {p.percent}
          </span>
          {' · '}
        </>
      )}
      {rest}
      {extra && <span className="text-slate-600"> · {extra}</span>}
    </p>
  );
}

/** What the row says once the bytes are in: the server's verdict, followed as it changes. */
function VerificationStatus({ file }: { file: ServerFileStatus | undefined }) {
  if (file?.status === 'VERIFIED') {
    return (
      <p className="flex items-center gap-1.5 font-medium text-emerald-700" data-testid="upload-status">
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-current">
          <path d="M8.1 13.4 4.7 10l-1.2 1.2 4.6 4.6 8.5-8.5-1.2-1.2z" />
        </svg>
        Verified
      </p>
    );
  }
  if (file?.status === 'REJECTED') {
    return (
      <p className="text-red-700" data-testid="upload-status">
        Rejected: {file.rejectReason ?? 'the file did not pass verification.'}
      </p>
    );
  }
  return (
    <p className="font-medium text-emerald-700" data-testid="upload-status">
      {file?.status === 'INSPECTING' ? 'Uploaded · verifying (SHA-256, format, contents)…' : 'Uploaded · verification queued'}
    </p>
  );
}

export function FileUploader({
  versionId,
  maxBytes,
  unfinished,
  files: serverFiles = [],
}: {
  versionId: string;
  maxBytes: number;
  unfinished: UnfinishedUpload[];
  /** The version's files with their verification status, refreshed with the page. */
  files?: ServerFileStatus[];
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

  const serverById = new Map(serverFiles.map((f) => [f.id, f]));
  const bytesOf = (f: (typeof list)[number]) => (typeof f.progress.bytesUploaded === 'number' ? f.progress.bytesUploaded : 0);
  const uploading = list.filter((f) => f.progress.uploadStarted && !f.progress.uploadComplete && !f.error);
  const moving = uploading.filter((f) => !f.isPaused);
  const waiting = list.filter((f) => !f.progress.uploadStarted && !f.error);
  const failed = list.filter((f) => f.error);
  // With several files uploading, one line adds them up; a single file's row is the only line.
  const speeds = moving.map((f) => session.rates.get(f.id)?.speed(now) ?? null);
  const totalSpeed = speeds.every((v) => v !== null) && speeds.length ? speeds.reduce((a, b) => a + (b ?? 0), 0) : null;
  const total: TransferState = {
    done: uploading.reduce((n, f) => n + bytesOf(f), 0),
    total: uploading.reduce((n, f) => n + (f.size ?? 0), 0),
    speed: totalSpeed,
    secondsLeft: totalSpeed ? moving.reduce((n, f) => n + ((f.size ?? 0) - bytesOf(f)), 0) / totalSpeed : null,
    paused: moving.length === 0,
  };

  return (
    <div className="space-y-4">
      {unfinished.length > 0 && <UnfinishedUploads
          uploads={unfinished}
          attached={new Set(list.map((f) => f.meta.resumed).filter(Boolean))}
          onPick={(file) => {
            try {
              uppy.addFile({ name: file.name, type: file.type, data: file, source: 'Local' });
            } catch {
              // Uppy has said why (a restriction, a duplicate) in its own message.
            }
          }}
          onDiscarded={() => router.refresh()}
        />}

      <div ref={dashboard}>
        <Dashboard
          uppy={uppy}
          height={300}
          width="100%"
          proudlyDisplayPoweredByUppy={false}
          note={`OVA, OVF bundle (.zip), VMDK, qcow2, raw, ISO or Vagrant box · up to ${formatBytes(maxBytes)} each · pause and resume any time`}
          showRemoveButtonAfterComplete={false}
          // The file rows below show the one progress; Uppy's bar would be a second, different one.
          disableStatusBar
        />
      </div>

      {(waiting.length > 0 || failed.length > 0 || uploading.length > 1) && (
        <div className="flex flex-wrap items-center gap-3">
          {waiting.length > 0 && (
            <Button type="button" onClick={() => uppy.upload().catch(() => {})}>
              Upload {plural(waiting.length, 'file')}
            </Button>
          )}
          {failed.length > 0 && (
            <Button type="button" variant="secondary" onClick={() => uppy.retryAll().catch(() => {})}>
              Retry {plural(failed.length, 'failed upload')}
            </Button>
          )}
          {uploading.length > 1 && (
            <div className="min-w-0 flex-1 text-sm" data-testid="upload-summary">
              <span className="font-medium text-slate-900">{plural(uploading.length, 'file')} uploading: </span>
              <ProgressLine state={total} testId="upload-summary-line" />
            </div>
          )}
        </div>
      )}

      {list.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" aria-label="Files to upload">
          {list.map((f) => {
            const started = !!f.progress.uploadStarted;
            const locked = started || !!f.meta.resumed;
            const uploaded = bytesOf(f);
            const size = f.size ?? 0;
            const pct = percentDone(uploaded, size) ?? 0;
            const problem = isFileFormat(f.meta.format) ? fileNameProblem(f.name, f.meta.format) : 'Choose the format of this file.';
            const hashed = session.hashed.get(f.id);
            const rate = session.rates.get(f.id);
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
                    <VerificationStatus file={f.meta.fileId ? serverById.get(f.meta.fileId) : undefined} />
                  ) : f.error ? (
                    <p className="text-red-700">{f.error}</p>
                  ) : started ? (
                    <div className="space-y-1">
                      <div className="h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label={`Upload of ${f.name}`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
                        <div className={cn('h-full rounded-full transition-[width]', f.isPaused ? 'bg-slate-400' : 'bg-brand-600')} style={{ width: `${pct}%` }} />
                      </div>
                      <ProgressLine
                        testId="upload-progress"
                        state={{ done: uploaded, total: size, speed: rate?.speed(now) ?? null, secondsLeft: rate?.secondsLeft(size, now) ?? null, paused: f.isPaused }}
                        extra={session.digests.has(f.id) ? 'SHA-256 ready' : hashed !== undefined ? 'computing SHA-256' : undefined}
                      />
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

/**
 * Uploads a reload (or a closed tab) left unfinished. The browser cannot reopen a file by itself,
 * so each says which file to pick again, how much of it is already stored, and offers the picker.
 */
function UnfinishedUploads({ uploads, attached, onPick, onDiscarded }: { uploads: UnfinishedUpload[]; attached: Set<string>; onPick: (file: File) => void; onDiscarded: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stored, setStored] = useState<Record<string, number>>({});
  const pickers = useRef(new Map<string, HTMLInputElement>());
  const open = uploads.filter((u) => !attached.has(u.uploadId));
  const key = open.map((u) => u.uploadId).join(',');
  useEffect(() => {
    let live = true;
    for (const u of open) {
      uploadApi.listParts(u.uploadId).then(
        ({ parts }) => live && setStored((s) => ({ ...s, [u.uploadId]: parts.reduce((n, p) => n + p.Size, 0) })),
        () => {},
      );
    }
    return () => {
      live = false;
    };
    // The list of uploads is what matters, not the array's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (open.length === 0) return null;
  return (
    <div className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="unfinished-uploads">
      <p className="font-medium">{open.length === 1 ? 'An upload is unfinished' : `${open.length} uploads are unfinished`}</p>
      <p className="text-amber-900">Pick the same file again to finish: the parts already stored are not sent again.</p>
      <ul className="mt-2 space-y-2">
        {open.map((u) => {
          const done = stored[u.uploadId];
          const pct = done === undefined ? null : percentDone(done, u.size);
          return (
            <li key={u.uploadId} className="flex flex-wrap items-center justify-between gap-2" data-testid="unfinished-upload">
              <span className="min-w-0">
                Pick <span className="font-medium break-all">{u.fileName}</span> ({formatBytes(u.size)}, {FORMAT_LABELS[u.format]} {ARCH_LABELS[u.architecture]}
                {u.provider ? `, ${u.provider}` : ''}) again
                {pct !== null && done !== undefined && (
                  <span data-testid="unfinished-stored">
                    {' '}
                    · {done > 0 ? `${pct}% stored (${formatBytes(done)} of ${formatBytes(u.size)})` : 'no part was stored yet'}
                  </span>
                )}
                <span className="text-amber-800"> · started {formatDateTime(u.createdAt)}</span>
              </span>
              <span className="flex gap-1">
                <input
                  type="file"
                  className="sr-only"
                  tabIndex={-1}
                  aria-hidden
                  ref={(el) => {
                    if (el) pickers.current.set(u.uploadId, el);
                    else pickers.current.delete(u.uploadId);
                  }}
                  onChange={(e) => {
                    const picked = e.target.files?.[0];
                    e.target.value = '';
                    if (!picked) return;
                    if (picked.name !== u.fileName || picked.size !== u.size) {
                      setError(`That is ${picked.name} (${formatBytes(picked.size)}); to finish this upload pick ${u.fileName} (${formatBytes(u.size)}). Another file can be added below as a new upload.`);
                      return;
                    }
                    setError(null);
                    onPick(picked);
                  }}
                />
                <Button type="button" variant="secondary" size="sm" onClick={() => pickers.current.get(u.uploadId)?.click()} aria-label={`Pick file… for ${u.fileName}`}>
                  Pick file…
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  disabled={busy === u.uploadId}
                  aria-label={`Discard the upload of ${u.fileName}`}
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
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
