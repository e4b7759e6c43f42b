// Uppy's S3 client (the upload page) completes a multipart upload by POSTing S3's own
// CompleteMultipartUpload XML to the URL it is given and reading S3's XML answer. Our completion
// endpoint speaks that dialect too, so the browser completes through the server, which checks the
// object and queues its verification. Tiny, fixed documents: no DTDs, entities or comments.
import { invalid } from '@/lib/core/errors';

export function isXmlRequest(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  return type.includes('application/xml') || type.includes('text/xml');
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
const unescapeXml = (s: string) => s.replace(/&(quot|apos|lt|gt|amp|#34);/g, (_, e: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', '#34': '"' })[e] ?? '');

/** The parts listed in a CompleteMultipartUpload document. */
export function parseCompleteMultipartXml(text: string): { PartNumber: number; ETag: string }[] {
  if (text.length > 2_000_000) throw invalid('The part list is too long.');
  if (text.includes('<!')) throw invalid('Document type declarations, entities and comments are not accepted.');
  const body = /<CompleteMultipartUpload(?:\s[^>]*)?>([\s\S]*)<\/CompleteMultipartUpload>/.exec(text)?.[1];
  if (body === undefined) throw invalid('Send a CompleteMultipartUpload document.');
  const parts: { PartNumber: number; ETag: string }[] = [];
  for (const m of body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const number = /<PartNumber>\s*(\d{1,5})\s*<\/PartNumber>/.exec(m[1])?.[1];
    const etag = /<ETag>([^<]{1,200})<\/ETag>/.exec(m[1])?.[1];
    if (!number || !etag) throw invalid('Each Part needs a PartNumber and an ETag.');
    parts.push({ PartNumber: Number(number), ETag: unescapeXml(etag.trim()) });
  }
  return parts;
}

export function completeResultXml(r: { location: string; bucket: string; key: string; fileId: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult><Location>${escapeXml(r.location)}</Location><Bucket>${escapeXml(r.bucket)}</Bucket><Key>${escapeXml(r.key)}</Key><ETag>&quot;${escapeXml(r.fileId)}&quot;</ETag></CompleteMultipartUploadResult>`;
}

export function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
}
