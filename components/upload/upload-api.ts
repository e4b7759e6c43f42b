// The browser's calls to the uploads API (same origin, session cookie). Errors carry the server's
// problem+json detail, which is written for people.
import type { CreateUploadRequest, CreatedUpload } from '@/lib/core/publishing/api-schemas';

export class UploadApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadApiError';
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = (body ?? {}) as { detail?: string; errors?: Record<string, string> };
    const fieldMessage = problem.errors ? Object.values(problem.errors)[0] : undefined;
    throw new UploadApiError(fieldMessage && problem.detail === 'The request did not validate.' ? fieldMessage : (problem.detail ?? `The server answered ${res.status}.`), res.status);
  }
  return body as T;
}

export const uploadApi = {
  create: (input: CreateUploadRequest) => request<CreatedUpload>('/api/v1/uploads', { method: 'POST', body: JSON.stringify(input) }),
  signPart: (uploadId: string, partNumber: number) =>
    request<{ url: string }>(`/api/v1/uploads/${encodeURIComponent(uploadId)}/parts/${partNumber}`, { method: 'POST' }),
  listParts: (uploadId: string) => request<{ parts: { PartNumber: number; ETag: string; Size: number }[] }>(`/api/v1/uploads/${encodeURIComponent(uploadId)}/parts`),
  abort: (uploadId: string) => request<void>(`/api/v1/uploads/${encodeURIComponent(uploadId)}`, { method: 'DELETE' }),
};

// Uppy's reader decodes only the five named entities.
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** The parts as S3's ListPartsResult document, which Uppy's S3 client reads. */
export function listPartsXml(parts: { PartNumber: number; ETag: string; Size: number }[]): string {
  const items = parts.map((p) => `<Part><PartNumber>${p.PartNumber}</PartNumber><ETag>${escapeXml(p.ETag.replaceAll('"', ''))}</ETag><Size>${p.Size}</Size></Part>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult>${items}</ListPartsResult>`;
}

/** The <Message> of an S3-style error document (what our XML completion answers with on failure). */
export function s3ErrorMessage(body: unknown): string | null {
  if (typeof body !== 'string') return null;
  const m = /<Message>([\s\S]*?)<\/Message>/.exec(body);
  return m ? m[1].replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '') : null;
}
